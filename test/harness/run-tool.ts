import { WorkflowExecute } from 'n8n-core';
import {
	NodeConnectionTypes,
	Workflow,
	createRunExecutionData,
	deepCopy,
	type IConnections,
	type IDataObject,
	type IExecuteFunctions,
	type INode,
	type INodeExecutionData,
	type INodeParameters,
	type INodeProperties,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { createAdditionalData, createNodeTypes, nodeTypeName, workflowBase } from './engine';
import { assertNoSecretLeaked, credentialsFor, defaultKeenCredentialType, ManualTriggerStandIn } from './run-node';

/**
 * Runs the Keen node the way an AI agent does: as the "Keen Tool" n8n derives from `usableAsTool`
 * (type n8n-nodes-keen.keenTool, output ai_tool), connected to an agent stand-in that asks n8n-core
 * for its tools (getInputConnectionData → createNodeAsTool: the $fromAI schema and the tool
 * description) and invokes the tool with the model's arguments, as a LangChain agent does.
 */

export interface ToolCallResult {
	/** What the model reads back: the tool's JSON answer, parsed. */
	response?: unknown;
	/** The error message the model reads instead, when the tool failed. */
	error?: string;
}

export interface RunToolResult {
	status: string;
	/** The tool's name and description and the argument names of its schema, as the model sees them. */
	tool: { name: string; description: string; arguments: string[] };
	calls: ToolCallResult[];
}

export interface RunToolOptions {
	credentials: Record<string, unknown>;
	/** The Keen Tool's parameters; `$fromAI(...)` expressions are filled from each call's arguments. */
	parameters: INodeParameters;
	/** One tool call per entry, with the arguments the model sends. */
	calls: IDataObject[];
}

interface LangChainTool {
	name: string;
	description: string;
	schema: { shape?: Record<string, unknown> };
	invoke(args: IDataObject): Promise<string>;
}

/**
 * The description n8n's loader derives for the tool variant (convertNodeToAiTool in n8n's cli): name + "Tool",
 * ai_tool output, and the Tool Description fields first (Set Automatically, or a description of the user's own).
 */
export function keenToolDescription(description: INodeTypeDescription): INodeTypeDescription {
	const copy = deepCopy(description);
	delete copy.usableAsTool;
	const toolFields: INodeProperties[] = [
		{
			displayName: 'Tool Description',
			name: 'descriptionType',
			type: 'options',
			noDataExpression: true,
			options: [
				{ name: 'Set Automatically', value: 'auto' },
				{ name: 'Set Manually', value: 'manual' },
			],
			default: 'auto',
		},
		{
			displayName: 'Description',
			name: 'toolDescription',
			type: 'string',
			default: copy.description,
			required: true,
			displayOptions: { show: { descriptionType: ['manual'] } },
		},
	];
	return {
		...copy,
		name: `${copy.name}Tool`,
		displayName: `${copy.displayName} Tool`,
		inputs: [],
		outputs: [NodeConnectionTypes.AiTool],
		properties: [...toolFields, ...copy.properties],
	};
}

async function keenToolType(): Promise<INodeType> {
	const { Keen } = await import('../../nodes/Keen/Keen.node');
	const keen = new Keen();
	return { description: keenToolDescription(keen.description), methods: keen.methods, execute: keen.execute };
}

/** The AI Agent, reduced to what matters here: get the connected tool from n8n-core and call it once per model call. */
function agentStandIn(calls: IDataObject[]): INodeType {
	return {
		description: {
			displayName: 'Agent',
			name: 'agent',
			group: ['transform'],
			version: 1,
			description: 'Test harness stand-in for the AI Agent',
			defaults: { name: 'Agent' },
			inputs: [NodeConnectionTypes.Main, { type: NodeConnectionTypes.AiTool, displayName: 'Tool', required: true }],
			outputs: [NodeConnectionTypes.Main],
			properties: [],
		},
		async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
			const tools = (await this.getInputConnectionData(NodeConnectionTypes.AiTool, 0)) as LangChainTool[];
			const tool = tools[0];
			const results: IDataObject[] = [];
			for (const args of calls) {
				try {
					results.push({ response: JSON.parse(await tool.invoke(args)) as IDataObject });
				} catch (error) {
					// A LangChain agent hands the model the error's message (n8n-core appends the description to it).
					results.push({ error: (error as Error).message });
				}
			}
			const info = { name: tool.name, description: tool.description, arguments: Object.keys(tool.schema.shape ?? {}) };
			return [[{ json: { tool: info, calls: results } }]];
		},
	};
}

export async function runAsTool(options: RunToolOptions): Promise<RunToolResult> {
	const toolType = await keenToolType();
	const credentialType = await defaultKeenCredentialType();

	const trigger: INode = { id: 't', name: 'Chat', type: 'harness.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} };
	const agent: INode = { id: 'a', name: 'Agent', type: 'harness.agent', typeVersion: 1, position: [200, 0], parameters: {} };
	const keen: INode = {
		id: 'k',
		name: 'Keen',
		type: nodeTypeName(toolType),
		typeVersion: 1,
		position: [200, 200],
		parameters: { requestOptions: { retryDelay: 10, maxRetries: 0 }, ...options.parameters },
		credentials: credentialsFor(credentialType),
	};
	const nodes = [trigger, agent, keen];
	const connections: IConnections = {
		[trigger.name]: { main: [[{ node: agent.name, type: NodeConnectionTypes.Main, index: 0 }]] },
		[keen.name]: { [NodeConnectionTypes.AiTool]: [[{ node: agent.name, type: NodeConnectionTypes.AiTool, index: 0 }]] },
	};
	const workflow = new Workflow({
		id: 'harness-workflow',
		nodes,
		connections,
		nodeTypes: createNodeTypes({ [trigger.type]: new ManualTriggerStandIn(), [agent.type]: agentStandIn(options.calls), [keen.type]: toolType }),
		active: false,
		settings: { executionOrder: 'v1' },
	});
	const additionalData = createAdditionalData({
		mode: 'manual',
		workflowData: workflowBase(nodes, connections),
		credentialType,
		credentials: options.credentials as IDataObject,
	});
	const runExecutionData = createRunExecutionData({
		executionData: { nodeExecutionStack: [{ node: trigger, data: { main: [[{ json: {} }]] }, source: null }] },
	});
	const run = await new WorkflowExecute(additionalData, 'manual', runExecutionData).processRunExecutionData(workflow);
	const error = run.data.resultData.error;
	if (error) throw new Error(`The agent run failed: ${error.message}`);
	const out = run.data.resultData.runData[agent.name]?.[0]?.data?.main?.[0]?.[0]?.json as unknown as Omit<RunToolResult, 'status'>;
	const result = { status: run.status, ...out };
	assertNoSecretLeaked(options.credentials, result);
	return result;
}
