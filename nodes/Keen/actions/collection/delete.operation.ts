import { KeenInputError } from '../../helpers/errors';
import { collectionRlc } from '../common.descriptions';
import type { KeenOperation, OperationParams } from '../types';
import { collectionName, collectionPath } from './collection.common';

/** The collection's path once the user confirmed; nothing is sent otherwise. */
function confirmedPath(params: OperationParams): string {
	const name = collectionName(params);
	if (params.confirmWithoutTyping !== true && String(params.confirmName ?? '') !== name) {
		throw new KeenInputError(
			`Deleting "${name}" was not confirmed`,
			'confirmName',
			`Type the collection name "${name}" exactly to confirm, or turn on Confirm Without Typing for automated runs. Nothing was deleted.`,
		);
	}
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
		{
			displayName: 'Confirm Collection Name',
			name: 'confirmName',
			type: 'string',
			default: '',
			placeholder: 'e.g. purchases',
			hint: 'Type the collection name again. Deleting removes all its events and cannot be undone.',
			description: 'The collection name again, exactly; the collection is deleted only when both match',
			displayOptions: { show: { confirmWithoutTyping: [false] } },
		},
		{
			displayName: 'Confirm Without Typing',
			name: 'confirmWithoutTyping',
			type: 'boolean',
			default: false,
			description: 'Whether to delete without typing the name again, for automated workflows where the collection comes from an expression',
		},
	],
	method: 'DELETE',
	path: confirmedPath,
	toItems: (_response, params) => [{ deleted: true, collection: collectionName(params) }],
};
