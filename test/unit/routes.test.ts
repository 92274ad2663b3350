import { answerPreview, answerProblem } from '../../nodes/Keen/transport/answers';
import { findRoute, ROUTE_LIST, routeText, type KeenRoute } from '../../nodes/Keen/transport/routes';
import type { KeyKind } from '../../nodes/Keen/transport/types';
import type { Access } from '../keen-server/auth';
import { SERVER_ROUTES } from '../keen-server';

/** The kind of key that opens each access level of the local server (test/keen-server/auth.ts): the least privileged. */
const KIND_OF_ACCESS: Record<Access, KeyKind | undefined> = {
	public: undefined,
	organization: 'organization',
	master: 'master',
	query_definition: 'master',
	writes: 'write',
	schema: 'read',
	queries: 'read',
	saved_queries: 'read',
	datasets: 'read',
};

/** A path pattern with every parameter written `:`, whatever its name. */
const shape = (path: string) => path.replace(/\{[^}]+\}|:[a-z]+/gi, ':');

function serverPath(route: KeenRoute): string {
	return shape(`${route.scope === 'organization' ? '/3.0/organizations/{org}' : '/3.0/projects/{pid}'}${route.template}`);
}

describe('route table (transport/routes.ts)', () => {
	it('declares each route once', () => {
		expect(new Set(ROUTE_LIST.map(routeText)).size).toBe(ROUTE_LIST.length);
	});

	it('agrees with the local Keen server on every route: it exists, needs the same key, and the disputed ones are the same', () => {
		const server = SERVER_ROUTES.map((route) => {
			const access = typeof route.access === 'function' ? route.access(new URLSearchParams()) : route.access;
			return { route: `${route.method} ${shape(route.path)}`, kind: KIND_OF_ACCESS[access], disputed: route.masterOnlyVariant === true };
		});
		for (const route of ROUTE_LIST) {
			const declared = { route: `${route.method} ${serverPath(route)}`, kind: route.keyKind, disputed: route.masterKeyMayBeRequired === true };
			expect(server.find((entry) => entry.route === declared.route)).toEqual(declared);
		}
	});

	it('finds literal routes before templated ones', () => {
		expect(routeText(findRoute('GET', 'project', '/queries/saved')!)).toBe('GET /queries/saved');
		expect(routeText(findRoute('GET', 'project', '/queries/count')!)).toBe('GET /queries/{analysis}');
		expect(findRoute('GET', 'project', '/projects')).toBeUndefined();
		expect(routeText(findRoute('GET', 'organization', '/projects')!)).toBe('GET /organizations/{ORG}/projects');
		expect(findRoute('PUT', 'project', '/events/purchases')).toBeUndefined();
	});
});

describe('answerProblem (the answer a route declares)', () => {
	const JSON_TYPE = 'application/json; charset=utf-8';
	it.each([
		['result', JSON_TYPE, { result: 3 }],
		['result', 'application/json', { result: null }],
		['object', JSON_TYPE, { name: 'purchases' }],
		['array', JSON_TYPE, []],
		['datasetPage', JSON_TYPE, { datasets: [], next_page_url: null }],
		['none', undefined, ''],
		['none', undefined, undefined],
		['none', JSON_TYPE, {}],
		['objectOrNone', undefined, ''],
		['objectOrNone', JSON_TYPE, { key: 'k', is_active: false }],
	] as const)('accepts for %s: %s %j', (shape, contentType, body) => {
		expect(answerProblem(shape, contentType, body)).toBeUndefined();
	});

	it.each([
		['result', 'text/html', '<html><body>Please log in</body></html>', 'expected a JSON object with "result", got content of type text/html'],
		['result', 'text/plain', 'OK', 'expected a JSON object with "result", got content of type text/plain'],
		['result', JSON_TYPE, '{"result": 4', 'expected a JSON object with "result", got text that is not valid JSON'],
		['result', JSON_TYPE, { count: 4 }, 'expected a JSON object with "result", got a JSON object without the expected fields'],
		['result', JSON_TYPE, [1], 'expected a JSON object with "result", got a JSON array'],
		['result', JSON_TYPE, '', 'expected a JSON object with "result", got an empty body'],
		['array', JSON_TYPE, { result: [] }, 'expected a JSON array, got a JSON object without the expected fields'],
		['object', JSON_TYPE, 42, 'expected a JSON object, got the JSON value 42'],
		['object', undefined, { name: 'x' }, 'expected a JSON object, got content of type (none)'],
		['datasetPage', JSON_TYPE, { datasets: 'none' }, 'expected a JSON object with a "datasets" list, got a JSON object without the expected fields'],
		['none', 'text/html', '<html></html>', 'expected no body, or JSON, got content of type text/html'],
		['objectOrNone', JSON_TYPE, [], 'expected no body, or a JSON object, got a JSON array'],
	] as const)('refuses for %s: %s %j', (shape, contentType, body, problem) => {
		expect(answerProblem(shape, contentType, body)).toBe(problem);
	});

	it('previews the first 100 characters on one line', () => {
		expect(answerPreview(`<html>\n  <body>${'x'.repeat(200)}`)).toBe(`<html> <body>${'x'.repeat(87)}…`);
		expect(answerPreview(Buffer.from('plain'))).toBe('plain');
		expect(answerPreview({ a: 1 })).toBe('{"a":1}');
	});
});
