import { byName, keenErrorOf, run, sent, useKeenServer, keenCall } from '../../harness/engine-test-kit';
import { seedKey } from './seed';

const server = useKeenServer();

describe('Access Key → Unrevoke', () => {
	it('POSTs /unrevoke with the master key and the key is active again', async () => {
		const s = server();
		const key = await seedKey(s, 'to-unrevoke');
		await keenCall(s, 'POST', `/keys/${key}/revoke`);
		s.clearRequests();
		const result = await run(s, { resource: 'accessKey', operation: 'unrevoke', accessKey: byName(key) });
		expect(result.items[0].json).toMatchObject({ is_active: true });
		expect(sent(s)).toEqual([{ method: 'POST', path: `/3.0/projects/${s.projectId}/keys/${key}/unrevoke`, query: {}, keyKind: 'master', body: undefined }]);
	});

	it('reports an unknown key', async () => {
		const result = await run(server(), { resource: 'accessKey', operation: 'unrevoke', accessKey: byName('NOPE') });
		expect(keenErrorOf(result)).toMatchObject({ httpCode: '404', error_code: 'ResourceNotFoundError' });
	});
});
