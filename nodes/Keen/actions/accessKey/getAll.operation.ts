import { getManyOperation, pageNumberPages } from '../resourceOperations';
import { ACCESS_KEY, ACCESS_KEY_PAGE_SIZE } from './accessKey.resource';
import { ROUTES } from '../../transport/routes';

export const getAll = getManyOperation(ACCESS_KEY, {
	route: ROUTES.listAccessKeys,
	description: 'List the access keys of the project',
	readList: pageNumberPages('key', ACCESS_KEY_PAGE_SIZE),
});
