import { byName, keenErrorOf, readKeyRequests, run, sent, useKeenServer } from '../../harness/engine-test-kit';
import { seedDataset } from './seed';

const server = useKeenServer();

describe('Cached Dataset → Get', () => {
	it('GETs the definition with the read key', async () => {
		const s = server();
		await seedDataset(s, 'ds-get');
		const result = await run(s, { resource: 'cachedDataset', operation: 'get', dataset: byName('ds-get') });
		expect(result.items.map((i) => i.json)).toEqual([expect.objectContaining({ dataset_name: 'ds-get', index_by: ['product.id'] })]);
		expect(sent(s)).toEqual(readKeyRequests(s, { method: 'GET', path: `/3.0/projects/${s.projectId}/datasets/ds-get`, query: {}, body: undefined }));
	});

	it('reports a missing dataset', async () => {
		const result = await run(server(), { resource: 'cachedDataset', operation: 'get', dataset: byName('none') });
		expect(keenErrorOf(result)).toMatchObject({ name: 'NodeApiError', httpCode: '404', error_code: 'ResourceNotFoundError' });
	});
});
