import { byName, keenErrorOf, run, sent, useKeenServer } from '../../harness/engine-test-kit';

const server = useKeenServer();

describe('Project → Get', () => {
	it('GETs the project with the organization key', async () => {
		const s = server();
		const result = await run(s, { resource: 'project', operation: 'get', projectId: byName(s.projectId) });
		expect(result.items[0].json).toMatchObject({ id: s.projectId });
		expect(sent(s)).toEqual([
			{ method: 'GET', path: `/3.0/organizations/${s.organizationId}/projects/${s.projectId}`, query: {}, keyKind: 'organization', body: undefined },
		]);
	});

	it('reports an unknown project', async () => {
		const result = await run(server(), { resource: 'project', operation: 'get', projectId: byName('000000000000000000000000') });
		expect(keenErrorOf(result)).toMatchObject({ httpCode: '404' });
	});
});
