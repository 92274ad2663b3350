import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { keenCredentials, runPoll } from '../../harness';
import { startKeenServer, type KeenServer } from '../../keen-server';

let server: KeenServer;
beforeAll(async () => {
	server = await startKeenServer({ port: 0 });
});
afterAll(async () => await server.close());

/** The keenApi credential for the local server, as a plain record. */
const credentials = (overrides: Parameters<typeof keenCredentials>[1] = {}) => ({ ...keenCredentials(server, overrides) });

const MIN = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

function parameters(collection: string, eventOptions: IDataObject = {}): INodeParameters {
	return {
		event: 'newEvent',
		collection: { __rl: true, mode: 'list', value: collection },
		eventOptions: eventOptions as INodeParameters,
		requestOptions: { maxRetries: 1, retryDelay: 5 },
	};
}

async function poll(collection: string, staticData: IDataObject = {}, eventOptions: IDataObject = {}, mode: 'trigger' | 'manual' = 'trigger') {
	const run = await runPoll({ credentials: credentials(), parameters: parameters(collection, eventOptions), staticData, mode });
	const items = (run.result?.[0] ?? []).map((item) => item.json);
	return { ...run, items, names: items.map((item) => item.name) };
}

/** Stores events with the given keen.timestamps, as if Keen received them now. */
function record(collection: string, events: Array<[string, number]>) {
	server.ingest(collection, events.map(([name, ts]) => ({ name, keen: { timestamp: iso(ts) } })));
}

function extractions(collection: string) {
	return server.requests.filter((r) => r.path.endsWith('/queries/extraction') && (r.body as IDataObject)?.event_collection === collection);
}

describe('Keen Trigger → New Event', () => {
	it('starts watching on activation, then emits each event recorded between polls exactly once', async () => {
		const first = await poll('orders');
		expect(first.result).toBeNull();
		expect(extractions('orders')).toHaveLength(0);
		const state = (first.staticData.newEvent as IDataObject).state as IDataObject;
		expect(Date.parse(String(state.cursor))).toBeGreaterThan(Date.now() - 10_000);

		const t = Date.now();
		record('orders', [['o2', t - 5], ['o1', t - 10]]);
		const second = await poll('orders', first.staticData);
		expect(second.names).toEqual(['o1', 'o2']);
		expect(second.items[0]).toMatchObject({ name: 'o1', keen: { timestamp: iso(t - 10) } });

		const [request] = extractions('orders');
		expect(request).toMatchObject({ method: 'POST', path: `/3.0/projects/${server.projectId}/queries/extraction`, keyKind: 'read' });
		const timeframe = (request.body as IDataObject).timeframe as IDataObject;
		expect(timeframe.start).toBe(iso(Date.parse(String(state.cursor)) - 5 * MIN));
		expect(Date.parse(String(timeframe.end))).toBeGreaterThanOrEqual(t);

		const third = await poll('orders', second.staticData);
		expect(third.result).toBeNull();

		record('orders', [['o3', Date.now() - 1]]);
		const fourth = await poll('orders', third.staticData);
		expect(fourth.names).toEqual(['o3']);
		expect(Object.keys(((fourth.staticData.newEvent as IDataObject).state as IDataObject).seen as IDataObject)).toHaveLength(3);
	});

	it('emits an event that arrives late inside the overlap window once, not twice; older ones are out of reach', async () => {
		const first = await poll('late');
		record('late', [['a', Date.now() - 1]]);
		const second = await poll('late', first.staticData);
		expect(second.names).toEqual(['a']);
		const cursor = Date.parse(String(((second.staticData.newEvent as IDataObject).state as IDataObject).cursor));

		record('late', [['inside', cursor - 2 * MIN], ['outside', cursor - 20 * MIN]]);
		const third = await poll('late', second.staticData);
		expect(third.names).toEqual(['inside']);
		const fourth = await poll('late', third.staticData);
		expect(fourth.result).toBeNull();
	});

	it('carries on after a restart with its static data serialised to JSON and back', async () => {
		const first = await poll('restart');
		record('restart', [['r1', Date.now() - 1]]);
		const second = await poll('restart', first.staticData);
		expect(second.names).toEqual(['r1']);

		const restored = JSON.parse(JSON.stringify(second.staticData)) as IDataObject;
		record('restart', [['r2', Date.now() - 1]]);
		const third = await poll('restart', restored);
		expect(third.names).toEqual(['r2']);
	});

	it('emits at most Max Events per Poll, oldest first; the rest follow on the next polls', async () => {
		const first = await poll('burst');
		const t = Date.now();
		record('burst', Array.from({ length: 7 }, (_, i): [string, number] => [`b${i}`, t - 100 + i]));
		const options = { maxEvents: 3 };
		const a = await poll('burst', first.staticData, options);
		const b = await poll('burst', a.staticData, options);
		const c = await poll('burst', b.staticData, options);
		const d = await poll('burst', c.staticData, options);
		expect([a.names, b.names, c.names]).toEqual([['b0', 'b1', 'b2'], ['b3', 'b4', 'b5'], ['b6']]);
		expect(d.result).toBeNull();
	});

	it('backfills the chosen period on the first poll', async () => {
		const t = Date.now();
		record('backfill', [['old', t - 3 * 60 * MIN], ['recent', t - 30 * MIN]]);
		const first = await poll('backfill', {}, { backfillMinutes: 60, overlapMinutes: 0 });
		expect(first.names).toEqual(['recent']);
	});

	it('sends the Filters option and emits only matching events', async () => {
		const filtersJson = '[{"property_name": "price", "operator": "gt", "property_value": 10}]';
		const first = await poll('filtered', {}, { filtersJson });
		server.ingest('filtered', [
			{ name: 'big', price: 50, keen: { timestamp: iso(Date.now() - 2) } },
			{ name: 'small', price: 5, keen: { timestamp: iso(Date.now() - 1) } },
		]);
		const second = await poll('filtered', first.staticData, { filtersJson });
		expect(second.names).toEqual(['big']);
		expect((extractions('filtered')[0].body as IDataObject).filters).toEqual([{ property_name: 'price', operator: 'gt', property_value: 10 }]);
	});

	it('starts watching afresh when the watched collection or filters change', async () => {
		const first = await poll('before-change');
		record('after-change', [['x', Date.now() - 1]]);
		const second = await poll('after-change', first.staticData);
		expect(second.result).toBeNull();
		expect((second.staticData.newEvent as IDataObject).scope).not.toEqual((first.staticData.newEvent as IDataObject).scope);
	});

	it('reports invalid Filters JSON naming the field, with the state unchanged', async () => {
		await expect(poll('bad-filters', {}, { filtersJson: '[{"property_name": "price"' })).rejects.toThrow(
			/filters.*\(field "Filters \(JSON\)"\)/i,
		);
	});

	it('manual mode returns the most recent events and leaves the state untouched', async () => {
		const t = Date.now();
		record('manual', Array.from({ length: 12 }, (_, i): [string, number] => [`m${i}`, t - 1000 + i]));
		const stored = { newEvent: { scope: 'x', state: { cursor: iso(t), seen: {} } } };
		const run = await poll('manual', stored, {}, 'manual');
		expect(run.names).toEqual(['m11', 'm10', 'm9', 'm8', 'm7', 'm6', 'm5', 'm4', 'm3', 'm2']);
		expect(run.staticData).toEqual(stored);
		expect(extractions('manual')[0].body).toMatchObject({ latest: 10, timeframe: 'this_30_days' });

		const fresh = await poll('manual', {}, {}, 'manual');
		expect(fresh.staticData).toEqual({});
	});
});
