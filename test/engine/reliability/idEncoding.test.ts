import { CredentialTestNode, keenCredentials, runNode } from '../../harness';
import { startKeenServer, type KeenServer } from '../../keen-server';

/*
 * Issue 22.7: the Project ID and Organization ID are one path segment each, percent-encoded, so an
 * ID such as "p/1" reaches Keen as itself and cannot change which endpoint is reached.
 */

let server: KeenServer;
beforeAll(async () => {
	server = await startKeenServer({ port: 0, projectId: 'p/1', organizationId: 'o/1' });
	server.ingest('purchases', [{ price: 10 }]);
});
afterAll(async () => await server.close());
beforeEach(() => server.clearRequests());

const runWith = async (parameters: Record<string, unknown>) =>
	await runNode({ credentials: { ...keenCredentials(server) }, parameters: { ...parameters, requestOptions: { maxRetries: 0 } } });

it('sends the Project ID "p/1" as one encoded segment', async () => {
	const result = await runWith({ resource: 'collection', operation: 'getAll' });
	expect(result.status).toBe('success');
	expect(result.items.map((item) => item.json.name)).toEqual(['purchases']);
	expect(server.requests.map((r) => r.path)).toEqual(['/3.0/projects/p%2F1/events']);
});

it('sends the Organization ID "o/1" as one encoded segment', async () => {
	const result = await runWith({ resource: 'project', operation: 'getAll' });
	expect(result.status).toBe('success');
	expect(server.requests.map((r) => r.path)).toEqual(['/3.0/organizations/o%2F1/projects']);
});

it("the credential's Test encodes both IDs the same way", async () => {
	expect((await runNode({ node: new CredentialTestNode(), credentials: { ...keenCredentials(server) }, parameters: {} })).status).toBe('success');
	const organizationOnly = { writeApiKey: '', readApiKey: '', accessApiKey: '', masterApiKey: '' };
	expect((await runNode({ node: new CredentialTestNode(), credentials: { ...keenCredentials(server, organizationOnly) }, parameters: {} })).status).toBe('success');
	expect(server.requests.map((r) => r.path)).toEqual(['/3.0/projects/p%2F1/events', '/3.0/organizations/o%2F1/projects']);
});
