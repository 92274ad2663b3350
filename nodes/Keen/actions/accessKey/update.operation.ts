import type { IDataObject } from 'n8n-workflow';

import { KeenInputError } from '../../helpers/errors';
import { ACCESS_KEY_FIELDS } from '../../helpers/mergeDefinition';
import { accessKeyRlc, updateFieldsCollection } from '../common.descriptions';
import { mergeUpdate, resourceId, resourcePath } from '../resourceOperations';
import type { KeenOperation } from '../types';
import { isActiveField, keyNameField, keyOptionFields, permittedField } from './accessKey.descriptions';
import { accessKeyAttributes } from './attributes';
import { ACCESS_KEY } from './accessKey.resource';
import { ROUTES } from '../../transport/routes';

export const update: KeenOperation = {
	resource: 'accessKey',
	value: 'update',
	name: 'Update',
	action: 'Update an access key',
	description: 'Change an access key; only the given fields change unless Replace Whole Definition is on',
	routes: [ROUTES.updateAccessKey, ROUTES.getAccessKey],
	properties: [
		accessKeyRlc,
		{
			displayName: 'Replace Whole Definition',
			name: 'replaceDefinition',
			type: 'boolean',
			default: false,
			description:
				'Whether to send only the fields given here, as Keen\'s update does, clearing everything else; by default they are merged into the stored key',
		},
		updateFieldsCollection([isActiveField, keyNameField, permittedField, ...keyOptionFields]),
	],
	run: async (ctx, params) => {
		const path = resourcePath(ACCESS_KEY, resourceId(ACCESS_KEY, params));
		const changes = accessKeyAttributes(params.updateFields as IDataObject, () => 'updateFields');
		if (!Object.keys(changes).length) {
			throw new KeenInputError('Nothing to update', 'updateFields', 'Add at least one field to change.');
		}
		let response: unknown;
		if (params.replaceDefinition === true) {
			if (changes.name === undefined) {
				throw new KeenInputError(
					'Replacing the key needs its name',
					'updateFields',
					'Add Name (and everything else the key should keep), or turn off Replace Whole Definition.',
				);
			}
			// docs/keen-api.md §10: POST /keys/{key} replaces the key's definition as given.
			response = await ctx.request({ method: 'POST', path, body: changes });
		} else {
			response = await mergeUpdate(ctx, { path, method: 'POST', changes, editableFields: ACCESS_KEY_FIELDS });
		}
		return [{ json: (response as IDataObject) ?? { success: true } }];
	},
};
