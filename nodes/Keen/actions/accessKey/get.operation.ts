import { getOperation } from '../resourceOperations';
import { ACCESS_KEY } from './accessKey.resource';

export const get = getOperation(ACCESS_KEY, {
	keyKind: 'master',
	description: 'Retrieve an access key: its name, permissions, options and whether it is active',
});
