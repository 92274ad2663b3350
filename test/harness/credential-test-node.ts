import type { INodeType, INodeTypeDescription } from 'n8n-workflow';

import { KeenApi } from '../../credentials/KeenApi.credentials';

/**
 * The credential's Test as n8n runs it: its request as the routing of a declarative node, sent
 * through n8n-core's engine and the credential's `authenticate`.
 */
export class CredentialTestNode implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Keen Credential Test',
		name: 'keenCredentialTest',
		group: ['transform'],
		version: 1,
		description: 'Runs the Keen API credential Test request',
		defaults: { name: 'Keen Credential Test' },
		inputs: ['main'],
		outputs: ['main'],
		credentials: [{ name: 'keenApi', required: true }],
		properties: [{ displayName: 'Test', name: 'test', type: 'string', default: '', routing: { request: new KeenApi().test.request } }],
	};
}
