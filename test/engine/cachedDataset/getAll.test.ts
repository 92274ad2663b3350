import { readKeyRequests, run, sent, useKeenServer } from '../../harness/engine-test-kit';
import { seedDataset } from './seed';

const server = useKeenServer();
const names = Array.from({ length: 12 }, (_, i) => `ds-${String(i).padStart(2, '0')}`);

describe('Cached Dataset → Get Many', () => {
	beforeAll(async () => {
		for (const name of names) await seedDataset(server(), name, { waitReady: false });
	});

	it('asks for just the limit in one page, with the read key', async () => {
		const s = server();
		const result = await run(s, { resource: 'cachedDataset', operation: 'getAll', limit: 5 });
		expect(result.items.map((i) => i.json.dataset_name)).toEqual(names.slice(0, 5));
		expect(sent(s)).toEqual(readKeyRequests(s, { method: 'GET', path: `/3.0/projects/${s.projectId}/datasets`, query: { limit: '5' }, body: undefined }));
	});

	it('follows next_page_url to the end for Return All', async () => {
		const s = server();
		const result = await run(s, { resource: 'cachedDataset', operation: 'getAll', returnAll: true });
		expect(result.items.map((i) => i.json.dataset_name)).toEqual(names);
		expect(sent(s)).toEqual(readKeyRequests(s, { method: 'GET', path: `/3.0/projects/${s.projectId}/datasets`, query: { limit: '100' }, body: undefined }));
	});

	it('names the keys that would do when none is filled in, sending nothing', async () => {
		const s = server();
		const result = await run(s, { resource: 'cachedDataset', operation: 'getAll' }, { credentials: { readApiKey: '', masterApiKey: '' } });
		expect(result.error?.message).toMatch(/needs the Read API Key, Access API Key or Master API Key/);
		expect(s.requests).toHaveLength(0);
	});
});
