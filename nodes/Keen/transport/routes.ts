import type { IHttpRequestMethods } from 'n8n-workflow';

import type { KeenScope, KeyKind } from './types';

/**
 * What a 2xx answer of a route must be (docs/keen-api.md §3); anything else is refused by the
 * transport, never turned into items:
 * - `result`: a JSON object holding `result` (analyses, extractions, saved-query results);
 * - `object`: a JSON object (a definition, a schema, a created key, a batch's per-event answers);
 * - `array`: a JSON array (collections, saved queries, access keys, projects);
 * - `datasetPage`: a JSON object holding a `datasets` array (§9.4);
 * - `none`: no body (204), or a JSON object that is ignored;
 * - `objectOrNone`: a JSON object or no body (revoke / unrevoke: UNCONFIRMED, §17.15).
 */
export type AnswerShape = 'result' | 'object' | 'array' | 'datasetPage' | 'none' | 'objectOrNone';

/** One of Keen's endpoints as the package uses it: declared once, read by the credential, the transport and the tests. */
export interface KeenRoute {
	method: IHttpRequestMethods;
	scope: KeenScope;
	/** Path below the scope prefix, with `{name}` for a segment taken from a field, e.g. `/events/{collection}`. */
	template: string;
	keyKind: KeyKind;
	answer: AnswerShape;
	/**
	 * Keen's sources disagree on the key (docs/keen-api.md §3 rows 7b, 7d, 8): the node sends the read
	 * key and, when Keen refuses it, repeats the request once with the master key (transport/index.ts).
	 */
	masterKeyMayBeRequired?: boolean;
}

function route(text: string, keyKind: KeyKind, answer: AnswerShape, extra: Partial<KeenRoute> = {}): KeenRoute {
	const [method, template] = text.split(' ');
	return Object.freeze({ method: method as IHttpRequestMethods, scope: 'project', template, keyKind, answer, ...extra });
}

const ORGANIZATION = { scope: 'organization' } as const;
const DISPUTED = { masterKeyMayBeRequired: true } as const;

/** Every Keen route the package knows, project routes below `/3.0/projects/{PID}`, organization ones below `/3.0/organizations/{ORG}`. */
export const ROUTES = {
	recordBatch: route('POST /events', 'write', 'object'),
	/** Not sent by the node (it records through the batch route); the credential serves it for n8n's HTTP Request node. */
	recordEvent: route('POST /events/{collection}', 'write', 'object'),
	listCollections: route('GET /events', 'read', 'array'),
	getCollection: route('GET /events/{collection}', 'read', 'object'),
	getProperty: route('GET /events/{collection}/properties/{property}', 'read', 'object'),
	deleteEvents: route('DELETE /events/{collection}', 'master', 'none'),
	deleteProperty: route('DELETE /events/{collection}/properties/{property}', 'master', 'none'),
	getLimits: route('GET /limits', 'master', 'object'),
	listQueryResources: route('GET /queries', 'read', 'object', DISPUTED),
	listSavedQueries: route('GET /queries/saved', 'master', 'array'),
	getSavedQuery: route('GET /queries/saved/{name}', 'master', 'object'),
	putSavedQuery: route('PUT /queries/saved/{name}', 'master', 'object'),
	deleteSavedQuery: route('DELETE /queries/saved/{name}', 'master', 'none'),
	getSavedQueryResult: route('GET /queries/saved/{name}/result', 'read', 'result'),
	runAnalysis: route('POST /queries/{analysis}', 'read', 'result'),
	/** Not sent by the node (it POSTs every analysis); the credential serves it for n8n's HTTP Request node. */
	runAnalysisByGet: route('GET /queries/{analysis}', 'read', 'result'),
	listDatasets: route('GET /datasets', 'read', 'datasetPage', DISPUTED),
	getDataset: route('GET /datasets/{name}', 'read', 'object', DISPUTED),
	putDataset: route('PUT /datasets/{name}', 'master', 'object'),
	deleteDataset: route('DELETE /datasets/{name}', 'master', 'none'),
	getDatasetResults: route('GET /datasets/{name}/results', 'read', 'result'),
	createAccessKey: route('POST /keys', 'master', 'object'),
	listAccessKeys: route('GET /keys', 'master', 'array'),
	getAccessKey: route('GET /keys/{key}', 'master', 'object'),
	updateAccessKey: route('POST /keys/{key}', 'master', 'object'),
	deleteAccessKey: route('DELETE /keys/{key}', 'master', 'none'),
	revokeAccessKey: route('POST /keys/{key}/revoke', 'master', 'objectOrNone'),
	unrevokeAccessKey: route('POST /keys/{key}/unrevoke', 'master', 'objectOrNone'),
	listProjects: route('GET /projects', 'organization', 'array', ORGANIZATION),
	createProject: route('POST /projects', 'organization', 'object', ORGANIZATION),
	getProject: route('GET /projects/{project}', 'organization', 'object', ORGANIZATION),
	updateProject: route('POST /projects/{project}', 'organization', 'object', ORGANIZATION),
} as const satisfies Record<string, KeenRoute>;

export type RouteName = keyof typeof ROUTES;

export const ROUTE_LIST: readonly KeenRoute[] = Object.values(ROUTES);

/** "GET /events/{collection}", as the docs and errors write a route. */
export function routeText(route: KeenRoute): string {
	return `${route.method} ${route.scope === 'organization' ? '/organizations/{ORG}' : ''}${route.template}`;
}

/** Whether `path` (below the scope prefix, segments percent-encoded, no query) is an instance of the route's template. */
export function matchesRoute(route: KeenRoute, method: string, scope: KeenScope, path: string): boolean {
	if (route.method !== method.toUpperCase() || route.scope !== scope) return false;
	const pattern = route.template.split('/');
	const segments = path.replace(/\/+$/, '').split('/');
	return pattern.length === segments.length && pattern.every((part, i) => (part.startsWith('{') ? segments[i] !== '' : part === segments[i]));
}

/** The first route of `routes` a request matches; literal routes come before templated ones of the same length (`/queries/saved` before `/queries/{analysis}`). */
export function findRoute(method: string, scope: KeenScope, path: string, routes: readonly KeenRoute[] = ROUTE_LIST): KeenRoute | undefined {
	return routes.find((candidate) => matchesRoute(candidate, method, scope, path));
}
