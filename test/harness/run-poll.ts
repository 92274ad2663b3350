import * as n8nCore from 'n8n-core';
import {
	NodeHelpers,
	Workflow,
	type ICredentialType,
	type IDataObject,
	type INode,
	type INodeExecutionData,
	type IPollFunctions,
	type INodeParameters,
	type INodeType,
	type IVersionedNodeType,
} from 'n8n-workflow';

import { createAdditionalData, createNodeTypes, latestVersion, nodeTypeName, workflowBase } from './engine';
import { assertNoSecretLeaked, credentialsFor, defaultKeenCredentialType } from './run-node';

export interface RunPollOptions {
	/** Polling node under test; defaults to KeenTrigger from its TypeScript source. */
	node?: INodeType | IVersionedNodeType;
	credentialType?: ICredentialType;
	credentials: Record<string, unknown>;
	parameters: INodeParameters;
	/** The node's static data before this poll, e.g. the staticData of a previous runPoll. */
	staticData?: IDataObject;
	/** 'trigger' is a scheduled poll of an active workflow; 'manual' is "Fetch test event". */
	mode?: 'manual' | 'trigger';
	nodeName?: string;
	typeVersion?: number;
}

export interface RunPollResult {
	result: INodeExecutionData[][] | null;
	/** The node's static data as n8n keeps it after this poll (a plain JSON copy). */
	staticData: IDataObject;
	/** The warnings the node wrote to n8n's log during this poll. */
	warnings: string[];
}

/** Runs `poll` while recording what is written to n8n's logger (the one `this.logger` gives the node) as warnings. */
async function recordingWarnings<T>(context: IPollFunctions, poll: () => Promise<T>): Promise<{ value: T; warnings: string[] }> {
	const logger = context.logger;
	const warnings: string[] = [];
	const original = logger.warn;
	logger.warn = (...args: Parameters<typeof original>) => {
		warnings.push(args[0]);
		original.apply(logger, args);
	};
	try {
		return { value: await poll(), warnings };
	} finally {
		logger.warn = original;
	}
}

async function defaultKeenTrigger(): Promise<INodeType> {
	const { KeenTrigger } = await import('../../nodes/KeenTrigger/KeenTrigger.node');
	return new KeenTrigger();
}

function jsonCopy<T>(value: T): T {
	return JSON.parse(JSON.stringify(value)) as T;
}

/**
 * n8n 2.x stages static-data writes made during a poll: they are committed when the poll
 * emits or returns null and dropped when it throws. This keeps the committed and staged copies.
 */
class StagedStaticData {
	private staged: IDataObject | undefined;

	constructor(private committed: IDataObject) {}

	current = (): IDataObject => {
		this.staged ??= jsonCopy(this.committed);
		return this.staged;
	};

	runPoll = async <T>(poll: () => Promise<T>): Promise<T> => {
		this.staged = jsonCopy(this.committed);
		try {
			return await poll();
		} catch (error) {
			this.staged = undefined;
			throw error;
		}
	};

	commit = async (): Promise<void> => {
		if (this.staged) this.committed = jsonCopy(this.staged);
	};

	get persisted(): IDataObject {
		return jsonCopy(this.committed);
	}
}

function buildPollNode(nodeType: INodeType | IVersionedNodeType, credentialType: ICredentialType, options: RunPollOptions): INode {
	const typeVersion = options.typeVersion ?? latestVersion(nodeType);
	const { description } = NodeHelpers.getVersionedNodeType(nodeType, typeVersion);
	return {
		id: 'harness-poller',
		name: options.nodeName ?? description.defaults.name ?? description.displayName,
		type: nodeTypeName(nodeType),
		typeVersion,
		position: [0, 0],
		parameters: options.parameters,
		credentials: credentialsFor(credentialType),
	};
}

/**
 * Runs one poll() through n8n-core's PollContext with n8n's cursor staging. Rejects with the
 * node's own error when poll() throws; the caller's staticData is then what n8n would still hold.
 * In manual mode n8n would not save static data at all; the result still shows what the node
 * wrote, so tests can assert that a test fetch leaves the cursor alone.
 */
export async function runPoll(options: RunPollOptions): Promise<RunPollResult> {
	try {
		const outcome = await pollOnce(options);
		assertNoSecretLeaked(options.credentials, outcome);
		return outcome;
	} catch (error) {
		assertNoSecretLeaked(options.credentials, error);
		throw error;
	}
}

async function pollOnce(options: RunPollOptions): Promise<RunPollResult> {
	const nodeType = options.node ?? (await defaultKeenTrigger());
	const credentialType = options.credentialType ?? (await defaultKeenCredentialType());
	const mode = options.mode ?? 'trigger';
	const node = buildPollNode(nodeType, credentialType, options);
	const workflow = new Workflow({
		id: 'harness-workflow',
		nodes: [node],
		connections: {},
		nodeTypes: createNodeTypes({ [node.type]: nodeType }),
		active: mode === 'trigger',
		settings: {},
	});
	const additionalData = createAdditionalData({
		mode,
		workflowData: workflowBase([node], {}),
		credentialType,
		credentials: options.credentials as IDataObject,
	});
	if (!('runPollInStagingScope' in n8nCore)) return await runPollWithoutStaging(workflow, node, nodeType, additionalData, mode, options);
	const { PollContext, commitStagedCursor, runPollInStagingScope } = n8nCore;
	const staticData = new StagedStaticData(jsonCopy(options.staticData ?? {}));
	const context = new PollContext(
		workflow,
		node,
		additionalData,
		mode,
		mode === 'trigger' ? 'activate' : 'manual',
		() => {},
		() => {},
		staticData.commit,
		staticData.runPoll,
		staticData.current,
	);
	const poll = NodeHelpers.getVersionedNodeType(nodeType, node.typeVersion).poll;
	if (!poll) throw new Error(`Node type ${node.type} has no poll()`);

	const { value: result, warnings } = await recordingWarnings(context, async () => await runPollInStagingScope(context, async () => await poll.call(context)));
	// Emitting hands the items over together with the staged cursor; null commits right away.
	await commitStagedCursor(context);
	return { result, staticData: staticData.persisted, warnings };
}

/**
 * n8n 1.x has no cursor staging: poll() mutates the workflow's static data in place, and n8n
 * saves it after a poll that did not throw.
 */
async function runPollWithoutStaging(
	workflow: Workflow,
	node: INode,
	nodeType: INodeType | IVersionedNodeType,
	additionalData: ReturnType<typeof createAdditionalData>,
	mode: 'manual' | 'trigger',
	options: RunPollOptions,
): Promise<RunPollResult> {
	const key = `node:${node.name}`;
	workflow.staticData[key] = jsonCopy(options.staticData ?? {});
	const LegacyPollContext = n8nCore.PollContext as unknown as new (...args: unknown[]) => IPollFunctions;
	const context = new LegacyPollContext(workflow, node, additionalData, mode, mode === 'trigger' ? 'activate' : 'manual', () => {}, () => {});
	const poll = NodeHelpers.getVersionedNodeType(nodeType, node.typeVersion).poll;
	if (!poll) throw new Error(`Node type ${node.type} has no poll()`);
	const { value: result, warnings } = await recordingWarnings(context, async () => await poll.call(context));
	return { result, staticData: jsonCopy((workflow.staticData[key] ?? {}) as IDataObject), warnings };
}
