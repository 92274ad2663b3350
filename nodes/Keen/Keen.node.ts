import { NodeConnectionTypes, type IExecuteFunctions, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import { nodeProperties } from './actions/registry';
import { router } from './actions/router';
import { listSearch, loadOptions } from './methods';

export class Keen implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Keen',
		name: 'keen',
		icon: { light: 'file:../../icons/keen.svg', dark: 'file:../../icons/keen.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Record events, run analyses and manage saved queries, datasets, access keys and projects in Keen',
		defaults: { name: 'Keen' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'keenApi', required: true }],
		properties: nodeProperties(),
	};

	methods = { listSearch, loadOptions };

	async execute(this: IExecuteFunctions) {
		return await router.call(this);
	}
}
