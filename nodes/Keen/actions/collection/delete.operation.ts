import type { KeenPath } from '../../helpers/path';
import { collectionRlc } from '../common.descriptions';
import type { KeenOperation, OperationParams } from '../types';
import { collectionName, collectionPath, confirmationFields, requireTypedConfirmation } from './collection.common';

/** The collection's path once the user confirmed; nothing is sent otherwise. */
function confirmedPath(params: OperationParams): KeenPath {
	const name = collectionName(params);
	requireTypedConfirmation(params, name, `"${name}"`, 'collection name');
	return collectionPath(params);
}

/** keen-api.md §6: DELETE /events/{c} without parameters removes the whole collection, irreversibly. */
export const deleteCollection: KeenOperation = {
	resource: 'collection',
	value: 'delete',
	name: 'Delete',
	action: 'Delete a collection',
	description: 'Delete a collection and all its events, irreversibly',
	keyKind: 'master',
	properties: [
		collectionRlc,
		...confirmationFields('Collection Name', 'e.g. purchases', 'Type the collection name again. Deleting removes all its events and cannot be undone.'),
	],
	method: 'DELETE',
	path: confirmedPath,
	toItems: (_response, params) => [{ deleted: true, collection: collectionName(params) }],
};
