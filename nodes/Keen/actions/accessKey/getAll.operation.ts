import { getManyOperation } from '../resourceOperations';
import { ACCESS_KEY } from './accessKey.resource';

export const getAll = getManyOperation(ACCESS_KEY, {
	keyKind: 'master',
	description: 'List the access keys of the project',
});
