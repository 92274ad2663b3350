import { readKeyRequests, run, sent } from '../../harness/engine-test-kit';
import { useQueryServer } from './queryFixture';

const server = useQueryServer();

describe('Query → List Query Resources', () => {
	it('GETs /queries with the read key and gives one item per analysis', async () => {
		const s = server();
		const result = await run(s, { resource: 'query', operation: 'listResources' });
		expect(result.status).toBe('success');
		const rows = result.items.map((item) => item.json);
		expect(rows).toContainEqual({ analysis: 'count', url: `/3.0/projects/${s.projectId}/queries/count` });
		expect(rows).toContainEqual({ analysis: 'extraction', url: `/3.0/projects/${s.projectId}/queries/extraction` });
		expect(sent(s)).toEqual(readKeyRequests(s, { method: 'GET', path: `/3.0/projects/${s.projectId}/queries`, query: {}, body: undefined }));
	});

	it('fails before sending when the credential has no read or master key', async () => {
		const s = server();
		const result = await run(s, { resource: 'query', operation: 'listResources' }, { credentials: { readApiKey: '', masterApiKey: '' } });
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/Query → List Query Resources needs the/);
		expect(s.requests).toHaveLength(0);
	});
});
