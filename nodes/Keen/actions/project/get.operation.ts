import { getOperation } from '../resourceOperations';
import { PROJECT } from './project.resource';
import { ROUTES } from '../../transport/routes';

export const get = getOperation(PROJECT, {
	route: ROUTES.getProject,
	description: 'Retrieve a project of the organization, with its users and API keys',
});
