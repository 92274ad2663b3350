import type { INodeProperties } from 'n8n-workflow';

import { ACCESS_KEY_PERMISSIONS, type AccessKeyPermission } from '../../helpers/accessKeys';
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

/** How the Permissions field shows each permission Keen knows (helpers/accessKeyOptions.ts lists them once). */
const PERMISSION_TEXT: Record<AccessKeyPermission, { name: string; description: string }> = {
	cached_queries: { name: 'Cached Queries', description: 'Read the results of cached queries' },
	datasets: { name: 'Datasets', description: 'Read cached dataset results' },
	queries: { name: 'Queries', description: 'Run ad-hoc queries' },
	saved_queries: { name: 'Saved Queries', description: 'Read the results of saved queries' },
	schema: { name: 'Schema', description: 'Inspect collections and properties' },
	writes: { name: 'Writes', description: 'Record events' },
};

export const permittedField: INodeProperties = {
	displayName: 'Permissions',
	name: 'permitted',
	type: 'multiOptions',
	options: ACCESS_KEY_PERMISSIONS.map((value) => ({ ...PERMISSION_TEXT[value], value })).sort((a, b) => a.name.localeCompare(b.name)),
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
