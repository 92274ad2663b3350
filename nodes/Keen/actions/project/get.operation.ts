import { getOperation } from '../resourceOperations';
import { PROJECT } from './project.resource';

export const get = getOperation(PROJECT, {
	keyKind: 'organization',
	description: 'Retrieve a project of the organization, with its users and API keys',
});
