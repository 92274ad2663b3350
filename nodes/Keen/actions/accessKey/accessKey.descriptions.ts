import type { INodeProperties } from 'n8n-workflow';

import { FILTERS_EXAMPLE } from '../../helpers/queryDefinition';

export const keyNameField: INodeProperties = {
	displayName: 'Name',
	name: 'keyName',
	type: 'string',
	default: '',
	placeholder: 'e.g. customer-42-dashboard',
	description: 'Name of the access key, at most 256 characters',
};

export const isActiveField: INodeProperties = {
	displayName: 'Active',
	name: 'isActive',
	type: 'boolean',
	default: true,
	description: 'Whether the key can be used; a revoked key is inactive',
};

export const permittedField: INodeProperties = {
	displayName: 'Permissions',
	name: 'permitted',
	type: 'multiOptions',
	options: [
		{ name: 'Cached Queries', value: 'cached_queries', description: 'Read the results of cached queries' },
		{ name: 'Datasets', value: 'datasets', description: 'Read cached dataset results' },
		{ name: 'Queries', value: 'queries', description: 'Run ad-hoc queries' },
		{ name: 'Saved Queries', value: 'saved_queries', description: 'Read the results of saved queries' },
		{ name: 'Schema', value: 'schema', description: 'Inspect collections and properties' },
		{ name: 'Writes', value: 'writes', description: 'Record events' },
	],
	default: ['queries'],
	description: 'What the key may do',
};

/** The `options` fields; the friendly ones are merged over Raw Options (JSON). */
export const keyOptionFields: INodeProperties[] = [
	{
		displayName: 'Cached Queries Allowed',
		name: 'cachedQueriesAllowed',
		type: 'string',
		default: '',
		placeholder: 'e.g. daily-purchases, weekly-signups',
		description: 'Names of the cached queries the key may read, separated by commas',
	},
	{
		displayName: 'Query Filters (JSON)',
		name: 'queryFilters',
		type: 'json',
		default: '[]',
		placeholder: FILTERS_EXAMPLE,
		description: 'Filters Keen adds to every query run with the key, as a JSON array',
	},
	{
		displayName: 'Raw Options (JSON)',
		name: 'optionsJson',
		type: 'json',
		default: '{}',
		description: 'Keen\'s whole options object, e.g. {"datasets": {"operations": ["read"]}}; the fields beside it take precedence',
	},
	{
		displayName: 'Saved Queries Allowed',
		name: 'savedQueriesAllowed',
		type: 'string',
		default: '',
		placeholder: 'e.g. purchases-this-week',
		description: 'Names of the saved queries the key may read, separated by commas',
	},
	{
		displayName: 'Writes Autofill (JSON)',
		name: 'writesAutofill',
		type: 'json',
		default: '{}',
		description: 'Properties Keen merges into every event written with the key, e.g. {"customer": {"name": "Ada Corp."}}',
	},
];
