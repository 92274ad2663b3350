import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { keenCredentials, runPoll } from '../../harness';
import { startKeenServer, type KeenServer } from '../../keen-server';

let server: KeenServer;
beforeAll(async () => {
	server = await startKeenServer({ port: 0 });
});
afterAll(async () => await server.close());
afterEach(() => server.setNow(null));

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

/** Stores events with the given keen.timestamps as received by Keen at `keenNow`; the server clock stays there. */
function receivedAt(keenNow: number, collection: string, events: Array<[string, number]>) {
	server.setNow(iso(keenNow));
	record(collection, events);
}

function extractions(collection: string) {
	return server.requests.filter((r) => r.path.endsWith('/queries/extraction') && (r.body as IDataObject)?.event_collection === collection);
}

describe('Keen Trigger → New Event', () => {
	it('starts watching on activation, then emits each event recorded between polls exactly once', async () => {
		const first = await poll('orders');
		expect(first.result).toBeNull();
		// One probe at activation: it reads Keen's clock and checks key and filters.
		expect(extractions('orders')).toHaveLength(1);
		expect(extractions('orders')[0].body).toMatchObject({ latest: 1 });
		const state = (first.staticData.newEvent as IDataObject).state as IDataObject;
		expect(Date.parse(String(state.since))).toBeGreaterThan(Date.now() - 10_000);
		expect(state).toEqual({ since: state.since, cursor: state.since, seen: {}, late: { cursor: state.since, seen: {} } });

		const t = Date.now();
		record('orders', [['o2', t - 5], ['o1', t - 10]]);
		server.clearRequests();
		const second = await poll('orders', first.staticData);
		expect(new Set(second.names)).toEqual(new Set(['o1', 'o2']));
		expect(second.items.find((item) => item.name === 'o1')).toMatchObject({ keen: { timestamp: iso(t - 10) } });

		const [request] = extractions('orders');
		expect(request).toMatchObject({ method: 'POST', path: `/3.0/projects/${server.projectId}/queries/extraction`, keyKind: 'read' });
		const body = request.body as IDataObject;
		// Selected on receipt (never before the activation); keen.timestamp only bounds the scan, a day either
		// side by default on this first poll, which also sweeps for late events.
		expect(body.filters).toEqual([{ property_name: 'keen.created_at', operator: 'gte', property_value: state.since }]);
		const timeframe = body.timeframe as IDataObject;
		expect(timeframe.start).toBe(iso(Date.parse(String(state.since)) - 24 * 60 * MIN));
		expect(Date.parse(String(timeframe.end))).toBeGreaterThanOrEqual(t + 24 * 60 * MIN);

		const third = await poll('orders', second.staticData);
		expect(third.result).toBeNull();

		record('orders', [['o3', Date.now() - 1]]);
		const fourth = await poll('orders', third.staticData);
		expect(fourth.names).toEqual(['o3']);
		expect(Object.keys(((fourth.staticData.newEvent as IDataObject).state as IDataObject).seen as IDataObject)).toHaveLength(3);
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

	it('backfills the events received in the chosen period on the first poll', async () => {
		const t = Date.now();
		receivedAt(t - 3 * 60 * MIN, 'backfill', [['old', t - 3 * 60 * MIN]]);
		receivedAt(t - 30 * MIN, 'backfill', [['recent', t - 30 * MIN], ['recent, stamped long ago', t - 5 * 60 * MIN]]);
		server.setNow(null);
		const first = await poll('backfill', {}, { backfillMinutes: 60, overlapMinutes: 0 });
		expect(new Set(first.names)).toEqual(new Set(['recent', 'recent, stamped long ago']));
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

describe('Keen Trigger → New Event: late and backdated events, clock skew, restarts', () => {
	const HOUR = 60 * MIN;
	/** The real time, on a whole second (Keen's Date header has whole seconds). */
	const wholeSecond = () => Math.floor(Date.now() / 1000) * 1000;
	const stateOf = (staticData: IDataObject) => (staticData.newEvent as IDataObject).state as IDataObject;

	it('emits an event received minutes late and one backdated by days inside the look-back window, once; older ones not', async () => {
		const k0 = wholeSecond();
		const options = { lookBackHours: 96 };
		server.setNow(iso(k0));
		const first = await poll('backdated', {}, options);
		receivedAt(k0 + MIN, 'backdated', [
			['ten minutes late', k0 + MIN - 10 * MIN],
			['backdated three days', k0 - 3 * 24 * HOUR],
			['older than the window', k0 - 5 * 24 * HOUR],
		]);
		const second = await poll('backdated', first.staticData, options);
		expect(new Set(second.names)).toEqual(new Set(['ten minutes late', 'backdated three days']));
		const third = await poll('backdated', second.staticData, options);
		expect(third.result).toBeNull();
	});

	it('with the default window of 24 hours, an event backdated by a day and a half is not emitted', async () => {
		const k0 = wholeSecond();
		server.setNow(iso(k0));
		const first = await poll('default-window');
		receivedAt(k0 + MIN, 'default-window', [['hour back', k0 - HOUR], ['36 hours back', k0 - 36 * HOUR]]);
		expect((await poll('default-window', first.staticData)).names).toEqual(['hour back']);
	});

	it.each([
		['ahead of', -10 * MIN],
		['behind', 10 * MIN],
	])("with n8n's clock 10 minutes %s Keen's, emits what Keen received after the activation, and nothing from before", async (_name, keenOffset) => {
		const collection = `skew${keenOffset}`;
		const k0 = wholeSecond() + keenOffset;
		receivedAt(k0 - 2 * MIN, collection, [['before activation', k0 - 2 * MIN]]);
		server.setNow(iso(k0));
		const first = await poll(collection);
		expect(stateOf(first.staticData).since).toBe(iso(k0));

		receivedAt(k0 + 1000, collection, [['a second after', k0 + 1000]]);
		receivedAt(k0 + 2 * MIN, collection, [['two minutes after', k0 + 2 * MIN]]);
		const second = await poll(collection, first.staticData);
		expect(second.names).toEqual(['a second after', 'two minutes after']);

		receivedAt(k0 + 20 * MIN, collection, [['twenty minutes after', k0 + 20 * MIN]]);
		const third = await poll(collection, second.staticData);
		expect(third.names).toEqual(['twenty minutes after']);
		expect((await poll(collection, third.staticData)).result).toBeNull();
	});

	it('10 polls with a restart between each and more events than the per-poll maximum: every event exactly once', async () => {
		// Every poll sweeps: the late events of each round are due at once.
		const options = { maxEvents: 4, sweepMinutes: 0 };
		let keenNow = wholeSecond() - HOUR;
		server.setNow(iso(keenNow));
		let staticData = (await poll('restarts', {}, options)).staticData;
		const recorded: string[] = [];
		const emitted: string[] = [];
		for (let round = 0; round < 10; round++) {
			keenNow += 30_000;
			// Six events per round, received at one instant (ties), stamped now, minutes late or hours back.
			const events = Array.from({ length: 6 }, (_, i): [string, number] => [`r${round}e${i}`, keenNow - [0, 1, 7, 30, 90, 600][i] * MIN]);
			receivedAt(keenNow, 'restarts', events);
			recorded.push(...events.map(([name]) => name));
			const run = await poll('restarts', staticData, options);
			emitted.push(...run.names.map(String));
			// A restart: n8n keeps only the JSON of the static data.
			staticData = JSON.parse(JSON.stringify(run.staticData)) as IDataObject;
		}
		expect(emitted).toHaveLength(40);
		for (let drain = 0; drain < 10; drain++) {
			const run = await poll('restarts', staticData, options);
			if (!run.result) break;
			emitted.push(...run.names.map(String));
			staticData = JSON.parse(JSON.stringify(run.staticData)) as IDataObject;
		}
		expect([...emitted].sort()).toEqual([...recorded].sort());
		expect(new Set(emitted).size).toBe(emitted.length);
	});
});

describe('Keen Trigger → New Event: the edges of its window (issue 22.7)', () => {
	const wholeSecond = () => Math.floor(Date.now() / 1000) * 1000;

	it('emits an event Keen received exactly at the moment watching started, once', async () => {
		const k0 = wholeSecond() - 10 * MIN;
		server.setNow(iso(k0));
		const first = await poll('at-start');
		expect(first.result).toBeNull();
		receivedAt(k0, 'at-start', [['at the start', k0]]);
		server.setNow(iso(k0 + MIN));
		const second = await poll('at-start', first.staticData);
		expect(second.names).toEqual(['at the start']);
		expect((await poll('at-start', second.staticData)).result).toBeNull();
	});

	it('after the first poll, still emits an event that shows up late with a receipt time inside the overlap window', async () => {
		const k0 = wholeSecond() - 20 * MIN;
		server.setNow(iso(k0));
		const first = await poll('overlap');
		receivedAt(k0 + 5 * MIN, 'overlap', [['first', k0 + 5 * MIN]]);
		server.setNow(iso(k0 + 10 * MIN));
		const second = await poll('overlap', first.staticData);
		expect(second.names).toEqual(['first']);
		// Keen makes an event visible a little after it received it: this one was received before
		// "first" but shows up only now, 2 minutes inside the default 5-minute overlap.
		receivedAt(k0 + 3 * MIN, 'overlap', [['shown late', k0 + 3 * MIN]]);
		server.setNow(iso(k0 + 11 * MIN));
		const third = await poll('overlap', second.staticData);
		expect(third.names).toEqual(['shown late']);
		expect((await poll('overlap', third.staticData)).result).toBeNull();
	});
});

describe('Keen Trigger → New Event: a narrow scan each poll, a sweep for late events at a slower cadence', () => {
	const HOUR = 60 * MIN;
	const wholeSecond = () => Math.floor(Date.now() / 1000) * 1000;
	const stateOf = (staticData: IDataObject) => (staticData.newEvent as IDataObject).state as IDataObject;
	/** The stored state as if the last sweep had finished `ago` ms before now (n8n's clock is not ours to move). */
	const sweptAgo = (staticData: IDataObject, ago: number): IDataObject => {
		const copy = JSON.parse(JSON.stringify(staticData)) as IDataObject;
		(stateOf(copy).late as IDataObject).sweptAt = iso(Date.now() - ago);
		return copy;
	};
	const lastExtraction = (collection: string) => extractions(collection).at(-1) as (typeof server.requests)[number];

	it('scans 15 minutes before the cursor between sweeps; a late event waits for the sweep, then comes once', async () => {
		const k0 = wholeSecond();
		// A day of history the narrow polls must not scan again and again.
		receivedAt(k0 - 3 * HOUR, 'narrow', Array.from({ length: 20 }, (_, i): [string, number] => [`history ${i}`, k0 - 3 * HOUR - i * MIN]));
		server.setNow(iso(k0));
		const first = await poll('narrow');

		receivedAt(k0 + 10 * MIN, 'narrow', [['first', k0 + 10 * MIN]]);
		const sweeping = await poll('narrow', first.staticData);
		expect(sweeping.names).toEqual(['first']);
		expect(lastExtraction('narrow').eventsScanned).toBe(21);
		expect(Date.parse(String((stateOf(sweeping.staticData).late as IDataObject).sweptAt))).toBeGreaterThan(Date.now() - 10_000);

		receivedAt(k0 + 12 * MIN, 'narrow', [['stamped 10 minutes back', k0 + 2 * MIN], ['stamped two hours back', k0 + 12 * MIN - 2 * HOUR]]);
		const steady = await poll('narrow', sweeping.staticData);
		expect(steady.names).toEqual(['stamped 10 minutes back']);
		const timeframe = (lastExtraction('narrow').body as IDataObject).timeframe as IDataObject;
		// The cursor (k0 + 10 min) minus the 5-minute overlap, minus 15 minutes of keen.timestamp.
		expect(timeframe.start).toBe(iso(k0 + 10 * MIN - 5 * MIN - 15 * MIN));
		expect(lastExtraction('narrow').eventsScanned).toBe(2);

		expect((await poll('narrow', sweptAgo(steady.staticData, 59 * MIN))).result).toBeNull();
		const swept = await poll('narrow', sweptAgo(steady.staticData, 60 * MIN));
		expect(swept.names).toEqual(['stamped two hours back']);
		// The sweep's own cursor (k0 + 10 min) minus the overlap, minus the whole day of look-back.
		expect(((lastExtraction('narrow').body as IDataObject).timeframe as IDataObject).start).toBe(iso(k0 + 5 * MIN - 24 * HOUR));
		expect((await poll('narrow', sweptAgo(swept.staticData, 2 * HOUR))).result).toBeNull();
	});

	it('a due sweep goes first, so a stream of recent events at the per-poll maximum cannot hold a late one back', async () => {
		const k0 = wholeSecond();
		server.setNow(iso(k0));
		const first = await poll('sweep-first');
		receivedAt(k0 + MIN, 'sweep-first', [['recent a', k0 + MIN], ['recent b', k0 + MIN], ['late', k0 - 2 * HOUR]]);
		const options = { maxEvents: 1 };
		const a = await poll('sweep-first', first.staticData, options);
		const b = await poll('sweep-first', a.staticData, options);
		const c = await poll('sweep-first', b.staticData, options);
		expect([a.names, b.names, c.names]).toEqual([['late'], ['recent a'], ['recent b']]);
	});

	it('a state saved before the sweep existed carries on: nothing emitted twice, nothing skipped', async () => {
		const k0 = wholeSecond();
		receivedAt(k0, 'upgrade', [['emitted by the old version', k0]]);
		const [old] = server.events('upgrade') as Array<{ keen: { id: string; created_at: string } }>;
		const stored = { since: iso(k0 - HOUR), cursor: old.keen.created_at, seen: { [old.keen.id]: old.keen.created_at } };
		const scope = (await poll('upgrade')).staticData.newEvent as IDataObject;
		receivedAt(k0 + MIN, 'upgrade', [['new', k0 + MIN], ['new, stamped three hours back', k0 - 3 * HOUR]]);

		const upgraded = await poll('upgrade', { newEvent: { scope: scope.scope, state: stored } });
		expect(upgraded.warnings).toEqual([]);
		expect(new Set(upgraded.names)).toEqual(new Set(['new', 'new, stamped three hours back']));
		expect((await poll('upgrade', upgraded.staticData, { sweepMinutes: 0 })).result).toBeNull();
	});
});
