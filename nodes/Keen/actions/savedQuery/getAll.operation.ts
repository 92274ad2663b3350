import { getManyOperation } from '../resourceOperations';
import { SAVED_QUERY } from './savedQuery.resource';
import { ROUTES } from '../../transport/routes';

export const getAll = getManyOperation(SAVED_QUERY, {
	route: ROUTES.listSavedQueries,
	description: 'List the definitions of the saved and cached queries of the project',
});
