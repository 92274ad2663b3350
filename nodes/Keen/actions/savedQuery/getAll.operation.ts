import { getManyOperation } from '../resourceOperations';
import { SAVED_QUERY } from './savedQuery.resource';

export const getAll = getManyOperation(SAVED_QUERY, {
	keyKind: 'master',
	description: 'List the definitions of the saved and cached queries of the project',
});
