import { keenErrorOf, run, sent, useKeenServer } from '../../harness/engine-test-kit';

const server = useKeenServer();

describe('Project → Create', () => {
	it('POSTs to the organization with the organization key', async () => {
		const s = server();
		const result = await run(s, { resource: 'project', operation: 'create', projectName: 'Webshop', users: 'ada@example.com, grace@example.com' });
		expect(result.status).toBe('success');
		expect(result.items[0].json).toMatchObject({ name: 'Webshop', id: expect.any(String), users: [{ email: 'ada@example.com' }, { email: 'grace@example.com' }] });
		expect(sent(s)).toEqual([
			{
				method: 'POST',
				path: `/3.0/organizations/${s.organizationId}/projects`,
				query: {},
				keyKind: 'organization',
				body: { name: 'Webshop', users: [{ email: 'ada@example.com' }, { email: 'grace@example.com' }] },
			},
		]);
	});

	it('surfaces a duplicate name as Keen answers it', async () => {
		const s = server();
		await run(s, { resource: 'project', operation: 'create', projectName: 'Twice' });
		const result = await run(s, { resource: 'project', operation: 'create', projectName: 'Twice' });
		expect(keenErrorOf(result)).toMatchObject({ httpCode: '409', message: expect.stringMatching(/Duplicate/) });
	});

	it('needs the organization key, naming it and sending nothing', async () => {
		const s = server();
		const result = await run(s, { resource: 'project', operation: 'create', projectName: 'X' }, { credentials: { organizationApiKey: '' } });
		expect(result.error?.message).toBe('Project → Create needs the Organization API Key (item 0)');
		expect(s.requests).toHaveLength(0);
	});
});
