import { getOperation } from '../resourceOperations';
import { SAVED_QUERY } from './savedQuery.resource';
import { ROUTES } from '../../transport/routes';

export const get = getOperation(SAVED_QUERY, {
	route: ROUTES.getSavedQuery,
	description: 'Retrieve the definition of a saved query: its query, refresh rate and metadata',
});
