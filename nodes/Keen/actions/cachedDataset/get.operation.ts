import { getOperation } from '../resourceOperations';
import { CACHED_DATASET } from './cachedDataset.resource';
import { ROUTES } from '../../transport/routes';

export const get = getOperation(CACHED_DATASET, {
	route: ROUTES.getDataset,
	description: 'Retrieve the definition of a cached dataset: its query, index properties and status',
});
