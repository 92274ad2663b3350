import { collectStrings } from './collect-strings';
import { WorkflowExecute } from 'n8n-core';
import {
	NodeConnectionTypes,
	NodeHelpers,
	Workflow,
	createRunExecutionData,
	type ExecutionError,
	type ExecutionStatus,
	type ICredentialType,
	type IExecuteFunctions,
	type IDataObject,
	type INode,
	type INodeExecutionData,
	type INodeParameters,
	type INodeType,
	type INodeTypeDescription,
	type IRun,
	type ITriggerFunctions,
	type ITriggerResponse,
	type IVersionedNodeType,
} from 'n8n-workflow';

import {
	createAdditionalData,
	createNodeTypes,
	latestVersion,
	nodeTypeName,
	workflowBase,
	type NodeTypeRegistry,
} from './engine';

export type OnErrorSetting = 'stopWorkflow' | 'continueRegularOutput' | 'continueErrorOutput';

export interface RunNodeOptions {
	/** Node under test; defaults to the Keen node from its TypeScript source. */
	node?: INodeType | IVersionedNodeType;
	/** Credential type whose `authenticate` is applied; defaults to KeenApi from source. */
	credentialType?: ICredentialType;
	/** Plaintext data of that credential, as a user would fill it in. */
	credentials: Record<string, unknown>;
	parameters: INodeParameters;
	/** Input items of the node under test; default one empty item. */
	items?: INodeExecutionData[] | IDataObject[];
	onError?: OnErrorSetting;
	/** The legacy per-node "Continue On Fail" flag. */
	continueOnFail?: boolean;
	nodeName?: string;
	mode?: 'manual' | 'trigger';
	typeVersion?: number;
	/** Fixed execution id (default: a new one per run, as in n8n). */
	executionId?: string;
	/** Scan outputs and errors for the credential's keys (default true). */
	scanForSecrets?: boolean;
	/**
	 * Runs the node inside a loop, as n8n's Loop Over Items does: it gets `loopBatchSize` items per
	 * run and its output goes back to the loop, so it runs once per batch in one execution.
	 */
	loopBatchSize?: number;
	/** The node's Retry On Fail setting: n8n runs the node again (same run index) when a try fails. */
	retryOnFail?: { maxTries: number };
}

export interface RunNodeResult {
	status: ExecutionStatus;
	/** Main output 0 of the node under test. */
	items: INodeExecutionData[];
	/** Output 1 (the error branch) when onError is 'continueErrorOutput'. */
	errorItems: INodeExecutionData[];
	/** The error that failed the run, if it failed. */
	error?: ExecutionError;
	/** Main output 0 of every run of the node under test (one per batch inside a loop). */
	runs: INodeExecutionData[][];
	run: IRun;
}

const MANUAL_TRIGGER_TYPE = 'n8n-nodes-base.manualTrigger';
const ITEM_SOURCE_TYPE = 'harness.itemSource';
const LOOP_TYPE = 'harness.loop';
const LOOP_NAME = 'Loop Over Items';
const MANUAL_TRIGGER_NAME = 'When clicking Execute workflow';
const ITEM_SOURCE_NAME = 'Input Items';

function standInDescription(name: string, displayName: string, inputs: boolean): INodeTypeDescription {
	return {
		displayName,
		name,
		group: inputs ? ['transform'] : ['trigger'],
		version: 1,
		description: 'Test harness stand-in',
		defaults: { name: displayName },
		inputs: inputs ? [NodeConnectionTypes.Main] : [],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	};
}

/** Same trigger() shape as n8n-nodes-base.manualTrigger, so the run starts the way an editor run does. */
export class ManualTriggerStandIn implements INodeType {
	description = standInDescription('manualTrigger', 'Manual Trigger', false);

	async trigger(this: ITriggerFunctions): Promise<ITriggerResponse> {
		const manualTriggerFunction = async () => {
			this.emit([this.helpers.returnJsonArray([{}])]);
		};
		return { manualTriggerFunction };
	}
}

