import { run, sent, useKeenServer } from '../../harness/engine-test-kit';
import { seedKey } from './seed';

const server = useKeenServer();

describe('Access Key → Get Many', () => {
	beforeAll(async () => {
		for (const name of ['k1', 'k2', 'k3']) await seedKey(server(), name);
	});

	it('lists keys with the master key, up to the limit', async () => {
		const s = server();
		const result = await run(s, { resource: 'accessKey', operation: 'getAll', limit: 2 });
		expect(result.items.map((i) => i.json.name)).toEqual(['k1', 'k2']);
		expect(sent(s)).toEqual([{ method: 'GET', path: `/3.0/projects/${s.projectId}/keys`, query: { page: '1', per_page: '2' }, keyKind: 'master', body: undefined }]);
	});

	it('returns all keys', async () => {
		const result = await run(server(), { resource: 'accessKey', operation: 'getAll', returnAll: true });
		expect(result.items.map((i) => i.json.name)).toEqual(['k1', 'k2', 'k3']);
	});

	it('needs the master key, sending nothing without it', async () => {
		const s = server();
		const result = await run(s, { resource: 'accessKey', operation: 'getAll' }, { credentials: { masterApiKey: '' } });
		expect(result.error?.message).toMatch(/needs the Master API Key/);
		expect(s.requests).toHaveLength(0);
	});
});
