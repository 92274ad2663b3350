/**
 * What the engine tests (test/engine/) share: a local Keen server per test file, one run of the Keen
 * node against it, and readers of what the node sent, hinted and threw.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { keenCredentials, type KeenCredentialData } from './keen-credentials';
import { runNode, type RunNodeResult } from './run-node';
import { startKeenServer, type KeenServer, type KeenServerOptions } from '../keen-server';

/**
 * One local Keen server per test file for the management resources (saved queries, datasets,
 * access keys, projects), with purchase events to query and a request log cleared per test.
 * Without `variants` the server follows KEEN_LOCAL_VARIANTS (the strict run of `npm test`).
 */
export function useKeenServer(variants?: KeenServerOptions['variants']): () => KeenServer {
	let server: KeenServer;
	beforeAll(async () => {
		server = await startKeenServer({ port: 0, variants });
		server.ingest('purchases', [
			{ price: 10, country: 'FR', product: { id: 'p1' }, keen: { timestamp: new Date(Date.now() - 86_400_000).toISOString() } },
			{ price: 30, country: 'DE', product: { id: 'p2' }, keen: { timestamp: new Date(Date.now() - 86_400_000).toISOString() } },
			{ price: 5, country: 'FR', product: { id: 'p1' }, keen: { timestamp: new Date(Date.now() - 2 * 86_400_000).toISOString() } },
		]);
	});
	afterAll(async () => await server.close());
	beforeEach(() => server.clearRequests());
	return () => server;
}

/**
 * A bare local Keen server per test file for the tests that record events, handed to `receive`
 * once started; the request log and injected faults are cleared before every test.
 */
export function useEventServer(receive: (server: KeenServer) => void): void {
	let server: KeenServer;
	beforeAll(async () => {
		server = await startKeenServer({ port: 0 });
		receive(server);
	});
	afterAll(async () => await server.close());
	beforeEach(() => {
		server.clearRequests();
		server.faults.clear();
	});
}

/** A resource locator value as the editor stores it when a name/ID is typed. */
export function byName(value: string) {
	return { __rl: true, mode: 'name', value };
}

/** Runs the Keen node once; retries kept short so error paths stay fast. */
export async function run(
	server: KeenServer,
	parameters: INodeParameters,
	options: { credentials?: Partial<KeenCredentialData>; items?: IDataObject[]; continueOnFail?: boolean; typeVersion?: number } = {},
): Promise<RunNodeResult> {
	return await runNode({
		credentials: { ...keenCredentials(server, options.credentials) },
		parameters: { requestOptions: { retryDelay: 10, maxRetries: 0 }, ...parameters },
		items: options.items,
		continueOnFail: options.continueOnFail,
		typeVersion: options.typeVersion,
	});
}

/** Sets up server state over plain HTTP with the master key, as another Keen client would. */
export async function keenCall(server: KeenServer, method: string, path: string, body?: unknown, key = server.masterKey): Promise<unknown> {
	const response = await fetch(`${server.url}/3.0/projects/${server.projectId}${path}`, {
		method,
		headers: { Authorization: key, 'Content-Type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	if (!response.ok) throw new Error(`${method} ${path} → ${response.status} ${text}`);
	return text ? JSON.parse(text) : undefined;
}

type SentRequest = ReturnType<typeof sent>[number];

/**
 * What the node sends for a read where Keen's sources disagree on the key: the read key, and —
 * on a server that wants the master key there (`masterOnlyLists` variant) — the same request again
 * with the master key after Keen's refusal.
 */
export function readKeyRequests(server: KeenServer, request: Omit<SentRequest, 'keyKind'>): SentRequest[] {
	const asRead = { ...request, keyKind: 'read' as const };
	return server.variants.masterOnlyLists ? [asRead, { ...request, keyKind: 'master' as const }] : [asRead];
}

/**
 * The output items' JSON without the column that says what was asked (version 1.1 rows and answers
 * carry it for Chart → Render's title; test/engine/chart/titles.test.ts checks it).
 */
export function rowsOf(result: RunNodeResult): IDataObject[] {
	return result.items.map(({ json }) => {
		const { query, ...rest } = json;
		return query !== null && typeof query === 'object' && 'analysis_type' in query ? rest : json;
	});
}

/** The hints n8n shows above the node's output (addExecutionHints). */
export function hintsOf(result: RunNodeResult): string[] {
	const runData = result.run.data.resultData.runData;
	return Object.values(runData).flatMap((tasks) => tasks.flatMap((task) => (task.hints ?? []).map((hint) => hint.message)));
}

/** The requests the node sent, without the ones a test made for setup. */
export function sent(server: KeenServer) {
	return server.requests.map(({ method, path, query, keyKind, body }) => ({ method, path, query, keyKind, body }));
}

/**
 * A run that failed with Keen's answer: NodeApiError with the status, Keen's error_code and message.
 * (n8n-workflow rewords the top-level message of a 404 because "ResourceNotFoundError" contains
 * "ENOTFOUND", so Keen's words are checked where NodeApiError keeps them.)
 */
export function keenErrorOf(result: RunNodeResult): { name?: string; httpCode?: string | null; error_code?: unknown; message?: unknown } {
	const error = (result.error ?? {}) as { name?: string; httpCode?: string | null; errorResponse?: IDataObject };
	return { name: error.name, httpCode: error.httpCode, error_code: error.errorResponse?.error_code, message: error.errorResponse?.message };
}
