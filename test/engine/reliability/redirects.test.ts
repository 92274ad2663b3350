import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';

import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { KeenApi } from '../../../credentials/KeenApi.credentials';
import { listSearch, loadOptions } from '../../../nodes/Keen/methods';
import { CredentialTestNode, keenCredentials, runLoadOptions, runNode, runPoll } from '../../harness';

/*
 * Issue 22.1: no key crosses an origin. The API URL points at a server that answers every request
 * with a redirect to a second server on another port. Whatever makes the request — an operation of
 * the node, the trigger, the credential's Test, a list search, a load-options method, or the HTTP
 * Request node using this credential — the redirect is not followed: the second server receives
 * nothing (so no key), and the Keen nodes' errors name the Location so the user can fix the API URL.
 */

interface Received {
	method: string;
	url: string;
	headers: IncomingHttpHeaders;
	body: string;
}

interface RecordingServer {
	url: string;
	received: Received[];
	server: Server;
}

async function recordingServer(answer: (url: string, res: ServerResponse) => void): Promise<RecordingServer> {
	const received: Received[] = [];
	const server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
			answer(req.url ?? '/', res);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, received, server };
}

const KEYS = {
	projectId: 'redirected-project',
	masterKey: 'MASTERKEY-0123456789abcdef',
	writeKey: 'WRITEKEY-0123456789abcdef',
	readKey: 'READKEY-0123456789abcdef',
	organizationId: 'redirected-org',
	organizationKey: 'ORGKEY-0123456789abcdef',
};
const ALL_KEYS = [KEYS.masterKey, KEYS.writeKey, KEYS.readKey, KEYS.organizationKey];

let other: RecordingServer;
let redirector: RecordingServer;
let status = 307;
/** Where the redirector sends each request: the other server (another origin) or a path on itself. */
let target: 'other' | 'same' = 'other';

beforeAll(async () => {
	other = await recordingServer((_url, res) => {
		res.writeHead(200, { 'Content-Type': 'application/json' });
		res.end('[]');
	});
	redirector = await recordingServer((url, res) => {
		res.writeHead(status, { Location: target === 'other' ? `${other.url}${url}` : `/moved${url}`, 'Content-Type': 'text/html' });
		res.end('<html>Moved</html>');
	});
});
afterAll(async () => {
	for (const { server } of [other, redirector]) await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
	other.received.length = 0;
	redirector.received.length = 0;
	target = 'other';
});
afterEach(() => {
	// What the other host received: nothing at all, so none of the keys.
	const seen = JSON.stringify(other.received);
	for (const key of ALL_KEYS) expect(seen).not.toContain(key);
	expect(other.received).toEqual([]);
});

const credentials = () => ({ ...keenCredentials({ ...KEYS, url: redirector.url }) });
const rl = (value: string) => ({ __rl: true, mode: 'name', value });
const NO_RETRIES = { requestOptions: { maxRetries: 0, retryDelay: 1 } };

/** The Location the redirector sends for a request to `path` of the project. */
const locationOf = (path: string) => `${other.url}/3.0/projects/${KEYS.projectId}${path}`;

/** Stand-in for n8n's HTTP Request node with "Predefined Credential Type" Keen: both of n8n's request helpers, redirects asked for. */
class HttpRequestStandIn implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'HTTP Request',
		name: 'httpRequestStandIn',
		group: ['transform'],
		version: 1,
		description: 'Sends requests with the Keen credential as the HTTP Request node does',
		defaults: { name: 'HTTP Request' },
		inputs: ['main'],
		outputs: ['main'],
		credentials: [{ name: 'keenApi', required: true }],
		properties: [],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const { baseUrl, projectId } = await this.getCredentials<{ baseUrl: string; projectId: string }>('keenApi');
		const url = `${baseUrl}/3.0/projects/${projectId}/queries/count`;
		// The HTTP Request node's legacy helper, with its "Follow Redirects" options on.
		const legacy = (await this.helpers.requestWithAuthentication.call(this, 'keenApi', {
			uri: url,
			method: 'POST',
			body: { event_collection: 'x' },
			json: true,
			followRedirect: true,
			followAllRedirects: true,
			maxRedirects: 21,
			resolveWithFullResponse: true,
			simple: false,
		})) as { statusCode: number };
		const modern = (await this.helpers.httpRequestWithAuthentication.call(this, 'keenApi', {
			url,
			method: 'GET',
			maxRedirects: 21,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
		})) as { statusCode: number };
		return [[{ json: { legacy: legacy.statusCode, modern: modern.statusCode } }]];
	}
}

