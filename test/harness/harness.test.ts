import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import {
	NodeConnectionTypes,
	NodeOperationError,
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type IExecuteFunctions,
	type IHttpRequestOptions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';
import { SSHClientsManager } from 'n8n-core/dist/execution-engine/ssh-clients-manager';

import { collectStrings, runNode, runPoll } from './index';
import { n8nCoreContainer, shutdownN8nCore } from './teardown';

interface SeenRequest {
	method: string;
	url: string;
	headers: IncomingHttpHeaders;
}

interface EchoServer {
	url: string;
	seen: SeenRequest[];
	close(): Promise<void>;
}

/** Answers every request with what it received, and remembers it. */
async function startEchoServer(): Promise<EchoServer> {
	const seen: SeenRequest[] = [];
	const server: Server = createServer((req, res) => {
		const request = { method: req.method ?? '', url: req.url ?? '', headers: req.headers };
		seen.push(request);
		res.setHeader('content-type', 'application/json');
		res.end(JSON.stringify(request));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		seen,
		close: async () => await new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

/** Credential with a function authenticate that, like KeenApi, sets a raw Authorization header. */
class EchoApi implements ICredentialType {
	name = 'echoApi';
	displayName = 'Echo API';
	properties: ICredentialType['properties'] = [
		{ displayName: 'Base URL', name: 'baseUrl', type: 'string', default: 'http://unused.invalid' },
		{ displayName: 'API Key', name: 'apiKey', type: 'string', typeOptions: { password: true }, default: '' },
		{ displayName: 'Region', name: 'region', type: 'string', default: 'eu' },
	];

	async authenticate(credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions) {
		return { ...requestOptions, headers: { ...requestOptions.headers, Authorization: String(credentials.apiKey) } };
	}
}

/** Same credential with a generic authenticate, to cover that path of the credentials stand-in. */
class GenericEchoApi extends EchoApi {
	authenticate = {
		type: 'generic' as const,
		properties: { headers: { 'X-Api-Key': '={{$credentials.apiKey}}' }, qs: { region: '={{$credentials.region}}' } },
	} as unknown as EchoApi['authenticate'];
}

const echoDescription: INodeTypeDescription = {
	displayName: 'Echo',
	name: 'echo',
	group: ['transform'],
	version: [1, 2],
	description: 'Test-only node',
	defaults: { name: 'Echo' },
	inputs: [NodeConnectionTypes.Main],
	outputs: [NodeConnectionTypes.Main],
	credentials: [{ name: 'echoApi', required: true }],
	properties: [
		{ displayName: 'Action', name: 'action', type: 'string', default: 'params' },
		{ displayName: 'Value', name: 'value', type: 'string', default: '' },
	],
};

/**
 * Test node. action=params echoes parameters; action=request calls the server with authentication;
 * action=fail throws for items whose json.fail is true (honouring continueOnFail like real nodes).
 */
class EchoNode implements INodeType {
	description = echoDescription;

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const output: INodeExecutionData[] = [];
		for (let index = 0; index < items.length; index++) {
			try {
				output.push({ json: await echoItem(this, index), pairedItem: { item: index } });
			} catch (error) {
				if (!this.continueOnFail()) throw error;
				output.push({ json: { error: (error as Error).message }, pairedItem: { item: index } });
			}
		}
		return [output];
	}
}

async function echoItem(context: IExecuteFunctions, index: number) {
	const action = context.getNodeParameter('action', index) as string;
	const value = context.getNodeParameter('value', index) as string;
	const credentials = await context.getCredentials('echoApi');
	if (action === 'request') {
		const response = await context.helpers.httpRequestWithAuthentication.call(context, 'echoApi', {
			method: 'GET',
			url: `${String(credentials.baseUrl)}/echo/${value}`,
		});
		return { response };
	}
	if (action === 'fail' && context.getInputData()[index].json.fail === true) {
		throw new NodeOperationError(context.getNode(), `Item ${index} asked to fail`, {
			itemIndex: index,
			description: 'Set json.fail to false',
		});
	}
	return { value, region: credentials.region, input: context.getInputData()[index].json, version: context.getNode().typeVersion };
}

describe('runNode', () => {
	let server: EchoServer;

	beforeAll(async () => {
		server = await startEchoServer();
	});

	afterAll(async () => {
		await server.close();
	});

	const credentialType = new EchoApi();

	it('passes parameters, resolved expressions, input items and credentials to the node', async () => {
		const result = await runNode({
			node: new EchoNode(),
			credentialType,
			credentials: { apiKey: 'k1' },
			parameters: { action: 'params', value: '={{ $json.n * 2 }}' },
			items: [{ n: 1 }, { json: { n: 21 } }],
		});

		expect(result.status).toBe('success');
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json)).toEqual([
			{ value: 2, region: 'eu', input: { n: 1 }, version: 2 },
			{ value: 42, region: 'eu', input: { n: 21 }, version: 2 },
		]);
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it('gives the node its input with pairedItem sources from the upstream node', async () => {
		const result = await runNode({ node: new EchoNode(), credentialType, credentials: {}, parameters: {} });

		const task = result.run.data.resultData.runData.Echo[0];
		// n8n 1.x leaves previousNodeOutput/previousNodeRun undefined where 2.x writes 0: both mean the first output and run.
		expect(task.source).toHaveLength(1);
		expect(task.source[0]).toMatchObject({ previousNode: 'Input Items' });
		expect(result.items).toHaveLength(1);
	});

	it('applies the credential function authenticate to httpRequestWithAuthentication', async () => {
		const result = await runNode({
			node: new EchoNode(),
			credentialType,
			credentials: { baseUrl: server.url, apiKey: 'secret-1' },
			parameters: { action: 'request', value: 'abc' },
		});

		expect(result.status).toBe('success');
		expect(server.seen.at(-1)).toMatchObject({ method: 'GET', url: '/echo/abc' });
		expect(server.seen.at(-1)?.headers.authorization).toBe('secret-1');
	});

	it('applies a generic authenticate with $credentials expressions', async () => {
		const result = await runNode({
			node: new EchoNode(),
			credentialType: new GenericEchoApi(),
			credentials: { baseUrl: server.url, apiKey: 'secret-2', region: 'us' },
			parameters: { action: 'request', value: 'generic' },
		});

		expect(result.status).toBe('success');
		expect(server.seen.at(-1)?.url).toBe('/echo/generic?region=us');
		expect(server.seen.at(-1)?.headers['x-api-key']).toBe('secret-2');
	});

	it('surfaces a node error in `error` and fails the run', async () => {
		const result = await runNode({
			node: new EchoNode(),
			credentialType,
			credentials: {},
			parameters: { action: 'fail' },
			items: [{ fail: false }, { fail: true }],
		});

		expect(result.status).toBe('error');
		expect(result.items).toEqual([]);
		expect(result.error?.message).toBe('Item 1 asked to fail');
		expect(result.error?.description).toBe('Set json.fail to false');
	});

	it('keeps going with continueOnFail', async () => {
		const result = await runNode({
			node: new EchoNode(),
			credentialType,
			credentials: {},
			parameters: { action: 'fail' },
			items: [{ fail: false }, { fail: true }],
			continueOnFail: true,
		});

		expect(result.status).toBe('success');
		expect(result.items[1].json).toEqual({ error: 'Item 1 asked to fail' });
	});

	it('routes error items to output 1 with continueErrorOutput', async () => {
		const result = await runNode({
			node: new EchoNode(),
			credentialType,
			credentials: {},
			parameters: { action: 'fail' },
			items: [{ fail: false }, { fail: true }],
			onError: 'continueErrorOutput',
		});

		expect(result.status).toBe('success');
		expect(result.items.map((item) => item.json.input)).toEqual([{ fail: false }]);
		expect(result.errorItems).toHaveLength(1);
		// n8n moves the whole item, merged with the input json, to the error branch.
		expect(result.errorItems[0].json).toEqual({ fail: true, error: 'Item 1 asked to fail' });
	});

	it('uses the given node name and type version', async () => {
		const result = await runNode({
			node: new EchoNode(),
			credentialType,
			credentials: {},
			parameters: {},
			nodeName: 'My Echo',
			typeVersion: 1,
		});

		expect(result.run.data.resultData.runData['My Echo']).toBeDefined();
		expect(result.items[0].json.version).toBe(1);
	});
});

describe('collectStrings', () => {
	it('finds strings in keys, values, arrays, nested errors and buffers', () => {
		const error = new Error('bad key ABC');
		Object.assign(error, { description: 'desc XYZ' });
		const strings = collectStrings({ a: ['x', { b: 'y' }], err: error, buf: Buffer.from('raw'), n: 1 });

		expect(strings).toEqual(expect.arrayContaining(['a', 'x', 'b', 'y', 'bad key ABC', 'desc XYZ', 'raw']));
		expect(strings.some((text) => text.includes('Error: bad key ABC'))).toBe(true);
	});

	it('survives cycles', () => {
		const cyclic: Record<string, unknown> = { name: 'loop' };
		cyclic.self = cyclic;

		expect(collectStrings(cyclic)).toEqual(['name', 'loop', 'self']);
	});
});

/** Test-only polling node: counts polls in static data, then emits, returns null or throws. */
class CountingTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Counting Trigger',
		name: 'countingTrigger',
		group: ['trigger'],
		version: 1,
		polling: true,
		description: 'Test-only poller',
		defaults: { name: 'Counting Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'echoApi', required: true }],
		properties: [{ displayName: 'Outcome', name: 'outcome', type: 'string', default: 'emit' }],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const state = this.getWorkflowStaticData('node');
		state.polls = Number(state.polls ?? 0) + 1;
		const outcome = this.getNodeParameter('outcome') as string;
		if (outcome === 'throw') throw new NodeOperationError(this.getNode(), 'Poll failed');
		if (outcome === 'null') return null;
		const credentials = await this.getCredentials('echoApi');
		return [[{ json: { mode: this.getMode(), activation: this.getActivationMode(), key: credentials.apiKey, polls: state.polls } }]];
	}
}

describe('runPoll', () => {
	const common = { node: new CountingTrigger(), credentialType: new EchoApi(), credentials: { apiKey: 'k' } };

	it('runs poll() in trigger mode and persists static data written before an emit', async () => {
		const { result, staticData } = await runPoll({ ...common, parameters: { outcome: 'emit' } });

		expect(result).toEqual([[{ json: { mode: 'trigger', activation: 'activate', key: 'k', polls: 1 } }]]);
		expect(staticData).toEqual({ polls: 1 });
	});

	it('runs poll() in manual mode', async () => {
		const { result } = await runPoll({ ...common, mode: 'manual', parameters: { outcome: 'emit' } });

		expect(result?.[0][0].json).toMatchObject({ mode: 'manual', activation: 'manual' });
	});

	it('persists static data when poll() returns null and carries it into the next poll', async () => {
		const first = await runPoll({ ...common, parameters: { outcome: 'null' } });
		const second = await runPoll({ ...common, parameters: { outcome: 'emit' }, staticData: first.staticData });

		expect(first).toEqual({ result: null, staticData: { polls: 1 }, warnings: [] });
		expect(second.staticData).toEqual({ polls: 2 });
	});

	it('rejects with the node error and leaves the given static data unchanged when poll() throws', async () => {
		const before = { polls: 5 };

		await expect(runPoll({ ...common, parameters: { outcome: 'throw' }, staticData: before })).rejects.toThrow('Poll failed');
		expect(before).toEqual({ polls: 5 });
	});
});

describe('teardown', () => {
	it('finds the SSHClientsManager that n8n-core created lazily in its own DI container', async () => {
		await runNode({ node: new EchoNode(), credentialType: new EchoApi(), credentials: {}, parameters: {} });

		expect(n8nCoreContainer().has(SSHClientsManager)).toBe(true);
		expect(() => shutdownN8nCore()).not.toThrow();
	});
});
