import { requiredText } from '../../helpers/textInputs';
import { usersFromEmails } from '../../helpers/projectUsers';
import type { KeenOperation } from '../types';
import { usersField } from './project.resource';
import { keenPath } from '../../helpers/path';
import { ROUTES } from '../../transport/routes';

export const create: KeenOperation = {
	resource: 'project',
	value: 'create',
	name: 'Create',
	action: 'Create a project',
	description: 'Create a project in the organization; Keen answers with its ID and API keys',
	routes: [ROUTES.createProject],
	properties: [
		{
			displayName: 'Name',
			name: 'projectName',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. Webshop Production',
			description: 'Name of the new project; it must be unique in the organization',
		},
		usersField,
	],
	path: () => keenPath('projects'),
	body: (params) => {
		const name = requiredText(params.projectName, 'projectName', 'The project name', 'Enter a name such as Webshop Production.');
		return { name, users: usersFromEmails(params.users, 'users') };
	},
};
