import { byName, keenErrorOf, run, sent, useKeenServer } from '../../harness/engine-test-kit';
import { seedDataset } from './seed';

const server = useKeenServer();

describe('Cached Dataset → Delete', () => {
	it('DELETEs with the master key', async () => {
		const s = server();
		await seedDataset(s, 'ds-old');
		const result = await run(s, { resource: 'cachedDataset', operation: 'delete', dataset: byName('ds-old') });
		expect(result.items.map((i) => i.json)).toEqual([{ deleted: true, dataset_name: 'ds-old' }]);
		expect(sent(s)).toEqual([{ method: 'DELETE', path: `/3.0/projects/${s.projectId}/datasets/ds-old`, query: {}, keyKind: 'master', body: undefined }]);
		expect(s.project.datasets.has('ds-old')).toBe(false);
	});

	it('reports a missing dataset', async () => {
		const result = await run(server(), { resource: 'cachedDataset', operation: 'delete', dataset: byName('ds-none') });
		expect(keenErrorOf(result)).toMatchObject({ httpCode: '404', error_code: 'ResourceNotFoundError' });
	});
});
