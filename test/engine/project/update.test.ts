import type { INodeParameters } from 'n8n-workflow';

import { byName, run, sent, useKeenServer } from '../../harness/engine-test-kit';

const server = useKeenServer();

describe('Project → Update', () => {
	it('reads the project, then POSTs the new name and users with the organization key', async () => {
		const s = server();
		const result = await run(s, { resource: 'project', operation: 'update', projectId: byName(s.projectId), updateFields: { projectName: 'Renamed', users: 'ada@example.com' } });
		expect(result.items[0].json).toMatchObject({ id: s.projectId, name: 'Renamed', users: [{ email: 'ada@example.com' }] });
		expect(result.items[0].json).not.toHaveProperty('apiKeys');
		const path = `/3.0/organizations/${s.organizationId}/projects/${s.projectId}`;
		expect(sent(s)).toEqual([
			{ method: 'GET', path, query: {}, keyKind: 'organization', body: undefined },
			{ method: 'POST', path, query: {}, keyKind: 'organization', body: { name: 'Renamed', users: [{ email: 'ada@example.com' }] } },
		]);
	});

	// Whether Keen keeps omitted fields is unconfirmed; the strict server clears them (projectUpdate: 'replace').
	it('a rename keeps the users, and new users keep the name, whatever Keen does with omitted fields', async () => {
		const s = server();
		const update = (updateFields: INodeParameters) => run(s, { resource: 'project', operation: 'update', projectId: byName(s.projectId), updateFields });
		await update({ projectName: 'Before', users: 'ada@example.com, grace@example.com' });
		const renamed = await update({ projectName: 'After' });
		expect(renamed.items[0].json).toMatchObject({ name: 'After', users: [{ email: 'ada@example.com' }, { email: 'grace@example.com' }] });
		const reUsered = await update({ users: 'linus@example.com' });
		expect(reUsered.items[0].json).toMatchObject({ name: 'After', users: [{ email: 'linus@example.com' }] });
		expect(s.project.users).toEqual([{ email: 'linus@example.com' }]);
		expect(s.project.name).toBe('After');
	});

	it('refuses an invalid email before sending', async () => {
		const s = server();
		const result = await run(s, { resource: 'project', operation: 'update', projectId: byName(s.projectId), updateFields: { users: 'ada' } });
		expect(result.error?.message).toBe('"ada" is not an email address (item 0, field "Update Fields")');
		expect(s.requests).toHaveLength(0);
	});
});
