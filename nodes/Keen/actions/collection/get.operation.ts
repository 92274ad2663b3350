import { collectionRlc } from '../common.descriptions';
import type { KeenOperation } from '../types';
import { collectionPath } from './collection.common';
import { ROUTES } from '../../transport/routes';

/** docs/keen-api.md §5.2. */
export const get: KeenOperation = {
	resource: 'collection',
	value: 'get',
	name: 'Get Schema',
	action: 'Get the schema of a collection',
	description: "Get a collection's properties and their types",
	routes: [ROUTES.getCollection],
	properties: [collectionRlc],
	path: collectionPath,
};
