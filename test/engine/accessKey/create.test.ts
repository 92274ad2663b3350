import { run, sent, useKeenServer } from '../../harness/engine-test-kit';

const server = useKeenServer();

describe('Access Key → Create', () => {
	it('POSTs the key with friendly options merged over the JSON, master key', async () => {
		const s = server();
		const result = await run(s, {
			resource: 'accessKey',
			operation: 'create',
			keyName: 'customer-42',
			permitted: ['queries', 'writes'],
			keyOptions: { optionsJson: '{"datasets":{"operations":["read"]}}', writesAutofill: '{"customer":{"name":"Ada"}}', cachedQueriesAllowed: 'daily' },
		});
		expect(result.status).toBe('success');
		expect(result.items[0].json).toMatchObject({ name: 'customer-42', is_active: true, permitted: ['queries', 'writes'], key: expect.stringMatching(/^[0-9A-F]{64}$/) });
		expect(sent(s)).toEqual([
			{
				method: 'POST',
				path: `/3.0/projects/${s.projectId}/keys`,
				query: {},
				keyKind: 'master',
				body: {
					name: 'customer-42',
					is_active: true,
					permitted: ['queries', 'writes'],
					options: { datasets: { operations: ['read'] }, writes: { autofill: { customer: { name: 'Ada' } } }, cached_queries: { allowed: ['daily'] } },
				},
			},
		]);
	});

	it('refuses a name over 256 characters before sending', async () => {
		const s = server();
		const result = await run(s, { resource: 'accessKey', operation: 'create', keyName: 'k'.repeat(257) });
		expect(result.error?.message).toBe('The access key name is 257 characters long (item 0, field "Name")');
		expect(s.requests).toHaveLength(0);
	});
});
