import { byName, run, sent, useKeenServer } from '../../harness/engine-test-kit';
import { seedSavedQuery } from './seed';

const server = useKeenServer();
const base = { resource: 'savedQuery', operation: 'setCaching' };

describe('Saved Query → Set Caching', () => {
	it('turns caching on in hours by fetch-merge-put of refresh_rate', async () => {
		const s = server();
		await seedSavedQuery(s, 'cache-me');
		const result = await run(s, { ...base, savedQuery: byName('cache-me'), refreshRate: 6 });
		expect(result.status).toBe('success');
		expect(result.items[0].json).toMatchObject({ query_name: 'cache-me', refresh_rate: 21600 });
		const [get, put] = sent(s);
		expect(get).toMatchObject({ method: 'GET', keyKind: 'master' });
		expect(put).toMatchObject({ method: 'PUT', path: `/3.0/projects/${s.projectId}/queries/saved/cache-me`, keyKind: 'master' });
		expect(put.body).toMatchObject({ refresh_rate: 21600, metadata: { display_name: 'Revenue' } });
		expect(put.body).not.toHaveProperty('created_date');
		expect(put.body).not.toHaveProperty('run_information');
	});

	it('turns caching off with 0 seconds', async () => {
		const s = server();
		await seedSavedQuery(s, 'uncache-me', 14400);
		const result = await run(s, { ...base, savedQuery: byName('uncache-me'), refreshRateUnit: 'seconds', refreshRate: 0 });
		expect(result.items[0].json.refresh_rate).toBe(0);
	});

	it('rejects a refresh rate out of range naming item and field, sending nothing', async () => {
		const s = server();
		const result = await run(s, { ...base, savedQuery: byName('cache-me'), refreshRate: 72 });
		expect(result.status).toBe('error');
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toBe('Refresh rate 72 hours is outside what Keen accepts (item 0, field "Refresh Rate")');
		expect(result.error?.description).toBe('Use 0 to turn caching off, or 1 to 48 hours (Keen documents 4 hours as the minimum).');
		expect(s.requests).toHaveLength(0);
	});
});
