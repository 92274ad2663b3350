import { getOperation } from '../resourceOperations';
import { CACHED_DATASET } from './cachedDataset.resource';

export const get = getOperation(CACHED_DATASET, {
	keyKind: 'read',
	description: 'Retrieve the definition of a cached dataset: its query, index properties and status',
});
