import { getOperation } from '../resourceOperations';
import { ACCESS_KEY } from './accessKey.resource';
import { ROUTES } from '../../transport/routes';

export const get = getOperation(ACCESS_KEY, {
	route: ROUTES.getAccessKey,
	description: 'Retrieve an access key: its name, permissions, options and whether it is active',
});
