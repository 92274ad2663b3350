import { deleteOperation } from '../resourceOperations';
import { CACHED_DATASET } from './cachedDataset.resource';

export const deleteCachedDataset = deleteOperation(CACHED_DATASET, {
	keyKind: 'master',
	description: 'Delete a cached dataset and its precomputed results. This cannot be undone: Get it first to keep its definition.',
});
