import { afterNamePages, getManyOperation } from '../resourceOperations';
import { CACHED_DATASET, DATASET_PAGE_SIZE } from './cachedDataset.resource';
import { ROUTES } from '../../transport/routes';

export const getAll = getManyOperation(CACHED_DATASET, {
	route: ROUTES.listDatasets,
	description: 'List the definitions of the cached datasets of the project',
	readList: afterNamePages('datasets', DATASET_PAGE_SIZE),
});
