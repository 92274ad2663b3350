import { collectionRlc } from '../common.descriptions';
import type { KeenOperation, RawParams } from '../types';
import { collectionName, collectionPath, confirmationFields, requireTypedConfirmation } from './collection.common';
import { ROUTES } from '../../transport/routes';

/** Nothing is sent unless the user typed the name again or chose to confirm without typing. */
function checkConfirmed(params: RawParams): void {
	const name = collectionName(params);
	requireTypedConfirmation(params, name, `"${name}"`, 'collection name');
}

/** docs/keen-api.md §6: DELETE /events/{c} without parameters removes the whole collection, irreversibly. */
export const deleteCollection: KeenOperation = {
	resource: 'collection',
	value: 'delete',
	name: 'Delete',
	action: 'Delete a collection',
	description: 'Delete a collection and all its events, irreversibly',
	routes: [ROUTES.deleteEvents],
	properties: [
		collectionRlc,
		...confirmationFields('Collection Name', 'e.g. purchases', 'Type the collection name again. Deleting removes all its events and cannot be undone.'),
	],
	validate: checkConfirmed,
	path: collectionPath,
	toItems: (_response, params) => [{ deleted: true, collection: collectionName(params) }],
};
