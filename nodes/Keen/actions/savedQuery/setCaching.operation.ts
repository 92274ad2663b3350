import type { IDataObject } from 'n8n-workflow';

import { SAVED_QUERY_FIELDS } from '../../helpers/mergeDefinition';
import { toRefreshRateSeconds, type RefreshRateUnit } from '../../helpers/refreshRate';
import { savedQueryRlc } from '../common.descriptions';
import { mergeUpdate, resourceId, resourcePath } from '../resourceOperations';
import type { KeenOperation } from '../types';
import { SAVED_QUERY } from './savedQuery.resource';
import { ROUTES } from '../../transport/routes';

export const setCaching: KeenOperation = {
	resource: 'savedQuery',
	value: 'setCaching',
	name: 'Set Caching',
	action: 'Set caching of a saved query',
	description: 'Turn caching of a saved query on or off, or change how often Keen recomputes it',
	routes: [ROUTES.putSavedQuery, ROUTES.getSavedQuery],
	properties: [
		savedQueryRlc,
		{
			displayName: 'Refresh Rate',
			name: 'refreshRate',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 4,
			hint: '0 turns caching off; otherwise 1 to 48 hours, 4 to 24 hours being accepted by every Keen version',
			description: 'How often Keen recomputes the result: 0 turns caching off, otherwise 1 to 48 hours (3600 to 172800 seconds); Keen may refuse below 4 or above 24 hours',
		},
		{
			displayName: 'Refresh Rate Unit',
			name: 'refreshRateUnit',
			type: 'options',
			options: [
				{ name: 'Hours', value: 'hours' },
				{ name: 'Seconds', value: 'seconds' },
			],
			default: 'hours',
			description: 'Unit of the refresh rate',
		},
	],
	run: async (ctx, params) => {
		// Validated before anything is sent (docs/keen-api.md §8.2).
		const seconds = toRefreshRateSeconds(params.refreshRate, params.refreshRateUnit as RefreshRateUnit, 'refreshRate');
		const response = await mergeUpdate(ctx, {
			path: resourcePath(SAVED_QUERY, resourceId(SAVED_QUERY, params)),
			method: 'PUT',
			changes: { refresh_rate: seconds },
			editableFields: SAVED_QUERY_FIELDS,
		});
		return [{ json: (response as IDataObject) ?? { success: true } }];
	},
};
