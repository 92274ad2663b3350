import { keenCall, run, sent, useKeenServer } from '../../harness/engine-test-kit';

const server = useKeenServer();

describe('Project → Get Cached-Query Limits', () => {
	it("GETs the project's limits with the master key and outputs Keen's answer", async () => {
		const s = server();
		await keenCall(s, 'PUT', '/queries/saved/cached-limits', { refresh_rate: 14_400, query: { analysis_type: 'count', event_collection: 'purchases', timeframe: 'this_7_days' } });
		s.clearRequests();
		const result = await run(s, { resource: 'project', operation: 'getLimits' });
		expect(result.status).toBe('success');
		expect(result.items.map((item) => item.json)).toEqual([{ cached_queries: { organization_limit: 10, in_use: 1 } }]);
		expect(sent(s)).toEqual([{ method: 'GET', path: `/3.0/projects/${s.projectId}/limits`, query: {}, keyKind: 'master', body: undefined }]);
	});

	it('needs the master key, naming it and sending nothing', async () => {
		const s = server();
		const result = await run(s, { resource: 'project', operation: 'getLimits' }, { credentials: { masterApiKey: '' } });
		expect(result.error?.message).toBe('Project → Get Cached-Query Limits needs the Master API Key (item 0)');
		expect(s.requests).toHaveLength(0);
	});
});
