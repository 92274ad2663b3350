import { byName, keenErrorOf, run, sent, useKeenServer } from '../manageFixture';
import { seedDataset } from './seed';

const server = useKeenServer();
const base = { resource: 'cachedDataset', operation: 'getResults', dataset: byName('ds-results'), timeframe: 'this_7_days' };

describe('Cached Dataset → Get Results', () => {
	beforeAll(async () => await seedDataset(server(), 'ds-results'));

	it('reads the results for an index value with the read key, one row per day and group', async () => {
		const s = server();
		const result = await run(s, { ...base, indexValue: 'p1' });
		expect(result.status).toBe('success');
		const rows = result.items.map((i) => i.json);
		expect(rows.length).toBeGreaterThan(0);
		expect(rows.every((row) => 'timeframe_start' in row && 'value' in row)).toBe(true);
		expect(rows.filter((row) => row.country === 'FR').reduce((sum, row) => sum + Number(row.value ?? 0), 0)).toBe(15);
		const [results] = sent(s);
		expect(results).toEqual({
			method: 'GET',
			path: `/3.0/projects/${s.projectId}/datasets/ds-results/results`,
			query: { index_by: 'p1', timeframe: 'this_7_days' },
			keyKind: 'read',
			body: undefined,
		});
	});

	it('sends key/value index values as JSON and returns the raw answer without Simplify', async () => {
		const s = server();
		const result = await run(s, { ...base, indexValue: '{"product.id": "p2"}', simplify: false });
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toHaveProperty('result');
		expect(sent(s)).toHaveLength(1);
		expect(sent(s)[0].query).toEqual({ index_by: '{"product.id":"p2"}', timeframe: 'this_7_days' });
	});

	it('reports a missing dataset', async () => {
		const result = await run(server(), { ...base, dataset: byName('nope'), indexValue: 'p1' });
		expect(keenErrorOf(result)).toMatchObject({ httpCode: '404', error_code: 'ResourceNotFoundError' });
	});
});
