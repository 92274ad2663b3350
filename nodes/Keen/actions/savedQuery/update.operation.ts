import type { IDataObject } from 'n8n-workflow';

import { KeenInputError } from '../../helpers/errors';
import { pathName } from '../../helpers/path';
import { SAVED_QUERY_FIELDS } from '../../helpers/mergeDefinition';
import { optionalJsonObject } from '../../helpers/queryDefinition';
import { savedQueryRlc, updateFieldsCollection } from '../common.descriptions';
import { mergeUpdate, resourceId, resourcePath } from '../resourceOperations';
import type { KeenOperation } from '../types';
import { displayNameField, refreshRateSecondsField, tagsField } from './savedQuery.descriptions';
import { savedQueryAttributes } from './attributes';
import { SAVED_QUERY } from './savedQuery.resource';
import { ROUTES } from '../../transport/routes';

export const update: KeenOperation = {
	resource: 'savedQuery',
	value: 'update',
	name: 'Update',
	action: 'Update a saved query',
	description: 'Change or rename a saved query; only the given fields change unless Replace Whole Definition is on',
	routes: [ROUTES.putSavedQuery, ROUTES.getSavedQuery],
	properties: [
		savedQueryRlc,
		{
			displayName: 'New Name',
			name: 'newName',
			type: 'string',
			default: '',
			placeholder: 'e.g. purchases-this-month',
			description: 'Rename the saved query; leave empty to keep its name',
		},
		updateFieldsCollection([
			displayNameField,
			{
				displayName: 'Metadata (JSON)',
				name: 'metadataJson',
				type: 'json',
				default: '{}',
				description: 'Metadata to merge in, e.g. {"visualization": {"chart_type": "metric"}}',
			},
			{
				displayName: 'Query (JSON)',
				name: 'queryJson',
				type: 'json',
				default: '{}',
				description:
					'Query keys to change, e.g. {"timeframe": "this_30_days"}; a null value removes a key. When replacing, give the whole query.',
			},
			refreshRateSecondsField,
			tagsField,
		]),
		{
			displayName: 'Replace Whole Definition',
			name: 'replaceDefinition',
			type: 'boolean',
			default: false,
			description:
				'Whether to send only the fields given here, clearing everything else; by default they are merged into the stored definition',
		},
	],
	run: async (ctx, params) => {
		const name = resourceId(SAVED_QUERY, params);
		const fields = params.updateFields as IDataObject;
		const changes = savedQueryAttributes(fields, 'updateFields');
		const query = optionalJsonObject(fields.queryJson, 'updateFields');
		if (Object.keys(query).length) changes.query = query;
		const newName = String(params.newName ?? '').trim();
		// docs/keen-api.md §8.1: a query_name other than the one in the URL renames the query.
		if (newName) changes.query_name = pathName(newName, 'newName');
		if (!Object.keys(changes).length) {
			throw new KeenInputError('Nothing to update', 'updateFields', 'Add at least one field to change, or a new name.');
		}
		const path = resourcePath(SAVED_QUERY, name);
		let response: unknown;
		if (params.replaceDefinition === true) {
			if (!changes.query) {
				throw new KeenInputError(
					'Replacing the definition needs the whole query',
					'updateFields',
					'Add Query (JSON) with the complete query, or turn off Replace Whole Definition.',
				);
			}
			response = await ctx.request({ method: 'PUT', path, body: { refresh_rate: 0, ...changes } });
		} else {
			response = await mergeUpdate(ctx, { path, method: 'PUT', changes, editableFields: SAVED_QUERY_FIELDS });
		}
		return [{ json: (response as IDataObject) ?? { success: true } }];
	},
};
