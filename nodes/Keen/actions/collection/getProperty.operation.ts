import { collectionRlc } from '../common.descriptions';
import type { KeenOperation } from '../types';
import { collectionPath, propertyName, propertyNameField } from './collection.common';
import { ROUTES } from '../../transport/routes';

/** docs/keen-api.md §5.3. */
export const getProperty: KeenOperation = {
	resource: 'collection',
	value: 'getProperty',
	name: 'Get Property',
	action: 'Get a property of a collection',
	description: 'Get the name and type of one property of a collection',
	routes: [ROUTES.getProperty],
	properties: [collectionRlc, propertyNameField],
	path: (params) => collectionPath(params, propertyName(params)),
};
