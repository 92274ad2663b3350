import { byName, keenErrorOf, run, sent, useKeenServer } from '../../harness/engine-test-kit';
import { seedKey } from './seed';

const server = useKeenServer();

describe('Access Key → Update', () => {
	it('merges changes into the stored key and POSTs it back without its identity', async () => {
		const s = server();
		const key = await seedKey(s, 'merge');
		const result = await run(s, { resource: 'accessKey', operation: 'update', accessKey: byName(key), updateFields: { permitted: ['queries'], savedQueriesAllowed: 'q2' } });
		expect(result.status).toBe('success');
		const [get, post] = sent(s);
		expect(get).toMatchObject({ method: 'GET', keyKind: 'master' });
		expect(post).toEqual({
			method: 'POST',
			path: `/3.0/projects/${s.projectId}/keys/${key}`,
			query: {},
			keyKind: 'master',
			body: {
				name: 'merge',
				is_active: true,
				permitted: ['queries'],
				options: { queries: { filters: [{ property_name: 'country', operator: 'eq', property_value: 'FR' }] }, saved_queries: { allowed: ['q2'] } },
			},
		});
		expect(result.items[0].json).toMatchObject({ permitted: ['queries'], options: { queries: { filters: [expect.any(Object)] } } });
	});

	it('replaces the whole key when asked, without fetching', async () => {
		const s = server();
		const key = await seedKey(s, 'replace');
		const result = await run(s, { resource: 'accessKey', operation: 'update', accessKey: byName(key), replaceDefinition: true, updateFields: { keyName: 'replaced', permitted: ['writes'] } });
		expect(sent(s)).toEqual([expect.objectContaining({ method: 'POST', body: { name: 'replaced', permitted: ['writes'] } })]);
		expect(result.items[0].json).toMatchObject({ name: 'replaced', options: { queries: null } });
	});

	it('reports an unknown key from the fetch, sending no update', async () => {
		const s = server();
		const result = await run(s, { resource: 'accessKey', operation: 'update', accessKey: byName('NOPE'), updateFields: { isActive: false } });
		expect(keenErrorOf(result)).toMatchObject({ httpCode: '404', error_code: 'ResourceNotFoundError' });
		expect(sent(s).map((r) => r.method)).toEqual(['GET']);
	});
});
