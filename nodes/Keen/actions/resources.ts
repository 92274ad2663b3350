import type { ResourceValue } from './types';

/**
 * The Resource dropdown, in display order. n8n's lint (node-param-options-type-unsorted-items)
 * wants five or more options alphabetical, and n8n's own large nodes (HubSpot, Notion, Slack)
 * follow it, putting the resource most people need in front as the default instead: here Event,
 * with Record as its first operation, so a new Keen node opens ready to record.
 */
export const RESOURCE_DISPLAY_NAMES: Record<ResourceValue, string> = {
	accessKey: 'Access Key',
	cachedDataset: 'Cached Dataset',
	chart: 'Chart',
	collection: 'Collection',
	event: 'Event',
	extraction: 'Extraction',
	project: 'Project',
	query: 'Query',
	savedQuery: 'Saved Query',
};
