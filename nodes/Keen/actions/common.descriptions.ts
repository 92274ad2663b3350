import type { INodeProperties } from 'n8n-workflow';

/** A resource locator: pick from a searchable list, or give the name/ID. */
function locator(name: string, displayName: string, searchListMethod: string, noun: string): INodeProperties {
	return {
		displayName,
		name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: `The ${noun} to use`,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod, searchable: true },
			},
			{
				displayName: 'By Name',
				name: 'name',
				type: 'string',
				placeholder: `e.g. my-${noun.replace(/ /g, '-')}`,
			},
		],
	};
}

export const collectionRlc = locator('collection', 'Event Collection', 'searchCollections', 'event collection');
export const savedQueryRlc = locator('savedQuery', 'Saved Query', 'searchSavedQueries', 'saved query');
export const cachedDatasetRlc = locator('dataset', 'Cached Dataset', 'searchCachedDatasets', 'cached dataset');
export const accessKeyRlc = locator('accessKey', 'Access Key', 'searchAccessKeys', 'access key');
export const projectRlc = locator('projectId', 'Project', 'searchProjects', 'project');

export const returnAllField: INodeProperties = {
	displayName: 'Return All',
	name: 'returnAll',
	type: 'boolean',
	default: false,
	description: 'Whether to return all results or only up to a given limit',
};

export const limitField: INodeProperties = {
	displayName: 'Limit',
	name: 'limit',
	type: 'number',
	typeOptions: { minValue: 1 },
	default: 50,
	description: 'Max number of results to return',
	displayOptions: { show: { returnAll: [false] } },
};

export const simplifyField: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: true,
	description:
		"Whether to turn Keen's answer into rows (one item per interval and group) instead of returning the raw response",
};

/** The Update Fields collection of an Update operation: only the fields added there change. */
export function updateFieldsCollection(options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options,
	};
}
