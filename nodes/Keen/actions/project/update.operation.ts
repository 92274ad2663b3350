import type { IDataObject } from 'n8n-workflow';

import { KeenInputError } from '../../helpers/errors';
import { PROJECT_FIELDS } from '../../helpers/mergeDefinition';
import { usersFromEmails } from '../../helpers/projectUsers';
import { projectRlc, updateFieldsCollection } from '../common.descriptions';
import { mergeUpdate, outputRow, resourceId, resourcePath } from '../resourceOperations';
import type { KeenOperation } from '../types';
import { PROJECT, usersField } from './project.resource';
import { ROUTES } from '../../transport/routes';

export const update: KeenOperation = {
	resource: 'project',
	value: 'update',
	name: 'Update',
	action: 'Update a project',
	description: 'Rename a project or replace its list of users; what is not given is kept',
	routes: [ROUTES.updateProject, ROUTES.getProject],
	properties: [
		projectRlc,
		updateFieldsCollection([
			{ displayName: 'Name', name: 'projectName', type: 'string', default: '', description: 'New name of the project' },
			{ ...usersField, description: `${usersField.description}; replaces the current users` },
		]),
	],
	run: async (ctx, params) => {
		const fields = params.updateFields as IDataObject;
		const changes: IDataObject = {};
		if (typeof fields.projectName === 'string' && fields.projectName.trim()) changes.name = fields.projectName.trim();
		// docs/keen-api.md §11: `users` replaces the project's users.
		if (fields.users !== undefined) changes.users = usersFromEmails(fields.users, 'updateFields');
		if (!Object.keys(changes).length) {
			throw new KeenInputError('Nothing to update', 'updateFields', 'Add a new name or the list of users.');
		}
		// Whether Keen keeps what an update leaves out is unconfirmed (§11): the stored name and
		// users are always sent back, so a rename never clears the users and the reverse.
		const response = await mergeUpdate(ctx, {
			path: resourcePath(PROJECT, resourceId(PROJECT, params)),
			method: 'POST',
			changes,
			editableFields: PROJECT_FIELDS,
		});
		return [{ json: outputRow(PROJECT, (response ?? {}) as IDataObject) }];
	},
};
