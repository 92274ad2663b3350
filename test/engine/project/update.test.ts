import { byName, run, sent, useKeenServer } from '../manageFixture';

const server = useKeenServer();

describe('Project → Update', () => {
	it('POSTs the new name and users with the organization key', async () => {
		const s = server();
		const result = await run(s, { resource: 'project', operation: 'update', projectId: byName(s.projectId), updateFields: { projectName: 'Renamed', users: 'ada@example.com' } });
		expect(result.items[0].json).toMatchObject({ id: s.projectId, name: 'Renamed', users: [{ email: 'ada@example.com' }] });
		expect(sent(s)).toEqual([
			{
				method: 'POST',
				path: `/3.0/organizations/${s.organizationId}/projects/${s.projectId}`,
				query: {},
				keyKind: 'organization',
				body: { name: 'Renamed', users: [{ email: 'ada@example.com' }] },
			},
		]);
	});

	it('refuses an invalid email before sending', async () => {
		const s = server();
		const result = await run(s, { resource: 'project', operation: 'update', projectId: byName(s.projectId), updateFields: { users: 'ada' } });
		expect(result.error?.message).toBe('"ada" is not an email address (item 0, field "Update Fields")');
		expect(s.requests).toHaveLength(0);
	});
});
