import type { INodeProperties } from 'n8n-workflow';

import { KeenInputError } from '../../helpers/errors';
import type { OperationParams } from '../types';

/** The chosen collection, required: a blank one would turn `/events/{c}` into `/events` (and a DELETE into a mistake). */
export function collectionName(params: OperationParams): string {
	const name = String(params.collection ?? '').trim();
	if (name === '') throw new KeenInputError('No event collection given', 'collection', 'Pick a collection from the list or type its name.');
	return name;
}

/** `/events/{collection}` with the name URL-encoded (keen-api.md §2.4: spaces and dots are allowed). */
export function collectionPath(params: OperationParams, suffix = ''): string {
	return `/events/${encodeURIComponent(collectionName(params))}${suffix}`;
}

/** A property of the chosen collection, picked from its schema or given by dot path. */
export const propertyNameField: INodeProperties = {
	displayName: 'Property Name or ID',
	name: 'propertyName',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getCollectionProperties', loadOptionsDependsOn: ['collection.value'] },
	default: '',
	required: true,
	description:
		'The property as a dot path, e.g. customer.country. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

export function propertyName(params: OperationParams): string {
	const name = String(params.propertyName ?? '').trim();
	if (name === '') throw new KeenInputError('No property given', 'propertyName', 'Pick a property of the collection or type its dot path, e.g. user.id.');
	return name;
}