/** Emits the test's input items so they reach the node under test with pairedItem sources. */
class ItemSourceStandIn implements INodeType {
	description = standInDescription('itemSource', 'Input Items', true);

	constructor(private readonly items: INodeExecutionData[]) {}

	// An arrow property: the engine calls execute with its own context as `this`, and the items live on the instance.
	execute = async (): Promise<INodeExecutionData[][]> => [
		this.items.map((item, index) => ({ ...structuredClone(item), pairedItem: { item: index } })),
	];
}

/**
 * Loop Over Items' contract (n8n's SplitInBatches v3): output 1 ("loop") gets the next `batchSize`
 * input items; whatever comes back is collected; once all are used, output 0 ("done") gets it all.
 * Its state lives in the node's execution context, as in n8n.
 */
function loopStandIn(batchSize: number): INodeType {
	return {
		description: { ...standInDescription('loop', LOOP_NAME, true), outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main] },
		async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
			const context = this.getContext('node');
			const input = this.getInputData().map(({ json }) => ({ json }));
			if (!Array.isArray(context.remaining)) {
				context.remaining = input;
				context.done = [];
			} else {
				(context.done as INodeExecutionData[]).push(...input);
			}
			const remaining = context.remaining as INodeExecutionData[];
			if (remaining.length === 0) {
				const done = context.done as INodeExecutionData[];
				delete context.remaining;
				delete context.done;
				return [done, []];
			}
			return [[], remaining.splice(0, batchSize)];
		},
	};
}

function isExecutionData(item: INodeExecutionData | IDataObject): item is INodeExecutionData {
	const json = (item as INodeExecutionData).json;
	return typeof json === 'object' && json !== null && !Array.isArray(json);
}

export function toExecutionData(items: INodeExecutionData[] | IDataObject[] | undefined): INodeExecutionData[] {
	const given: Array<INodeExecutionData | IDataObject> = items ?? [{}];
	return given.map((item) => (isExecutionData(item) ? item : { json: item }));
}

async function defaultKeenNode(): Promise<INodeType> {
	const { Keen } = await import('../../nodes/Keen/Keen.node');
	return new Keen();
}

export async function defaultKeenCredentialType(): Promise<ICredentialType> {
	const { KeenApi } = await import('../../credentials/KeenApi.credentials');
	return new KeenApi();
}

export function credentialsFor(credentialType: ICredentialType): INode['credentials'] {
	return { [credentialType.name]: { id: 'harness-credential', name: `${credentialType.name} (test)` } };
}

interface TestWorkflow {
	nodes: INode[];
	registry: NodeTypeRegistry;
	trigger: INode;
	target: INode;
}

