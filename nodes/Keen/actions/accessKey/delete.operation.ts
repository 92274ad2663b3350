import { deleteOperation } from '../resourceOperations';
import { ACCESS_KEY } from './accessKey.resource';
import { ROUTES } from '../../transport/routes';

export const deleteAccessKey = deleteOperation(ACCESS_KEY, {
	route: ROUTES.deleteAccessKey,
	description: 'Delete an access key for good; this cannot be undone and apps using the key stop working. Revoke it instead to keep it for later.',
});
