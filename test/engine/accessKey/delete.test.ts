import { byName, keenErrorOf, run, sent, useKeenServer } from '../../harness/engine-test-kit';
import { seedKey } from './seed';

const server = useKeenServer();

describe('Access Key → Delete', () => {
	it('DELETEs with the master key', async () => {
		const s = server();
		const key = await seedKey(s, 'to-delete');
		const result = await run(s, { resource: 'accessKey', operation: 'delete', accessKey: byName(key) });
		expect(result.items.map((i) => i.json)).toEqual([{ deleted: true }]);
		expect(sent(s)).toEqual([{ method: 'DELETE', path: `/3.0/projects/${s.projectId}/keys/${key}`, query: {}, keyKind: 'master', body: undefined }]);
		expect(s.project.accessKeys.has(key)).toBe(false);
	});

	it('refuses a blank key before sending, naming the field', async () => {
		const s = server();
		const result = await run(s, { resource: 'accessKey', operation: 'delete', accessKey: byName(' ') });
		expect(result.error?.message).toBe('No access key given (item 0, field "Access Key")');
		expect(s.requests).toHaveLength(0);
	});

	it('reports an unknown key', async () => {
		const result = await run(server(), { resource: 'accessKey', operation: 'delete', accessKey: byName('NOPE') });
		expect(keenErrorOf(result)).toMatchObject({ httpCode: '404', error_code: 'ResourceNotFoundError' });
	});
});
