import type { IDataObject } from 'n8n-workflow';

import { KeenInputError } from '../../helpers/errors';
import { usersFromEmails } from '../../helpers/projectUsers';
import { projectRlc } from '../common.descriptions';
import { outputRow, resourceId, resourcePath } from '../resourceOperations';
import type { KeenOperation } from '../types';
import { PROJECT, usersField } from './project.resource';

export const update: KeenOperation = {
	resource: 'project',
	value: 'update',
	name: 'Update',
	action: 'Update a project',
	description: 'Rename a project or replace its list of users',
	keyKind: 'organization',
	scope: 'organization',
	properties: [
		projectRlc,
		{
			displayName: 'Update Fields',
			name: 'updateFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				{ displayName: 'Name', name: 'projectName', type: 'string', default: '', description: 'New name of the project' },
				{ ...usersField, description: `${usersField.description}; replaces the current users` },
			],
		},
	],
	method: 'POST',
	path: (params) => resourcePath(PROJECT, resourceId(PROJECT, params)),
	body: (params) => {
		const fields = params.updateFields as IDataObject;
		const body: IDataObject = {};
		if (typeof fields.projectName === 'string' && fields.projectName.trim()) body.name = fields.projectName.trim();
		// keen-api.md §11: `users` replaces the project's users.
		if (fields.users !== undefined) body.users = usersFromEmails(fields.users, 'updateFields');
		if (!Object.keys(body).length) {
			throw new KeenInputError('Nothing to update', 'updateFields', 'Add a new name or the list of users.');
		}
		return body;
	},
	toItems: (response) => [outputRow(PROJECT, (response ?? {}) as IDataObject)],
};
