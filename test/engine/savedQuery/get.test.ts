import { byName, keenErrorOf, run, sent, useKeenServer } from '../../harness/engine-test-kit';
import { seedSavedQuery } from './seed';

const server = useKeenServer();

describe('Saved Query → Get', () => {
	it('GETs the definition with the master key', async () => {
		const s = server();
		await seedSavedQuery(s, 'revenue');
		const result = await run(s, { resource: 'savedQuery', operation: 'get', savedQuery: byName('revenue') });
		expect(result.status).toBe('success');
		expect(result.items.map((i) => i.json)).toEqual([
			expect.objectContaining({ query_name: 'revenue', query: expect.objectContaining({ analysis_type: 'sum' }) }),
		]);
		expect(sent(s)).toEqual([{ method: 'GET', path: `/3.0/projects/${s.projectId}/queries/saved/revenue`, query: {}, keyKind: 'master', body: undefined }]);
	});

	it("answers a missing query with Keen's message and error_code", async () => {
		const s = server();
		const result = await run(s, { resource: 'savedQuery', operation: 'get', savedQuery: byName('nope') });
		expect(result.status).toBe('error');
		expect(keenErrorOf(result)).toEqual({
			name: 'NodeApiError',
			httpCode: '404',
			error_code: 'ResourceNotFoundError',
			message: 'Resource not found: saved query "nope".',
		});
	});
});
