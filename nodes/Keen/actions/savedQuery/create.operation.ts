import type { IDataObject } from 'n8n-workflow';

import { requiredText } from '../../helpers/textInputs';
import { queryDefinitionFields } from '../queryDefinition.descriptions';
import { queryFromParams } from '../queryInputs';
import { resourcePath } from '../resourceOperations';
import type { KeenOperation, RawParams } from '../types';
import { displayNameField, refreshRateSecondsField, tagsField } from './savedQuery.descriptions';
import { savedQueryAttributes } from './attributes';
import { SAVED_QUERY } from './savedQuery.resource';
import { ROUTES } from '../../transport/routes';

function queryName(params: RawParams): string {
	return requiredText(params.queryName, 'queryName', 'The saved query name', 'Enter a name such as purchases-this-week.');
}

export const create: KeenOperation = {
	resource: 'savedQuery',
	value: 'create',
	name: 'Create',
	action: 'Create a saved query',
	description: 'Save a query under a name, optionally cached; an existing saved query of that name is replaced',
	routes: [ROUTES.putSavedQuery],
	properties: [
		{
			displayName: 'Name',
			name: 'queryName',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. purchases-this-week',
			description: 'Name of the saved query; letters, digits, dashes and underscores are safest',
		},
		...queryDefinitionFields,
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [displayNameField, refreshRateSecondsField, tagsField],
		},
	],
	path: (params) => resourcePath(SAVED_QUERY, queryName(params), [], 'queryName'),
	// docs/keen-api.md §8.1/§8.2: refresh_rate must be sent, 0 when not cached.
	body: (params) => ({
		refresh_rate: 0,
		query: queryFromParams(params),
		...savedQueryAttributes(params.additionalFields as IDataObject, 'additionalFields'),
	}),
};
