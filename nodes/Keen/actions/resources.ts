import type { ResourceValue } from './types';

/** The Resource dropdown, in display order (alphabetical, as n8n's lint wants). */
export const RESOURCE_DISPLAY_NAMES: Record<ResourceValue, string> = {
	accessKey: 'Access Key',
	cachedDataset: 'Cached Dataset',
	collection: 'Collection',
	event: 'Event',
	extraction: 'Extraction',
	project: 'Project',
	query: 'Query',
	savedQuery: 'Saved Query',
};
