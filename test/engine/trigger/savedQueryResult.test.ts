import type { IDataObject } from 'n8n-workflow';

import { keenCredentials, runPoll } from '../../harness';
import { startKeenServer, type KeenServer } from '../../keen-server';
import { call, projectUrl } from '../../keen-server/test-client';

let server: KeenServer;
beforeAll(async () => {
	server = await startKeenServer({ port: 0 });
	const saved = await call(server, 'PUT', projectUrl(server, 'queries', 'saved', 'signups-by-country'), {
		key: server.masterKey,
		body: { refresh_rate: 0, query: { analysis_type: 'count', event_collection: 'signups', timeframe: 'this_1_days', group_by: ['country'] } },
	});
	expect(saved.status).toBeLessThan(300);
	server.ingest('signups', [{ country: 'US' }, { country: 'US' }, { country: 'CA' }]);
});
afterAll(async () => await server.close());

/** The keenApi credential for the local server, as a plain record. */
const credentials = (overrides: Parameters<typeof keenCredentials>[1] = {}) => ({ ...keenCredentials(server, overrides) });

function parameters(extra: IDataObject = {}) {
	return {
		event: 'savedQueryResult',
		savedQuery: { __rl: true, mode: 'list', value: 'signups-by-country' },
		requestOptions: { maxRetries: 1, retryDelay: 5 },
		...extra,
	};
}

async function poll(staticData: IDataObject = {}, extra: IDataObject = {}, mode: 'trigger' | 'manual' = 'trigger') {
	const run = await runPoll({ credentials: credentials(), parameters: parameters(extra), staticData, mode });
	const items = (run.result?.[0] ?? []).map((item) => item.json);
	return { ...run, items };
}

const byCountry = (items: IDataObject[]) => Object.fromEntries(items.map((item) => [item.country, item.value]));

describe('Keen Trigger → Saved Query Result', () => {
	it('emits the simplified rows when the result changes, and nothing while it stays the same', async () => {
		server.clearRequests();
		const first = await poll();
		expect(first.items).toEqual(expect.arrayContaining([{ query_name: 'signups-by-country', country: 'US', value: 2 }]));
		expect(byCountry(first.items)).toEqual({ US: 2, CA: 1 });
		expect(server.requests[0]).toMatchObject({
			method: 'GET',
			path: `/3.0/projects/${server.projectId}/queries/saved/signups-by-country/result`,
			keyKind: 'read',
		});

		const second = await poll(first.staticData);
		expect(second.result).toBeNull();
		expect(second.staticData).toEqual(first.staticData);

		server.ingest('signups', [{ country: 'CA' }]);
		const third = await poll(second.staticData);
		expect(byCountry(third.items)).toEqual({ US: 2, CA: 2 });
		expect(third.staticData).not.toEqual(second.staticData);
	});

	// Issue 22.7: Keen echoes the definition (metadata, modification dates) beside the result; only the result counts.
	it('does not emit when only what Keen echoes beside the result changes', async () => {
		const url = projectUrl(server, 'queries', 'saved', 'echoes');
		const put = async (displayName: string) => {
			const query = { analysis_type: 'count', event_collection: 'signups', timeframe: 'this_1_days' };
			const answer = await call(server, 'PUT', url, { key: server.masterKey, body: { refresh_rate: 0, query, metadata: { display_name: displayName } } });
			expect(answer.status).toBeLessThan(300);
		};
		await put('Before');
		const echoes = { savedQuery: { __rl: true, mode: 'list', value: 'echoes' } };
		const first = await poll({}, echoes);
		expect(first.items.length).toBeGreaterThan(0);
		await put('After');
		const second = await poll(first.staticData, echoes);
		expect(second.result).toBeNull();
		server.ingest('signups', [{ country: 'FR' }]);
		expect((await poll(second.staticData, echoes)).items.length).toBeGreaterThan(0);
	});

	it('emits on every poll when asked to, also with an unchanged result', async () => {
		const first = await poll({}, { resultEmit: 'everyPoll' });
		const second = await poll(first.staticData, { resultEmit: 'everyPoll' });
		expect(second.items).toEqual(first.items);
		expect(second.items.length).toBeGreaterThan(0);
	});

	it('emits Keen\'s raw answer as one item when Simplify is off', async () => {
		const run = await poll({}, { simplify: false });
		expect(run.items).toHaveLength(1);
		expect(run.items[0]).toMatchObject({ query_name: 'signups-by-country', query: { analysis_type: 'count' } });
		expect(Array.isArray(run.items[0].result)).toBe(true);
	});

	it('manual mode returns the current result and leaves the state untouched', async () => {
		const stored = { savedQueryResult: { scope: 'keep', state: { fingerprint: 'f' } } };
		const run = await poll(stored, {}, 'manual');
		expect(run.items.length).toBeGreaterThan(0);
		expect(run.staticData).toEqual(stored);
	});
});
