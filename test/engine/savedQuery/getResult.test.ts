import { byName, keenErrorOf, rowsOf, run, sent, useKeenServer } from '../../harness/engine-test-kit';
import { seedSavedQuery } from './seed';

const server = useKeenServer();

describe('Saved Query → Get Result', () => {
	beforeAll(async () => await seedSavedQuery(server(), 'revenue'));

	it('reads the result with the read key and simplifies it to one row per group', async () => {
		const s = server();
		const result = await run(s, { resource: 'savedQuery', operation: 'getResult', savedQuery: byName('revenue') });
		expect(result.status).toBe('success');
		expect(rowsOf(result)).toEqual(
			expect.arrayContaining([
				{ country: 'FR', value: 15 },
				{ country: 'DE', value: 30 },
			]),
		);
		expect(sent(s)).toEqual([
			{ method: 'GET', path: `/3.0/projects/${s.projectId}/queries/saved/revenue/result`, query: {}, keyKind: 'read', body: undefined },
		]);
	});

	it('returns the raw answer (definition plus result) when Simplify is off', async () => {
		const result = await run(server(), { resource: 'savedQuery', operation: 'getResult', savedQuery: byName('revenue'), simplify: false });
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toMatchObject({ query_name: 'revenue', result: expect.any(Array) });
	});

	it('reports a missing saved query as a 404 from Keen', async () => {
		const result = await run(server(), { resource: 'savedQuery', operation: 'getResult', savedQuery: byName('gone') });
		expect(keenErrorOf(result)).toMatchObject({ name: 'NodeApiError', httpCode: '404', error_code: 'ResourceNotFoundError' });
	});
});
