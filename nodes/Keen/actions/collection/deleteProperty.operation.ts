import type { IDataObject } from 'n8n-workflow';

import { KeenInputError } from '../../helpers/errors';
import { keenPath } from '../../helpers/path';
import { collectionRlc } from '../common.descriptions';
import type { KeenOperation, RawParams } from '../types';
import {
	ALL_TIME,
	collectionName,
	collectionPath,
	confirmationFields,
	propertyName,
	propertyNameField,
	requireTypedConfirmation,
} from './collection.common';
import { ROUTES } from '../../transport/routes';

/** Keen answers 403 for keen.* properties (docs/keen-api.md §6); refusing them here sends nothing. */
function checkDeletable(params: RawParams): void {
	const name = propertyName(params);
	if (name === 'keen' || name.startsWith('keen.')) {
		throw new KeenInputError(`"${name}" is one of Keen's own properties and cannot be deleted`, 'propertyName', 'Pick a property of your own events.');
	}
}

/** docs/keen-api.md §6: removes the property from every event of the collection, irreversibly. */
export const deleteProperty: KeenOperation = {
	resource: 'collection',
	value: 'deleteProperty',
	name: 'Delete Property',
	action: 'Delete a property from a collection',
	description: 'Remove one property from every event of a collection, irreversibly; a dry run counts the events holding it',
	routes: [ROUTES.deleteProperty, ROUTES.runAnalysis],
	validate: checkDeletable,
	properties: [
		collectionRlc,
		propertyNameField,
		{
			displayName: 'Dry Run',
			name: 'dryRun',
			type: 'boolean',
			default: false,
			description: 'Whether to only count the events that hold the property (with the read key) instead of deleting it',
		},
		...confirmationFields(
			'Property Name',
			'e.g. customer.country',
			'Type the property name again. It is removed from every event of the collection and cannot be undone.',
			{ dryRun: [false] },
		),
	],
	run: async (ctx, params) => {
		const collection = collectionName(params);
		const property = propertyName(params);
		// Built first, so a refused name stops the dry run too.
		const path = collectionPath(params, property);
		if (params.dryRun === true) {
			const body: IDataObject = {
				event_collection: collection,
				timeframe: ALL_TIME,
				filters: [{ property_name: property, operator: 'exists', property_value: true }],
			};
			const answer = (await ctx.request({ method: 'POST', path: keenPath('queries', 'count'), body })) as IDataObject;
			return [{ json: { dryRun: true, collection, property, eventsWithProperty: answer?.result as number } }];
		}
		requireTypedConfirmation(params, property, `property "${property}" of "${collection}"`, 'property name');
		await ctx.request({ method: 'DELETE', path });
		return [{ json: { deleted: true, collection, property } }];
	},
};
