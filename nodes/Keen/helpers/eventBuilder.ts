import type { IDataObject } from 'n8n-workflow';

import { KeenInputError } from './errors';
import { filledJsonObject, isPlainObject } from './json';
import { validateCollectionName, validateEvent } from './eventValidation';

/** Examples of what Record's and Record Many's JSON fields take: their placeholders and the hint when left empty. */
export const EVENT_EXAMPLE = '{ "item": "golden gadget", "price": 25.5 }';
export const BATCH_EXAMPLE = '{ "signups": [{ "name": "bob" }], "purchases": [{ "price": 10 }] }';

/** Value at a dot path of an object, or undefined. */
export function getPath(object: IDataObject, path: string): unknown {
	if (path in object) return object[path];
	let current: unknown = object;
	for (const segment of path.split('.')) {
		if (!isPlainObject(current)) return undefined;
		current = current[segment];
	}
	return current;
}

/** The chosen top-level fields of an input item; a field the item lacks is reported, not silently left out. */
export function pickFields(json: IDataObject, names: string[], field: string): IDataObject {
	if (names.length === 0) throw new KeenInputError('No fields are chosen', field, 'List the fields to send, separated by commas, e.g. "name, price".');
	const event: IDataObject = {};
	for (const name of names) {
		if (!(name in json)) {
			throw new KeenInputError(`The input item has no field "${name}"`, field, 'Check the spelling; field names are case-sensitive.');
		}
		event[name] = json[name];
	}
	return event;
}

/** Whether the event has no properties of its own (undefined ones are not sent), only perhaps Keen's. */
export function isEmptyEvent(event: IDataObject): boolean {
	for (const key in event) if (key !== 'keen' && event[key] !== undefined) return false;
	return true;
}

/** One event an input item yields, checked for names and shape; `field` names where it came from, for errors. */
export interface EventDraft {
	collection: string;
	event: IDataObject;
	field: string;
	timestamp?: string;
	addons?: IDataObject[];
}

/** The events of a batch body in the shape of Keen's batch endpoint, `{ "collection": [events] }` (docs/keen-api.md §4.2). */
export function buildBatchEvents(value: unknown, field: string): EventDraft[] {
	const body = filledJsonObject(value, field, 'The batch JSON', BATCH_EXAMPLE);
	const drafts: EventDraft[] = [];
	for (const collection of Object.keys(body)) {
		validateCollectionName(collection, field);
		const list = body[collection];
		if (!Array.isArray(list)) {
			throw new KeenInputError(`The value of "${collection}" is not a list of events`, field, 'Write { "collection": [ {event}, {event} ] }.');
		}
		for (const event of list) drafts.push({ collection, event: validateEvent(event, field), field });
	}
	if (drafts.length === 0) throw new KeenInputError('The batch holds no events', field, 'Write { "collection": [ {event}, {event} ] } with at least one event.');
	return drafts;
}
