import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { keenCredentials, runPoll } from '../../harness';
import { startKeenServer, type KeenServer } from '../../keen-server';
import { seedSavedQuery } from '../savedQuery/seed';

let server: KeenServer;
beforeAll(async () => {
	server = await startKeenServer({ port: 0 });
});
afterAll(async () => await server.close());
afterEach(() => server.setNow(null));

const iso = (ms: number) => new Date(ms).toISOString();
const RETRIES = { maxRetries: 1, retryDelay: 5 };

async function poll(parameters: INodeParameters, staticData: IDataObject) {
	const run = await runPoll({ credentials: { ...keenCredentials(server) }, parameters, staticData });
	return { ...run, names: (run.result?.[0] ?? []).map((item) => item.json.name) };
}

const newEvent = (collection: string): INodeParameters => ({
	event: 'newEvent',
	collection: { __rl: true, mode: 'list', value: collection },
	requestOptions: RETRIES,
});

/** The malformed shapes (what a corrupted database or a hand edit could leave), given the valid entry's scope. */
const newEventShapes: Array<[string, (scope: string) => unknown]> = [
	['saved as an array', () => []],
	['saved as a string', () => 'corrupted'],
	['a numeric scope', () => ({ scope: 7, state: {} })],
	['state null', (scope) => ({ scope, state: null })],
	['state saved as an array', (scope) => ({ scope, state: [] })],
	['a cursor that is not a date', (scope) => ({ scope, state: { cursor: 'last tuesday', seen: {} } })],
	['a numeric cursor', (scope) => ({ scope, state: { cursor: 1714560000000, seen: {} } })],
	['no cursor', (scope) => ({ scope, state: { seen: {} } })],
	['seen: null', (scope) => ({ scope, state: { cursor: iso(Date.now()), seen: null } })],
	['seen as an array', (scope) => ({ scope, state: { cursor: iso(Date.now()), seen: ['x'] } })],
	['a seen entry without a date', (scope) => ({ scope, state: { cursor: iso(Date.now()), seen: { x: true } } })],
	['a since that is not a date', (scope) => ({ scope, state: { since: {}, cursor: iso(Date.now()), seen: {} } })],
	['a sweep state that is not an object', (scope) => ({ scope, state: { cursor: iso(Date.now()), seen: {}, late: 'x' } })],
	['a sweep time that is not a date', (scope) => ({ scope, state: { cursor: iso(Date.now()), seen: {}, late: { cursor: iso(Date.now()), seen: {}, sweptAt: 3 } } })],
];

describe('Keen Trigger: malformed stored state is replaced by a fresh state, with a warning in n8n\'s log', () => {
	it.each(newEventShapes)('New Event: %s', async (name, shape) => {
		const collection = `malformed-${name.replace(/\W+/g, '-')}`;
		const valid = await poll(newEvent(collection), {});
		const scope = (valid.staticData.newEvent as IDataObject).scope as string;
		// Keen's clock pinned on a whole second: its Date header (whole seconds) then is the exact repair time.
		const repairAt = Math.floor(Date.now() / 1000) * 1000 + 60_000;
		server.setNow(iso(repairAt - 1000));
		server.ingest(collection, [{ name: 'before the repair' }]);
		server.setNow(iso(repairAt));

		const repaired = await poll(newEvent(collection), { newEvent: shape(scope) as IDataObject });
		expect(repaired.result).toBeNull();
		expect(repaired.warnings).toEqual([expect.stringMatching(/^Keen Trigger \(New Event\): the stored trigger state is malformed \(.+\); starting afresh as on first activation$/)]);
		const state = (repaired.staticData.newEvent as IDataObject).state as IDataObject;
		expect(state).toEqual({ since: expect.any(String), cursor: state.since, seen: {}, late: { cursor: state.since, seen: {} } });

		server.setNow(iso(repairAt + 1000));
		server.ingest(collection, [{ name: 'after the repair' }]);
		const next = await poll(newEvent(collection), repaired.staticData);
		expect(next.names).toEqual(['after the repair']);
		expect(next.warnings).toEqual([]);
	});

	it('a changed collection (another scope) starts afresh without a warning', async () => {
		const run = await poll(newEvent('changed'), { newEvent: { scope: 'of other parameters', state: { anything: 1 } } });
		expect(run.warnings).toEqual([]);
	});

	it.each<[string, unknown]>([
		['saved as an array', [{ fingerprint: 'f' }]],
		['a numeric fingerprint', { fingerprint: 42 }],
	])('Saved Query Result: %s', async (_name, state) => {
		await seedSavedQuery(server, 'malformed-sq');
		server.ingest('purchases', [{ country: 'NL', price: 3 }]);
		const parameters: INodeParameters = {
			event: 'savedQueryResult',
			savedQuery: { __rl: true, mode: 'name', value: 'malformed-sq' },
			resultEmit: 'change',
			requestOptions: RETRIES,
		};
		const valid = await poll(parameters, {});
		const scope = (valid.staticData.savedQueryResult as IDataObject).scope;
		const repaired = await poll(parameters, { savedQueryResult: Array.isArray(state) ? state : { scope, state } });
		expect(repaired.warnings).toEqual([expect.stringMatching(/Saved Query Result.*malformed/)]);
		// A fresh state: the first result counts as a change and is emitted.
		expect(repaired.result?.[0]).toHaveLength(1);
		expect(repaired.staticData.savedQueryResult).toEqual(valid.staticData.savedQueryResult);
	});

	it.each<[string, unknown]>([
		['a side that is neither above nor below', { '': 'sideways' }],
		['a side of null', { '': null }],
	])('Metric Threshold: %s', async (_name, state) => {
		server.ingest('threshold-malformed', [{ price: 5 }]);
		const parameters: INodeParameters = {
			event: 'metricThreshold',
			collection: { __rl: true, mode: 'name', value: 'threshold-malformed' },
			analysisType: 'count',
			relativeTimeframe: 'this_1_hours',
			threshold: 0,
			direction: 'above',
			thresholdEmit: 'crossing',
			requestOptions: RETRIES,
		};
		const valid = await poll(parameters, {});
		expect(valid.result?.[0]).toHaveLength(1);
		const scope = (valid.staticData.metricThreshold as IDataObject).scope;
		const repaired = await poll(parameters, { metricThreshold: { scope, state } });
		expect(repaired.warnings).toEqual([expect.stringMatching(/Metric Threshold.*malformed/)]);
		// Fresh: the value already above the threshold counts as a crossing again.
		expect(repaired.result?.[0]).toHaveLength(1);
		expect(repaired.staticData).toEqual(valid.staticData);
	});
});