function buildWorkflow(nodeType: INodeType | IVersionedNodeType, credentialType: ICredentialType, options: RunNodeOptions): TestWorkflow {
	const trigger: INode = {
		id: 'harness-trigger',
		name: MANUAL_TRIGGER_NAME,
		type: MANUAL_TRIGGER_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const source: INode = {
		id: 'harness-source',
		name: ITEM_SOURCE_NAME,
		type: ITEM_SOURCE_TYPE,
		typeVersion: 1,
		position: [200, 0],
		parameters: {},
	};
	const typeVersion = options.typeVersion ?? latestVersion(nodeType);
	const { description } = NodeHelpers.getVersionedNodeType(nodeType, typeVersion);
	const target: INode = {
		id: 'harness-target',
		name: options.nodeName ?? description.defaults.name ?? description.displayName,
		type: nodeTypeName(nodeType),
		typeVersion,
		position: [400, 0],
		parameters: options.parameters,
		credentials: credentialsFor(credentialType),
		...(options.onError ? { onError: options.onError } : {}),
		...(options.continueOnFail ? { continueOnFail: true } : {}),
		...(options.retryOnFail ? { retryOnFail: true, maxTries: options.retryOnFail.maxTries, waitBetweenTries: 0 } : {}),
	};
	const registry: NodeTypeRegistry = {
		[MANUAL_TRIGGER_TYPE]: new ManualTriggerStandIn(),
		[ITEM_SOURCE_TYPE]: new ItemSourceStandIn(toExecutionData(options.items)),
		[target.type]: nodeType,
	};
	if (options.loopBatchSize === undefined) return { nodes: [trigger, source, target], registry, trigger, target };
	const loop: INode = { id: 'harness-loop', name: LOOP_NAME, type: LOOP_TYPE, typeVersion: 1, position: [300, 0], parameters: {} };
	registry[LOOP_TYPE] = loopStandIn(options.loopBatchSize);
	return { nodes: [trigger, source, loop, target], registry, trigger, target };
}

/** Trigger → Input Items → Loop Over Items, whose "loop" output feeds the node under test, whose output returns to the loop. */
function loopConnections(target: string) {
	const to = (node: string) => [{ node, type: NodeConnectionTypes.Main, index: 0 }];
	return {
		[MANUAL_TRIGGER_NAME]: { main: [to(ITEM_SOURCE_NAME)] },
		[ITEM_SOURCE_NAME]: { main: [to(LOOP_NAME)] },
		[LOOP_NAME]: { main: [[], to(target)] },
		[target]: { main: [to(LOOP_NAME)] },
	};
}

function chain(...names: string[]) {
	return Object.fromEntries(
		names.slice(0, -1).map((name, index) => [
			name,
			{ main: [[{ node: names[index + 1], type: NodeConnectionTypes.Main, index: 0 }]] },
		]),
	);
}

/**
 * Runs Manual Trigger → Input Items → node under test through n8n-core's WorkflowExecute,
 * the same engine path as "Execute workflow" in the editor.
 */
/**
 * Every run is scanned for the credential's keys (issue 5: no key in an output item or an
 * error, whatever the test checks); benchmarks turn it off for speed.
 */
export function assertNoSecretLeaked(credentials: Record<string, unknown>, value: unknown): void {
	const secrets = Object.entries(credentials)
		.filter(([name, secret]) => name.endsWith('ApiKey') && typeof secret === 'string' && secret.length >= 8)
		.map(([name, secret]) => [name, secret as string] as const);
	if (secrets.length === 0) return;
	for (const text of collectStrings(value)) {
		for (const [name, secret] of secrets) {
			if (text.includes(secret)) throw new Error(`The credential's ${name} leaked into the run's output or error: ${text.slice(0, 200)}`);
		}
	}
}

export async function runNode(options: RunNodeOptions): Promise<RunNodeResult> {
	const nodeType = options.node ?? (await defaultKeenNode());
	const credentialType = options.credentialType ?? (await defaultKeenCredentialType());
	const mode = options.mode ?? 'manual';
	const { nodes, registry, trigger, target } = buildWorkflow(nodeType, credentialType, options);
	const connections = options.loopBatchSize === undefined ? chain(trigger.name, ITEM_SOURCE_NAME, target.name) : loopConnections(target.name);

	const workflow = new Workflow({
		id: 'harness-workflow',
		nodes,
		connections,
		nodeTypes: createNodeTypes(registry),
		active: false,
		settings: {},
	});
	const additionalData = createAdditionalData({
		mode,
		workflowData: workflowBase(nodes, connections),
		credentialType,
		credentials: options.credentials as IDataObject,
		executionId: options.executionId,
	});
	const runExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [{ node: trigger, data: { main: [[{ json: {} }]] }, source: null }],
		},
	});
	const run = await new WorkflowExecute(additionalData, mode, runExecutionData).processRunExecutionData(workflow);
	const result = summarise(run, target.name);
	if (options.scanForSecrets !== false) assertNoSecretLeaked(options.credentials, result);
	return result;
}

function summarise(run: IRun, nodeName: string): RunNodeResult {
	const tasks = run.data.resultData.runData[nodeName] ?? [];
	const main = tasks[0]?.data?.main ?? [];
	return {
		status: run.status,
		items: main[0] ?? [],
		errorItems: main[1] ?? [],
		error: run.data.resultData.error ?? tasks.find((task) => task.error)?.error,
		runs: tasks.map((task) => task.data?.main?.[0] ?? []),
		run,
	};
}
