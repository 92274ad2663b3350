import { ExecutionLifecycleHooks } from 'n8n-core';
import {
	NodeHelpers,
	type ICredentialType,
	type IDataObject,
	type INode,
	type INodeType,
	type INodeTypes,
	type IVersionedNodeType,
	type IWorkflowBase,
	type IWorkflowExecuteAdditionalData,
	type IConnections,
	type WorkflowExecuteMode,
} from 'n8n-workflow';

import { TestCredentialsHelper } from './credentials-helper';

/** Package prefix of our node types, as n8n names them once the package is installed. */
export const PACKAGE_NAME = 'n8n-nodes-keen';

export const TEST_WORKFLOW_ID = 'harness-workflow';

export type NodeTypeRegistry = Record<string, INodeType | IVersionedNodeType>;

/** INodeTypes over a fixed map of type name → instance, resolving versioned node types like n8n. */
export function createNodeTypes(registry: NodeTypeRegistry): INodeTypes {
	const get = (name: string): IVersionedNodeType | INodeType => {
		const type = registry[name];
		if (!type) throw new Error(`Unknown node type in test workflow: ${name}`);
		return type;
	};
	return {
		getByName: get,
		getByNameAndVersion: (name, version) => NodeHelpers.getVersionedNodeType(get(name), version),
		getKnownTypes: () => ({}),
	};
}

/** The newest version a node type declares, which is what a freshly added node gets. */
export function latestVersion(nodeType: INodeType | IVersionedNodeType): number {
	if ('nodeVersions' in nodeType) return nodeType.currentVersion;
	const { version } = nodeType.description;
	return Array.isArray(version) ? Math.max(...version) : version;
}

export function nodeTypeName(nodeType: INodeType | IVersionedNodeType): string {
	return `${PACKAGE_NAME}.${nodeType.description.name}`;
}

export function workflowBase(nodes: INode[], connections: IConnections): IWorkflowBase {
	const now = new Date();
	return {
		id: TEST_WORKFLOW_ID,
		name: 'Harness workflow',
		active: false,
		isArchived: false,
		activeVersionId: null,
		createdAt: now,
		updatedAt: now,
		nodes,
		connections,
	};
}

export interface AdditionalDataOptions {
	mode: WorkflowExecuteMode;
	workflowData: IWorkflowBase;
	credentialType: ICredentialType;
	credentials: IDataObject;
	/** Fixed execution id, e.g. to replay the same execution; default a new one per run. */
	executionId?: string;
}

/**
 * The plain-object additionalData n8n-core needs for execute(), expressions, HTTP helpers and
 * credentials. The interface lists many server-only members (runners, OAuth, MCP…) that no
 * code path reached by our nodes touches, hence the single cast.
 */
/** Each run gets its own execution id, as in n8n: tokens derived from it differ between runs. */
let executionCounter = 0;

export function createAdditionalData(options: AdditionalDataOptions): IWorkflowExecuteAdditionalData {
	const base = 'http://localhost:5678';
	const executionId = options.executionId ?? `harness-execution-${++executionCounter}`;
	const additionalData = {
		hooks: new ExecutionLifecycleHooks(options.mode, executionId, options.workflowData),
		executionId,
		credentialsHelper: new TestCredentialsHelper(options.credentialType, options.credentials),
		executeWorkflow: async () => {
			throw new Error('Sub-workflows are not supported by the test harness');
		},
		getRunExecutionData: async () => undefined,
		currentNodeExecutionIndex: 0,
		restApiUrl: `${base}/rest`,
		instanceBaseUrl: `${base}/`,
		formBaseUrl: `${base}/form`,
		formWaitingBaseUrl: `${base}/form-waiting`,
		formTestBaseUrl: `${base}/form-test`,
		webhookBaseUrl: `${base}/webhook`,
		webhookWaitingBaseUrl: `${base}/webhook-waiting`,
		webhookTestBaseUrl: `${base}/webhook-test`,
		mcpBaseUrl: `${base}/mcp`,
		mcpTestBaseUrl: `${base}/mcp-test`,
		variables: {},
		userId: 'harness-user',
		workflowId: TEST_WORKFLOW_ID,
		setExecutionStatus: () => {},
		logAiEvent: () => {},
	};
	return additionalData as unknown as IWorkflowExecuteAdditionalData;
}
