import { afterNamePages, getManyOperation } from '../resourceOperations';
import { CACHED_DATASET, DATASET_PAGE_SIZE } from './cachedDataset.resource';

export const getAll = getManyOperation(CACHED_DATASET, {
	keyKind: 'read',
	description: 'List the definitions of the cached datasets of the project',
	readList: afterNamePages('datasets', DATASET_PAGE_SIZE),
});
