import type { IDataObject } from 'n8n-workflow';

import { keenCredentials, runPoll } from '../../harness';
import { startKeenServer, type KeenServer } from '../../keen-server';

let server: KeenServer;
beforeAll(async () => {
	server = await startKeenServer({ port: 0 });
});
afterAll(async () => await server.close());

/** The keenApi credential for the local server, as a plain record. */
const credentials = (overrides: Parameters<typeof keenCredentials>[1] = {}) => ({ ...keenCredentials(server, overrides) });

const HOUR = 3_600_000;
/** The server's pinned clock: relative timeframes (this_1_hours) are read against it. */
let clock = Date.parse('2024-05-01T10:30:00.000Z');
function setClock(ms: number) {
	clock = ms;
	server.setNow(new Date(ms));
}

function parameters(collection: string, extra: IDataObject = {}) {
	return {
		event: 'metricThreshold',
		collection: { __rl: true, mode: 'name', value: collection },
		analysisType: 'count',
		relativeTimeframe: 'this_1_hours',
		threshold: 2,
		direction: 'above',
		thresholdEmit: 'crossing',
		requestOptions: { maxRetries: 1, retryDelay: 5 },
		...extra,
	};
}

async function poll(collection: string, staticData: IDataObject = {}, extra: IDataObject = {}, mode: 'trigger' | 'manual' = 'trigger') {
	const run = await runPoll({ credentials: credentials(), parameters: parameters(collection, extra), staticData, mode });
	const items = (run.result?.[0] ?? []).map((item) => item.json);
	return { ...run, items };
}

function record(collection: string, events: IDataObject[]) {
	server.ingest(collection, events.map((event) => ({ ...event, keen: { timestamp: new Date(clock).toISOString() } })));
}

describe('Keen Trigger → Metric Threshold', () => {
	beforeEach(() => setClock(Date.parse('2024-05-01T10:30:00.000Z')));

	it('emits once when the value crosses above, not while it stays above, and again after it went back', async () => {
		server.clearRequests();
		const start = await poll('errors');
		expect(start.result).toBeNull();
		expect(server.requests[0]).toMatchObject({ method: 'POST', path: `/3.0/projects/${server.projectId}/queries/count`, keyKind: 'read' });
		expect(server.requests[0].body).toMatchObject({ event_collection: 'errors', timeframe: 'this_1_hours' });

		record('errors', [{}, {}, {}]);
		const up = await poll('errors', start.staticData);
		expect(up.items).toEqual([{ analysis: 'count', value: 3, threshold: 2, direction: 'above', previous: 'below' }]);

		record('errors', [{}]);
		const still = await poll('errors', up.staticData);
		expect(still.result).toBeNull();

		setClock(clock + 2 * HOUR);
		const back = await poll('errors', still.staticData);
		expect(back.result).toBeNull();

		record('errors', [{}, {}, {}]);
		const again = await poll('errors', back.staticData);
		expect(again.items).toEqual([{ analysis: 'count', value: 3, threshold: 2, direction: 'above', previous: 'below' }]);
	});

	it('tracks crossings per group', async () => {
		const options = { thresholdOptions: { groupBy: 'country' } };
		record('visits', [{ country: 'US' }, { country: 'US' }, { country: 'US' }, { country: 'CA' }]);
		const first = await poll('visits', {}, options);
		expect(first.items).toEqual([{ country: 'US', analysis: 'count', value: 3, threshold: 2, direction: 'above' }]);
		expect(server.requests.at(-1)?.body).toMatchObject({ group_by: 'country' });

		record('visits', [{ country: 'CA' }, { country: 'CA' }]);
		const second = await poll('visits', first.staticData, options);
		expect(second.items).toEqual([{ country: 'CA', analysis: 'count', value: 3, threshold: 2, direction: 'above', previous: 'below' }]);
		expect((second.staticData.metricThreshold as IDataObject).state).toEqual({ '["US"]': 'above', '["CA"]': 'above' });
	});

	it('emits when an average falls below the threshold, on every poll while it stays below if asked', async () => {
		const options = { analysisType: 'average', targetProperty: 'latency', threshold: 100, direction: 'below', thresholdEmit: 'everyPoll' };
		record('pings', [{ latency: 150 }]);
		const first = await poll('pings', {}, options);
		expect(first.result).toBeNull();
		expect(server.requests.at(-1)).toMatchObject({ path: `/3.0/projects/${server.projectId}/queries/average` });
		expect(server.requests.at(-1)?.body).toMatchObject({ target_property: 'latency' });

		record('pings', [{ latency: 10 }, { latency: 20 }]);
		const second = await poll('pings', first.staticData, options);
		expect(second.items).toEqual([{ analysis: 'average', value: 60, threshold: 100, direction: 'below', previous: 'above' }]);
		const third = await poll('pings', second.staticData, options);
		expect(third.items).toEqual([{ analysis: 'average', value: 60, threshold: 100, direction: 'below', previous: 'below' }]);
	});

	it('manual mode returns the current value of every group and leaves the state untouched', async () => {
		record('manual-metric', [{ plan: 'pro' }, { plan: 'pro' }, { plan: 'pro' }, { plan: 'free' }]);
		const stored = { metricThreshold: { scope: 'keep', state: { '["pro"]': 'below' } } };
		const run = await poll('manual-metric', stored, { thresholdOptions: { groupBy: 'plan' } }, 'manual');
		expect(run.items).toEqual(
			expect.arrayContaining([
				{ plan: 'pro', analysis: 'count', value: 3, threshold: 2, direction: 'above', crossed: true },
				{ plan: 'free', analysis: 'count', value: 1, threshold: 2, direction: 'above', crossed: false },
			]),
		);
		expect(run.staticData).toEqual(stored);
	});

	it('reports a missing target property naming the field, before anything is sent', async () => {
		server.clearRequests();
		await expect(poll('pings', {}, { analysisType: 'sum' })).rejects.toThrow(/target property.*\(field "Target Property Name or ID"\)/i);
		expect(server.requests).toHaveLength(0);
	});
});
