import { getManyOperation } from '../resourceOperations';
import { PROJECT } from './project.resource';
import { ROUTES } from '../../transport/routes';

export const getAll = getManyOperation(PROJECT, {
	route: ROUTES.listProjects,
	description: 'List the projects of the organization',
});
