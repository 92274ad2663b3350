import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

import { KeenInputError } from '../../helpers/errors';
import { keenPath, type KeenPath } from '../../helpers/path';
import type { RawParams } from '../types';

/** The chosen collection, required: a blank one would turn `/events/{c}` into `/events` (and a DELETE into a mistake). */
export function collectionName(params: RawParams): string {
	const name = String(params.collection ?? '').trim();
	if (name === '') throw new KeenInputError('No event collection given', 'collection', 'Pick a collection from the list or type its name.');
	return name;
}

/** `/events/{collection}`, or `/events/{collection}/properties/{property}` (docs/keen-api.md §2.4: spaces and dots are allowed in names). */
export function collectionPath(params: RawParams, property?: string): KeenPath {
	const collection = { value: collectionName(params), field: 'collection' };
	return property === undefined ? keenPath('events', collection) : keenPath('events', collection, 'properties', { value: property, field: 'propertyName' });
}

/** A count needs a timeframe (docs/keen-api.md §15.4); deletes without one cover all time, so their dry runs count over this. */
export const ALL_TIME = { start: '1970-01-01T00:00:00.000Z', end: '2100-01-01T00:00:00.000Z' };

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

export function propertyName(params: RawParams): string {
	const name = String(params.propertyName ?? '').trim();
	if (name === '') throw new KeenInputError('No property given', 'propertyName', 'Pick a property of the collection or type its dot path, e.g. user.id.');
	return name;
}

/**
 * A destructive operation runs only when the user typed `expected` again, exactly — no trimming,
 * no case folding: "Purchases" is another collection — or chose Confirm Without Typing.
 */
export function requireTypedConfirmation(params: RawParams, expected: string, what: string, field: string): void {
	if (params.confirmWithoutTyping === true || String(params.confirmName ?? '') === expected) return;
	throw new KeenInputError(
		`Deleting ${what} was not confirmed`,
		'confirmName',
		`Type the ${field} "${expected}" exactly to confirm, or turn on Confirm Without Typing for automated runs. The delete cannot be undone. Nothing was deleted.`,
	);
}

/** The typed-confirmation fields of a destructive operation; `shownWhen` hides them e.g. in a dry run. */
export function confirmationFields(label: string, placeholder: string, hint: string, shownWhen: NonNullable<IDisplayOptions['show']> = {}): INodeProperties[] {
	return [
		{
			displayName: `Confirm ${label}`,
			name: 'confirmName',
			type: 'string',
			default: '',
			placeholder,
			hint,
			description: `The ${label.toLowerCase()} again, exactly; the delete runs only when both match`,
			displayOptions: { show: { confirmWithoutTyping: [false], ...shownWhen } },
		},
		{
			displayName: 'Confirm Without Typing',
			name: 'confirmWithoutTyping',
			type: 'boolean',
			default: false,
			description: `Whether to delete without typing the ${label.toLowerCase()} again, for automated workflows where it comes from an expression`,
			displayOptions: { show: shownWhen },
		},
	];
}
