import { byName, keenErrorOf, run, sent, useKeenServer } from '../../harness/engine-test-kit';
import { seedKey } from './seed';

const server = useKeenServer();

describe('Access Key → Revoke', () => {
	it('POSTs /revoke with the master key and the key becomes inactive', async () => {
		const s = server();
		const key = await seedKey(s, 'to-revoke');
		const result = await run(s, { resource: 'accessKey', operation: 'revoke', accessKey: byName(key) });
		expect(result.items[0].json).toMatchObject({ name: 'to-revoke', is_active: false });
		expect(sent(s)).toEqual([{ method: 'POST', path: `/3.0/projects/${s.projectId}/keys/${key}/revoke`, query: {}, keyKind: 'master', body: undefined }]);
	});

	it('reports an unknown key', async () => {
		const result = await run(server(), { resource: 'accessKey', operation: 'revoke', accessKey: byName('NOPE') });
		expect(keenErrorOf(result)).toMatchObject({ httpCode: '404', error_code: 'ResourceNotFoundError' });
	});
});
