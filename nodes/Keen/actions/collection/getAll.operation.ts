import type { IDataObject } from 'n8n-workflow';

import { limitField, returnAllField } from '../common.descriptions';
import type { KeenOperation } from '../types';
import { keenPath } from '../../helpers/path';
import { ROUTES } from '../../transport/routes';

/** docs/keen-api.md §5.1: one answer with every collection and its schema; Keen has no paging here, so Limit cuts the list. */
export const getAll: KeenOperation = {
	resource: 'collection',
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many collections',
	description: 'List the event collections of the project with their schemas',
	routes: [ROUTES.listCollections],
	properties: [returnAllField, limitField],
	path: () => keenPath('events'),
	toItems: (response, params) => {
		const list = (Array.isArray(response) ? response : []) as IDataObject[];
		return params.returnAll ? list : list.slice(0, Number(params.limit));
	},
};
