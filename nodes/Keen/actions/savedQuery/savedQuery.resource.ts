import { savedQueryRlc } from '../common.descriptions';
import type { NamedResource } from '../resourceOperations';

/** Saved (and cached) queries live under /queries/saved (docs/keen-api.md §8). */
export const SAVED_QUERY: NamedResource = {
	resource: 'savedQuery',
	noun: 'saved query',
	plural: 'saved queries',
	locator: savedQueryRlc,
	basePath: ['queries', 'saved'],
	addressedBy: 'name',
	idField: 'query_name',
};
