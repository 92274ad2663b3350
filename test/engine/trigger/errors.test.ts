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
afterEach(() => server.faults.clear());

const RETRIES = { maxRetries: 1, retryDelay: 5 };
const iso = (ms: number) => new Date(ms).toISOString();

function newEventParameters(collection: string) {
	return { event: 'newEvent', collection: { __rl: true, mode: 'list', value: collection }, requestOptions: RETRIES };
}

/** An active New Event watch whose cursor lies a minute back, with one event waiting for the next poll. */
async function armed(collection: string): Promise<IDataObject> {
	const first = await runPoll({ credentials: credentials(), parameters: newEventParameters(collection) });
	server.ingest(collection, [{ name: 'waiting', keen: { timestamp: iso(Date.now() - 1) } }]);
	return first.staticData;
}

/** The earliest keen.created_at the last extraction asked for. */
const lastReceivedFrom = () => {
	const body = server.requests.filter((r) => r.path.endsWith('/queries/extraction')).at(-1)?.body as IDataObject;
	return (body.filters as IDataObject[]).find((filter) => filter.property_name === 'keen.created_at')?.property_value;
};

/** Where a poll from this state starts: the cursor minus the 5-minute overlap, never before `since`. */
const receivedFromOf = (staticData: IDataObject) => {
	const state = (staticData.newEvent as IDataObject).state as IDataObject;
	return iso(Math.max(Date.parse(String(state.since)), Date.parse(String(state.cursor)) - 5 * 60_000));
};

describe('Keen Trigger → errors are thrown and leave the state for the next poll to repeat', () => {
	it.each([
		['429 after retries', 429, /429/],
		['503 after retries', 503, /503/],
	])('%s', async (_name, status, message) => {
		const collection = `faulty-${status}`;
		const staticData = await armed(collection);
		server.clearRequests();
		server.faults.add({ kind: 'status', status: status as 429 | 503, retryAfter: 0, path: /\/queries\/extraction$/, count: 2 });

		await expect(runPoll({ credentials: credentials(), parameters: newEventParameters(collection), staticData })).rejects.toThrow(message);
		expect(server.requests.map((r) => r.status)).toEqual([status, status]);

		const retried = await runPoll({ credentials: credentials(), parameters: newEventParameters(collection), staticData });
		expect(retried.result?.[0].map((item) => item.json.name)).toEqual(['waiting']);
		// The failed poll changed nothing: the next one extracts the same window from the same cursor.
		expect(lastReceivedFrom()).toBe(receivedFromOf(staticData));
	});

	it('recovers within one poll when a retry succeeds', async () => {
		const staticData = await armed('flaky');
		server.faults.add({ kind: 'status', status: 502, path: /\/queries\/extraction$/, count: 1 });
		const run = await runPoll({ credentials: credentials(), parameters: newEventParameters('flaky'), staticData });
		expect(run.result?.[0].map((item) => item.json.name)).toEqual(['waiting']);
	});

	it('401 from a wrong read key', async () => {
		const staticData = await armed('unauthorised');
		const wrongKey = credentials({ readApiKey: 'wrong-key', masterApiKey: '' });
		await expect(runPoll({ credentials: wrongKey, parameters: newEventParameters('unauthorised'), staticData })).rejects.toThrow(/401/);
		const next = await runPoll({ credentials: credentials(), parameters: newEventParameters('unauthorised'), staticData });
		expect(next.result?.[0].map((item) => item.json.name)).toEqual(['waiting']);
	});

	it('404 for a saved query that does not exist, with the stored fingerprint kept', async () => {
		const staticData = { savedQueryResult: { scope: 'kept', state: { fingerprint: 'f' } } };
		const parameters = { event: 'savedQueryResult', savedQuery: { __rl: true, mode: 'name', value: 'no-such-query' }, requestOptions: RETRIES };
		const error = await runPoll({ credentials: credentials(), parameters, staticData }).catch((e: Error) => e);
		expect(error).toBeInstanceOf(Error);
		// The message itself is reworded by n8n-workflow (it finds "ENOTFOUND" inside "ResourceNotFoundError"): see the report.
		expect(error).toMatchObject({ httpCode: '404', description: expect.stringMatching(/saved query/) });
		expect(staticData).toEqual({ savedQueryResult: { scope: 'kept', state: { fingerprint: 'f' } } });
	});

	it('a threshold poll that fails keeps the per-group state', async () => {
		const staticData = { metricThreshold: { scope: 'kept', state: { '["US"]': 'above' } } };
		server.faults.add({ kind: 'status', status: 500, path: /\/queries\/count$/, count: 2 });
		const parameters = {
			event: 'metricThreshold',
			collection: { __rl: true, mode: 'name', value: 'anything' },
			analysisType: 'count',
			relativeTimeframe: 'this_1_hours',
			threshold: 1,
			direction: 'above',
			thresholdEmit: 'crossing',
			requestOptions: RETRIES,
		};
		await expect(runPoll({ credentials: credentials(), parameters, staticData })).rejects.toThrow(/500/);
		expect(staticData).toEqual({ metricThreshold: { scope: 'kept', state: { '["US"]': 'above' } } });
	});
});
