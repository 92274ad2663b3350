import { cachedDatasetRlc } from '../common.descriptions';
import type { NamedResource } from '../resourceOperations';

/** Cached datasets live under /datasets (docs/keen-api.md §9). */
export const CACHED_DATASET: NamedResource = {
	resource: 'cachedDataset',
	noun: 'cached dataset',
	plural: 'cached datasets',
	locator: cachedDatasetRlc,
	basePath: ['datasets'],
	addressedBy: 'name',
	idField: 'dataset_name',
};

/** docs/keen-api.md §9.4: a page of the dataset list holds at most 100 definitions. */
export const DATASET_PAGE_SIZE = 100;