describe.each([301, 302, 303, 307, 308])('a %i redirect to another origin', (redirectStatus) => {
	beforeAll(() => {
		status = redirectStatus;
	});

	it.each([
		['Collection → Get Many (GET, read key)', { resource: 'collection', operation: 'getAll' }, '/events'],
		['Query → Count (POST, read key)', { resource: 'query', operation: 'count', collection: rl('purchases') }, '/queries/count'],
		['Event → Record (POST, write key)', { resource: 'event', operation: 'record', collection: rl('purchases') }, '/events'],
		['Saved Query → Get Many (GET, master key)', { resource: 'savedQuery', operation: 'getAll' }, '/queries/saved'],
	])('the node stops at %s, naming the Location', async (_name, parameters, path) => {
		const result = await runNode({ credentials: credentials(), parameters: { ...parameters, ...NO_RETRIES }, items: [{ n: 1 }] });
		expect(result.status).toBe('error');
		expect(result.error?.message).toContain(`answered ${redirectStatus} with a redirect to ${locationOf(path)}, which was not followed`);
		expect((result.error as { description?: string }).description).toContain(`If ${other.url} is where the Keen API lives, put it in the API URL`);
		expect(redirector.received).toHaveLength(1);
	});

	it('the trigger fails its poll, naming the Location', async () => {
		const parameters = { event: 'newEvent', collection: { __rl: true, mode: 'list', value: 'orders' }, ...NO_RETRIES };
		await expect(runPoll({ credentials: credentials(), parameters, staticData: {} })).rejects.toThrow(`redirect to ${locationOf('/queries/extraction')}`);
	});

	it("the credential's Test fails with the redirect's rule", async () => {
		const result = await runNode({ node: new CredentialTestNode(), credentials: credentials(), parameters: {} });
		expect(result.status).toBe('error');
		expect(Number((result.error as { httpCode?: string }).httpCode)).toBe(redirectStatus);
		const rule = new KeenApi().test.rules?.find((r) => r.type === 'responseCode' && r.properties.value === redirectStatus);
		expect(rule?.properties.message).toMatch(/redirect, which is not followed, so no key goes to another host/);
	});

	it('list searches and load options fail, naming the Location', async () => {
		await expect(runLoadOptions({ credentials: credentials() }, async (context) => await listSearch.searchCollections.call(context))).rejects.toThrow(
			`redirect to ${locationOf('/events')}`,
		);
		await expect(runLoadOptions({ credentials: credentials() }, async (context) => await listSearch.searchSavedQueries.call(context))).rejects.toThrow(
			`redirect to ${locationOf('/queries/saved')}`,
		);
		const parameters = { resource: 'query', operation: 'sum', collection: rl('purchases') };
		await expect(runLoadOptions({ credentials: credentials(), parameters }, async (context) => await loadOptions.getCollectionProperties.call(context))).rejects.toThrow(
			`redirect to ${locationOf('/events/purchases')}`,
		);
	});

	it('the HTTP Request node with this credential gets the redirect itself, though it asked to follow', async () => {
		const result = await runNode({ node: new HttpRequestStandIn(), credentials: credentials(), parameters: {} });
		expect(result.status).toBe('success');
		expect(result.items[0].json).toEqual({ legacy: redirectStatus, modern: redirectStatus });
	});
});

describe('a redirect within the same origin', () => {
	it('is not followed either: one request, and the error names the Location', async () => {
		target = 'same';
		status = 302;
		const result = await runNode({ credentials: credentials(), parameters: { resource: 'collection', operation: 'getAll', ...NO_RETRIES } });
		expect(result.error?.message).toContain(`answered 302 with a redirect to /moved/3.0/projects/${KEYS.projectId}/events, which was not followed`);
		expect((result.error as { description?: string }).description).toContain('Check the API URL in the Keen credential');
		expect(redirector.received.map((r) => r.url)).toEqual([`/3.0/projects/${KEYS.projectId}/events`]);
	});

	it('names a Location that carries a key only redacted', async () => {
		target = 'other';
		status = 307;
		const leaky = await recordingServer((_url, res) => {
			res.writeHead(307, { Location: `${other.url}/?api_key=${KEYS.readKey}` });
			res.end();
		});
		try {
			const result = await runNode({ credentials: { ...keenCredentials({ ...KEYS, url: leaky.url }) }, parameters: { resource: 'collection', operation: 'getAll', ...NO_RETRIES } });
			expect(result.error?.message).toContain(`redirect to ${other.url}/?api_key=[redacted]`);
		} finally {
			await new Promise((resolve) => leaky.server.close(resolve));
		}
	});
});
