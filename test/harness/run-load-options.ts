import { LoadOptionsContext } from 'n8n-core';
import { NodeHelpers, Workflow, type IDataObject, type ILoadOptionsFunctions, type INode, type INodeParameters } from 'n8n-workflow';

import { createAdditionalData, createNodeTypes, latestVersion, nodeTypeName, workflowBase } from './engine';
import { assertNoSecretLeaked, credentialsFor, defaultKeenCredentialType } from './run-node';

export interface RunLoadOptionsOptions {
	credentials: Record<string, unknown>;
	/** The node's parameters as the editor sends them with the request (e.g. the chosen collection). */
	parameters?: INodeParameters;
}

/**
 * Calls one of the Keen node's list searches or load-options methods as the editor does: through
 * n8n-core's LoadOptionsContext, with the credential's own `authenticate`.
 */
export async function runLoadOptions<T>(options: RunLoadOptionsOptions, call: (context: ILoadOptionsFunctions) => Promise<T>): Promise<T> {
	const { Keen } = await import('../../nodes/Keen/Keen.node');
	const nodeType = new Keen();
	const credentialType = await defaultKeenCredentialType();
	const typeVersion = latestVersion(nodeType);
	const { description } = NodeHelpers.getVersionedNodeType(nodeType, typeVersion);
	const node: INode = {
		id: 'harness-load-options',
		name: description.defaults.name ?? description.displayName,
		type: nodeTypeName(nodeType),
		typeVersion,
		position: [0, 0],
		parameters: options.parameters ?? {},
		credentials: credentialsFor(credentialType),
	};
	const workflow = new Workflow({ id: 'harness-workflow', nodes: [node], connections: {}, nodeTypes: createNodeTypes({ [node.type]: nodeType }), active: false, settings: {} });
	const additionalData = createAdditionalData({ mode: 'manual', workflowData: workflowBase([node], {}), credentialType, credentials: options.credentials as IDataObject });
	// The editor sends the node's current parameters with the request; n8n hands them on here.
	additionalData.currentNodeParameters = node.parameters;
	const context = new LoadOptionsContext(workflow, node, additionalData, 'parameters.collection');
	try {
		const result = await call(context);
		assertNoSecretLeaked(options.credentials, result);
		return result;
	} catch (error) {
		assertNoSecretLeaked(options.credentials, error);
		throw error;
	}
}
