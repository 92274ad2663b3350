import { deleteOperation } from '../resourceOperations';
import { CACHED_DATASET } from './cachedDataset.resource';
import { ROUTES } from '../../transport/routes';

export const deleteCachedDataset = deleteOperation(CACHED_DATASET, {
	route: ROUTES.deleteDataset,
	description: 'Delete a cached dataset and its precomputed results. This cannot be undone: Get it first to keep its definition.',
});
