import { byName, keenErrorOf, run, sent, useKeenServer } from '../../harness/engine-test-kit';
import { seedKey } from './seed';

const server = useKeenServer();

describe('Access Key → Get', () => {
	it('GETs the key with the master key', async () => {
		const s = server();
		const key = await seedKey(s, 'dash');
		const result = await run(s, { resource: 'accessKey', operation: 'get', accessKey: byName(key) });
		expect(result.items[0].json).toMatchObject({ name: 'dash', permitted: ['queries', 'saved_queries'] });
		expect(sent(s)).toEqual([{ method: 'GET', path: `/3.0/projects/${s.projectId}/keys/${key}`, query: {}, keyKind: 'master', body: undefined }]);
	});

	it('reports an unknown key', async () => {
		const result = await run(server(), { resource: 'accessKey', operation: 'get', accessKey: byName('NOPE') });
		expect(keenErrorOf(result)).toMatchObject({ httpCode: '404', error_code: 'ResourceNotFoundError' });
	});
});
