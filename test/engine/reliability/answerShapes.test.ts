import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { byName, run, useKeenServer } from '../../harness/engine-test-kit';
import { keenCredentials, runPoll } from '../../harness';
import type { KeenServer } from '../../keen-server';
import { call, projectUrl } from '../../keen-server/test-client';

/*
 * Issue 22 item 2: only the answer a route declares (transport/routes.ts) is data. A proxy or a
 * captive portal in front of Keen answering 200 with an HTML page, plain text, JSON of another
 * shape or cut-off JSON fails the run with an error naming status, content type and the start
 * of the answer: never an output item, and never trigger state.
 */

const getServer = useKeenServer();
beforeEach(() => getServer().faults.clear());

const HTML = { contentType: 'text/html; charset=utf-8', body: '<html><body><h1>Please log in</h1><form action="/login"></form></body></html>' };
const TEXT = { contentType: 'text/plain', body: 'Service temporarily moved' };
const TRUNCATED = { contentType: 'application/json', body: '{"result": [{"country": "FR", "result": 2}, {"coun' };

interface Case {
	operation: string;
	/** The request the fault answers, below the project prefix. */
	method: string;
	path: RegExp;
	parameters: INodeParameters;
	/** JSON of another shape than the route declares (none for a route that takes any JSON). */
	wrongShape?: string;
	items?: IDataObject[];
}

/** One operation per answer shape the route table declares. */
const CASES: Case[] = [
	{ operation: 'Query → Count (result)', method: 'POST', path: /\/queries\/count$/, parameters: { resource: 'query', operation: 'count', collection: byName('purchases') }, wrongShape: '{"count":3}' },
	{ operation: 'Collection → Get Schema (object)', method: 'GET', path: /\/events\/purchases$/, parameters: { resource: 'collection', operation: 'get', collection: byName('purchases') }, wrongShape: '["price","country"]' },
	{ operation: 'Collection → Get Many (array)', method: 'GET', path: /\/events$/, parameters: { resource: 'collection', operation: 'getAll', returnAll: true }, wrongShape: '{"result":[]}' },
	{ operation: 'Cached Dataset → Get Many (dataset page)', method: 'GET', path: /\/datasets$/, parameters: { resource: 'cachedDataset', operation: 'getAll', returnAll: true }, wrongShape: '{"items":[]}' },
	{ operation: 'Collection → Delete (no body)', method: 'DELETE', path: /\/events\/purchases$/, parameters: { resource: 'collection', operation: 'delete', collection: byName('purchases'), confirmWithoutTyping: true } },
	{ operation: 'Access Key → Revoke (object or no body)', method: 'POST', path: /\/keys\/ABC\/revoke$/, parameters: { resource: 'accessKey', operation: 'revoke', accessKey: byName('ABC') }, wrongShape: '[]' },
	{ operation: 'Event → Record (batch answer)', method: 'POST', path: /\/events$/, parameters: { resource: 'event', operation: 'record', collection: byName('answers') }, wrongShape: '["created"]', items: [{ n: 1 }] },
];

function answers(testCase: Case) {
	return [
		['an HTML page', HTML],
		['plain text', TEXT],
		['cut-off JSON', TRUNCATED],
		...(testCase.wrongShape ? [['JSON of another shape', { contentType: 'application/json; charset=utf-8', body: testCase.wrongShape }] as const] : []),
	] as const;
}

const TABLE = CASES.flatMap((testCase) => answers(testCase).map(([label, answer]) => [testCase.operation, label, testCase, answer] as const));

describe.each(TABLE)('%s, answered 200 with %s', (_operation, _label, testCase, answer) => {
	it('fails the run with the status, the content type and the start of the answer, and outputs nothing', async () => {
		const server = getServer();
		server.faults.add({ kind: 'reply', status: 200, ...answer, method: testCase.method, path: testCase.path });
		const result = await run(server, testCase.parameters, { items: testCase.items });
		expect(result.status).toBe('error');
		expect(result.items).toEqual([]);
		const message = String(result.error?.message);
		expect(message).toContain(`200 ${answer.contentType}`);
		expect(message).toContain(answer.body.replace(/\s+/g, ' ').slice(0, 40));
		expect(result.error?.description).toMatch(/^Expected .*Check the API URL/);
	});
});

it('redacts a key that the unexpected answer echoes', async () => {
	const server = getServer();
	server.faults.add({ kind: 'reply', status: 200, contentType: 'text/html', body: `<p>Welcome, ${server.readKey}</p>`, method: 'POST', path: /\/queries\/count$/ });
	const result = await run(server, { resource: 'query', operation: 'count', collection: byName('purchases') });
	expect(String(result.error?.message)).toContain('<p>Welcome, [redacted]</p>');
});

it('still takes the answers Keen gives (the same operations without a fault)', async () => {
	const server = getServer();
	for (const testCase of CASES.filter((c) => c.method === 'GET' || c.operation.startsWith('Query'))) {
		const result = await run(server, testCase.parameters);
		expect({ op: testCase.operation, status: result.status }).toEqual({ op: testCase.operation, status: 'success' });
	}
});

describe('Keen Trigger', () => {
	let server: KeenServer;
	beforeAll(async () => {
		server = getServer();
		const saved = await call(server, 'PUT', projectUrl(server, 'queries', 'saved', 'answer-shapes'), {
			key: server.masterKey,
			body: { refresh_rate: 0, query: { analysis_type: 'count', event_collection: 'purchases', timeframe: 'this_7_days' } },
		});
		expect(saved.status).toBeLessThan(300);
	});

	it.each([
		['Saved Query Result', { event: 'savedQueryResult', savedQuery: byName('answer-shapes') }, /\/queries\/saved\/answer-shapes\/result$/],
		['New Event', { event: 'newEvent', collection: byName('purchases') }, /\/queries\/extraction$/],
		['Metric Threshold', { event: 'metricThreshold', collection: byName('purchases'), analysisType: 'count', relativeTimeframe: 'this_7_days', threshold: 1, direction: 'above' }, /\/queries\/count$/],
	] as const)('%s keeps its stored state when Keen\'s answer is replaced by an HTML page', async (_name, parameters, path) => {
		const credentials = { ...keenCredentials(server) };
		const requestOptions = { maxRetries: 0, retryDelay: 5 };
		const first = await runPoll({ credentials, parameters: { ...parameters, requestOptions }, staticData: {} });
		expect(Object.keys(first.staticData)).toHaveLength(1);
		server.faults.add({ kind: 'reply', status: 200, ...HTML, path });
		const staticData = first.staticData;
		const before = JSON.parse(JSON.stringify(staticData)) as IDataObject;
		const later = await runPoll({ credentials, parameters: { ...parameters, requestOptions }, staticData }).catch((error: Error) => error);
		expect(later).toBeInstanceOf(Error);
		expect((later as Error).message).toContain('200 text/html; charset=utf-8 "<html><body><h1>Please log in');
		// What n8n still holds for the next poll is the state before the bad answer.
		expect(staticData).toEqual(before);
	});
});
