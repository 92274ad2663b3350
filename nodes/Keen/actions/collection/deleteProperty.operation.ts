import { KeenInputError } from '../../helpers/errors';
import { collectionRlc } from '../common.descriptions';
import type { KeenOperation, OperationParams } from '../types';
import { collectionName, collectionPath, propertyName, propertyNameField } from './collection.common';

/** Keen answers 403 for keen.* properties (keen-api.md §6); refusing them here sends nothing. */
function deletablePropertyPath(params: OperationParams): string {
	const name = propertyName(params);
	if (name === 'keen' || name.startsWith('keen.')) {
		throw new KeenInputError(`"${name}" is one of Keen's own properties and cannot be deleted`, 'propertyName', 'Pick a property of your own events.');
	}
	return collectionPath(params, `/properties/${encodeURIComponent(name)}`);
}

/** keen-api.md §6: removes the property from every event of the collection. */
export const deleteProperty: KeenOperation = {
	resource: 'collection',
	value: 'deleteProperty',
	name: 'Delete Property',
	action: 'Delete a property from a collection',
	description: 'Remove one property from every event of a collection',
	keyKind: 'master',
	properties: [collectionRlc, propertyNameField],
	method: 'DELETE',
	path: deletablePropertyPath,
	toItems: (_response, params) => [{ deleted: true, collection: collectionName(params), property: propertyName(params) }],
};
