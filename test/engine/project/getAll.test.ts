import { run, sent, useKeenServer } from '../../harness/engine-test-kit';

const server = useKeenServer();

describe('Project → Get Many', () => {
	it('lists projects with the organization key', async () => {
		const s = server();
		await run(s, { resource: 'project', operation: 'create', projectName: 'Second' });
		s.clearRequests();
		const all = await run(s, { resource: 'project', operation: 'getAll', returnAll: true });
		expect(all.items.map((i) => i.json.name)).toEqual(expect.arrayContaining(['Second']));
		expect(all.items.length).toBeGreaterThanOrEqual(2);
		expect(sent(s)).toEqual([{ method: 'GET', path: `/3.0/organizations/${s.organizationId}/projects`, query: {}, keyKind: 'organization', body: undefined }]);
		const limited = await run(s, { resource: 'project', operation: 'getAll', limit: 1 });
		expect(limited.items).toHaveLength(1);
	});

	it('needs the organization ID, sending nothing without it', async () => {
		const s = server();
		const result = await run(s, { resource: 'project', operation: 'getAll' }, { credentials: { organizationId: '' } });
		expect(result.error?.message).toBe('Project → Get Many needs the Organization ID (item 0)');
		expect(s.requests).toHaveLength(0);
	});
});
