import { NodeConnectionTypes, type IExecuteFunctions, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import { nodeProperties, OPERATIONS } from './actions/registry';
import { RESOURCE_DISPLAY_NAMES } from './actions/resources';
import { router } from './actions/router';
import { KEEN_NODE_DEFAULT_VERSION, KEEN_NODE_VERSIONS } from './actions/versions';
import { listSearch, loadOptions } from './methods';

/** "Record Many: Event" rather than the raw values "recordMany: event" under the node on the canvas. */
const SUBTITLES = Object.fromEntries(
	OPERATIONS.map((spec) => [`${spec.resource}.${spec.value}`, `${spec.name}: ${RESOURCE_DISPLAY_NAMES[spec.resource]}`]),
);

export class Keen implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Keen',
		name: 'keen',
		icon: { light: 'file:../../icons/keen.svg', dark: 'file:../../icons/keen.dark.svg' },
		group: ['transform'],
		version: KEEN_NODE_VERSIONS,
		defaultVersion: KEEN_NODE_DEFAULT_VERSION,
		subtitle: `={{ ${JSON.stringify(SUBTITLES)}[$parameter["resource"] + "." + $parameter["operation"]] }}`,
		description: 'Record events, run analyses, chart their results and manage saved queries, datasets, access keys and projects in Keen',
		defaults: { name: 'Keen' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		// Chart → Render draws what it is given and asks Keen nothing: no credential needed.
		credentials: [{ name: 'keenApi', required: true, displayOptions: { hide: { resource: ['chart'] } } }],
		properties: nodeProperties(),
	};

	methods = { listSearch, loadOptions };

	async execute(this: IExecuteFunctions) {
		return await router.call(this);
	}
}
