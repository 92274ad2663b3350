import { NodeHelpers, type IExecuteFunctions, type INodeExecutionData, type INodeParameters, type INodeType } from 'n8n-workflow';

import { KeenApi } from '../../../credentials/KeenApi.credentials';
import { CredentialTestNode, keenCredentials, runNode, type KeenCredentialData } from '../../harness';
import { startKeenServer, type KeenServer } from '../../keen-server';

/*
 * Issue 10 case 7 / issue 12 case 5: the credential's Test, run as n8n runs it — its request as
 * the routing of a declarative node, through n8n-core's engine and the credential's authenticate —
 * and its rules applied to the answer as n8n's credentials tester does.
 */

const credentialType = new KeenApi();

let server: KeenServer;
beforeAll(async () => {
	server = await startKeenServer({ port: 0 });
});
afterAll(async () => await server.close());
beforeEach(() => server.clearRequests());

const EMPTY = { writeApiKey: '', readApiKey: '', accessApiKey: '', masterApiKey: '', organizationApiKey: '' };

/** The Test's verdict: OK, or the rule's message for Keen's status (else the status), as n8n shows it. */
async function test(overrides: Partial<KeenCredentialData>): Promise<string> {
	const result = await runNode({ node: new CredentialTestNode(), credentials: { ...keenCredentials(server, overrides) }, parameters: {} });
	if (result.status === 'success') return 'OK';
	const status = Number((result.error as { httpCode?: string } | undefined)?.httpCode);
	const rule = credentialType.test.rules?.find((r) => r.type === 'responseCode' && r.properties.value === status);
	return rule ? rule.properties.message : `HTTP ${status}`;
}

describe('Keen API credential → Test', () => {
	it('passes with every key, checking the read key with the collection list', async () => {
		expect(await test({})).toBe('OK');
		expect(server.requests.map((r) => [r.method, r.path, r.keyKind])).toEqual([['GET', `/3.0/projects/${server.projectId}/events`, 'read']]);
	});

	it('passes for a write-only credential with an empty batch that records nothing', async () => {
		expect(await test({ ...EMPTY, writeApiKey: server.writeKey })).toBe('OK');
		const batch = { n8n_credential_test: [] };
		expect(server.requests.map((r) => [r.method, r.path, r.keyKind, r.body])).toEqual([['POST', `/3.0/projects/${server.projectId}/events`, 'write', batch]]);
		expect(server.eventCount()).toBe(0);
	});

	it('passes for a master-only and an organization-only credential', async () => {
		expect(await test({ ...EMPTY, masterApiKey: server.masterKey })).toBe('OK');
		expect(await test({ ...EMPTY, organizationApiKey: server.organizationKey })).toBe('OK');
		expect(server.requests.map((r) => [r.method, r.keyKind])).toEqual([['GET', 'master'], ['GET', 'organization']]);
	});

	it.each([
		['a wrong write key (write-only)', { ...EMPTY, writeApiKey: 'wrong-write-key' }, 'Write API Key'],
		['a wrong read key', { readApiKey: 'wrong-read-key' }, 'Read API Key'],
		['a wrong access key (no read key)', { readApiKey: '', accessApiKey: 'wrong-access-key' }, 'Access API Key'],
		['a wrong master key (master-only)', { ...EMPTY, masterApiKey: 'wrong-master-key' }, 'Master API Key'],
		['a wrong organization key', { ...EMPTY, organizationApiKey: 'wrong-org-key' }, 'Organization API Key'],
	])('fails for %s; the form names that key, and only that one, as the one the Test checks', async (_name, overrides, label) => {
		expect(await test(overrides)).toBe('Keen refused the key the Test checked, the one named at the end of this form ("The Test checks the …"). Check that key and the Project ID.');
		const values = { ...keenCredentials(server, overrides) } as Record<string, unknown>;
		const notes = credentialType.properties.filter((p) => p.type === 'notice' && NodeHelpers.displayParameter(values as INodeParameters, p, null, null));
		expect(notes.map((note) => note.displayName)).toEqual([`The Test checks the ${label}`]);
	});

	it('fails for an unknown Project ID', async () => {
		expect(await test({ projectId: 'no-such-project' })).toMatch(/Project ID/);
	});

	it('lists the keys least powerful first, each with a hint, and requires the Project ID', () => {
		const names = credentialType.properties.map((property) => property.name);
		expect(names.filter((name) => !name.startsWith('testNote'))).toEqual([
			'baseUrl',
			'projectId',
			'writeApiKey',
			'readApiKey',
			'accessApiKey',
			'masterApiKey',
			'organizationId',
			'organizationApiKey',
		]);
		expect(credentialType.properties.find((p) => p.name === 'projectId')?.required).toBe(true);
		for (const property of credentialType.properties.filter((p) => p.name.endsWith('ApiKey'))) expect(property.hint).toBeTruthy();
	});
});

describe('a key Keen refuses at run time is named', () => {
	it.each([
		['Write API Key', { writeApiKey: 'wrong-write-key' }, { resource: 'event', operation: 'record', collection: { __rl: true, mode: 'name', value: 'named' } }],
		['Master API Key', { masterApiKey: 'wrong-master-key' }, { resource: 'savedQuery', operation: 'getAll' }],
		['Read API Key', { readApiKey: 'wrong-read-key' }, { resource: 'collection', operation: 'getAll' }],
	])('%s', async (label, overrides, parameters) => {
		const result = await runNode({ credentials: { ...keenCredentials(server, overrides) }, parameters: { ...parameters, requestOptions: { maxRetries: 0 } }, items: [{ n: 1 }] });
		expect(result.status).toBe('error');
		expect(`${result.error?.message} ${(result.error as { description?: string }).description}`).toContain(`This request used the ${label}.`);
	});
});

/** A node that sends one GET with the Keen credential and the headers given, as the HTTP Request node would. */
function markerNode(headers: Record<string, string>): INodeType {
	return {
		description: {
			displayName: 'Marker',
			name: 'markerStandIn',
			group: ['transform'],
			version: 1,
			description: 'Sends one request with the Keen credential',
			defaults: { name: 'Marker' },
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: 'keenApi', required: true }],
			properties: [],
		},
		async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
			await this.helpers.httpRequestWithAuthentication.call(this, 'keenApi', { url: `${server.url}/3.0/projects/${server.projectId}/events`, method: 'GET', headers });
			return [[{ json: {} }]];
		},
	};
}

// Issue 22.7: HTTP header names have no case, so the credential's key-kind marker is read whatever its letters.
describe("the credential's key-kind marker header", () => {
	it.each(['x-n8n-keen-key-kind', 'X-N8N-Keen-Key-Kind', 'X-N8N-KEEN-KEY-KIND'])('%s picks the key', async (name) => {
		const result = await runNode({ node: markerNode({ [name]: 'master' }), credentials: { ...keenCredentials(server) }, parameters: {} });
		expect(result.status).toBe('success');
		// Without the marker, GET /events would use the read key.
		expect(server.requests.map((r) => r.keyKind)).toEqual(['master']);
	});
});
