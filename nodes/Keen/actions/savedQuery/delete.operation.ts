import { deleteOperation } from '../resourceOperations';
import { SAVED_QUERY } from './savedQuery.resource';
import { ROUTES } from '../../transport/routes';

export const deleteSavedQuery = deleteOperation(SAVED_QUERY, {
	route: ROUTES.deleteSavedQuery,
	description: 'Delete a saved query and, if it is cached, its cached result. This cannot be undone: Get it first to keep its definition.',
});
