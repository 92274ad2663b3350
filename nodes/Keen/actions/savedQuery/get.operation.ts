import { getOperation } from '../resourceOperations';
import { SAVED_QUERY } from './savedQuery.resource';

export const get = getOperation(SAVED_QUERY, {
	keyKind: 'master',
	description: 'Retrieve the definition of a saved query: its query, refresh rate and metadata',
});
