import { run, sent, useKeenServer } from '../../harness/engine-test-kit';
import { seedSavedQuery } from './seed';

const server = useKeenServer();

describe('Saved Query → Get Many', () => {
	beforeAll(async () => {
		for (const name of ['a', 'b', 'c']) await seedSavedQuery(server(), name);
	});

	it('returns all definitions with the master key', async () => {
		const s = server();
		const result = await run(s, { resource: 'savedQuery', operation: 'getAll', returnAll: true });
		expect(result.items.map((i) => i.json.query_name)).toEqual(['a', 'b', 'c']);
		expect(sent(s)).toEqual([{ method: 'GET', path: `/3.0/projects/${s.projectId}/queries/saved`, query: {}, keyKind: 'master', body: undefined }]);
	});

	it('stops at the limit', async () => {
		const result = await run(server(), { resource: 'savedQuery', operation: 'getAll', limit: 2 });
		expect(result.items.map((i) => i.json.query_name)).toEqual(['a', 'b']);
		expect(result.items.every((i) => (i.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	it('names the key that is missing, sending nothing', async () => {
		const s = server();
		const result = await run(s, { resource: 'savedQuery', operation: 'getAll' }, { credentials: { masterApiKey: '' } });
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/Saved Query → Get Many needs the Master API Key/);
		expect(s.requests).toHaveLength(0);
	});
});
