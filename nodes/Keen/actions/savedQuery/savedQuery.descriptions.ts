import type { INodeProperties } from 'n8n-workflow';

/** Refresh rate in seconds, as Keen stores it (docs/keen-api.md §8.2). */
export const refreshRateSecondsField: INodeProperties = {
	displayName: 'Refresh Rate (Seconds)',
	name: 'refreshRate',
	type: 'number',
	typeOptions: { minValue: 0 },
	default: 0,
	description: 'How often Keen recomputes the cached result: 0 for no caching, otherwise 3600 to 172800 seconds (1 to 48 hours); 14400 to 86400 (4 to 24 hours) is accepted by every Keen version',
};

export const displayNameField: INodeProperties = {
	displayName: 'Display Name',
	name: 'displayName',
	type: 'string',
	default: '',
	description: "Human-readable name shown in Keen's dashboards and Explorer",
};

export const tagsField: INodeProperties = {
	displayName: 'Tags',
	name: 'tags',
	type: 'string',
	default: '',
	placeholder: 'e.g. shop, weekly',
	description: 'Tags for the saved query, separated by commas',
};
