import { getManyOperation } from '../resourceOperations';
import { PROJECT } from './project.resource';

export const getAll = getManyOperation(PROJECT, {
	keyKind: 'organization',
	description: 'List the projects of the organization',
});
