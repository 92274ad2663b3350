import type { IDataObject } from 'n8n-workflow';

import { KeenInputError } from './errors';
import { filledJsonObject, isPlainObject } from './json';
import { validateCollectionName, validateEvent, validatePropertyName } from './eventValidation';

/** Examples of what Record's and Record Many's JSON fields take: their placeholders and the hint when left empty. */
export const EVENT_EXAMPLE = '{ "item": "golden gadget", "price": 25.5 }';
export const BATCH_EXAMPLE = '{ "signups": [{ "name": "bob" }], "purchases": [{ "price": 10 }] }';

/** Enrichment add-ons of keen-api.md §2.5: the Keen name and the input keys each one reads. */
export const ADD_ONS = {
	dateTime: { keenName: 'keen:date_time_parser', inputs: ['date_time'] },
	ipToGeo: { keenName: 'keen:ip_to_geo', inputs: ['ip'] },
	referrer: { keenName: 'keen:referrer_parser', inputs: ['referrer_url', 'page_url'] },
	url: { keenName: 'keen:url_parser', inputs: ['url'] },
	userAgent: { keenName: 'keen:ua_parser', inputs: ['ua_string'] },
} as const;

export type AddOnValue = keyof typeof ADD_ONS;

/** One add-on row of the UI: which add-on, the event properties it reads, where it writes. */
export interface AddOnRow {
	addOn?: string;
	input?: string;
	pageUrlInput?: string;
	output?: string;
}

const ADD_ON_HINT = 'Give the dot path of an event property, such as "ip_address" or "user.agent".';

function checkPath(path: unknown, what: string, field: string): string {
	const text = typeof path === 'string' ? path.trim() : '';
	if (!text) throw new KeenInputError(`The ${what} of an add-on is empty`, field, ADD_ON_HINT);
	for (const segment of text.split('.')) validatePropertyName(segment, text, field);
	return text;
}

/** `keen.addons` entries (keen-api.md §2.5); input values name event properties, not literal values. */
export function buildAddOns(rows: AddOnRow[], field: string): IDataObject[] {
	return rows.map((row) => {
		const spec = ADD_ONS[row.addOn as AddOnValue];
		if (!spec) throw new KeenInputError(`Unknown add-on "${String(row.addOn)}"`, field, `Choose one of: ${Object.keys(ADD_ONS).join(', ')}.`);
		const values = [row.input, row.pageUrlInput];
		const input: IDataObject = {};
		spec.inputs.forEach((key, i) => {
			input[key] = checkPath(values[i], `input property "${key}"`, field);
		});
		return { name: spec.keenName, input, output: checkPath(row.output, 'output property', field) };
	});
}

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

/** Splits a comma-separated list of field names, dropping blanks. */
export function parseFieldList(list: unknown): string[] {
	return String(list ?? '')
		.split(',')
		.map((name) => name.trim())
		.filter((name) => name !== '');
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

/** What goes into an event's `keen` object besides what the event already carries. */
export interface KeenExtras {
	timestamp?: string;
	/** keen.timestamp when neither `timestamp` nor the event gives one: when the node recorded it. */
	recordedAt?: string;
	addons?: IDataObject[];
	uniquenessToken?: string;
}

function keenObject(own: unknown, extras: KeenExtras): IDataObject {
	const keen: IDataObject = isPlainObject(own) ? { ...own } : {};
	if (extras.timestamp !== undefined) keen.timestamp = extras.timestamp;
	else if (extras.recordedAt !== undefined && keen.timestamp === undefined) keen.timestamp = extras.recordedAt;
	if (extras.addons?.length) keen.addons = [...((keen.addons as IDataObject[] | undefined) ?? []), ...extras.addons];
	if (extras.uniquenessToken !== undefined && keen.uniqueness_token === undefined) keen.uniqueness_token = extras.uniquenessToken;
	return keen;
}

/**
 * The JSON text of the event with its `keen` object completed, without touching the input (it
 * may be an input item's json). A uniqueness token the event already carries wins over a
 * computed one; a timestamp from the chosen field replaces the event's own. An event without a
 * `keen` object (the usual case) is not copied: its JSON gets `"keen":{…}` appended, the text
 * `{ ...event, keen }` would give.
 */
export function eventJson(event: IDataObject, extras: KeenExtras): string {
	const { timestamp, recordedAt, addons, uniquenessToken } = extras;
	if (timestamp === undefined && recordedAt === undefined && addons === undefined && uniquenessToken === undefined) return JSON.stringify(event);
	if (event.keen !== undefined || typeof event.toJSON === 'function') return JSON.stringify(storedEvent(event, extras));
	const text = JSON.stringify(event);
	const keen = `"keen":${keenJson(extras)}}`;
	return text === '{}' ? `{${keen}` : `${text.slice(0, -1)},${keen}`;
}

/** Whether JSON.stringify writes some character of `text` other than as itself: quote, backslash, controls, surrogates. */
function needsEscape(text: string): boolean {
	for (let i = 0; i < text.length; i++) {
		const code = text.charCodeAt(i);
		if (code < 0x20 || code === 0x22 || code === 0x5c || (code >= 0xd800 && code <= 0xdfff)) return true;
	}
	return false;
}

/** `JSON.stringify(text)`; timestamps and Auto tokens need no escapes, and quoting them directly allocates far less. */
function jsonString(text: string): string {
	return needsEscape(text) ? JSON.stringify(text) : `"${text}"`;
}

/** `JSON.stringify(keenObject(undefined, extras))`, written directly: this runs once per recorded event. */
function keenJson({ timestamp, recordedAt, addons, uniquenessToken }: KeenExtras): string {
	const when = timestamp ?? recordedAt;
	let text = when === undefined ? '{' : `{"timestamp":${jsonString(when)}`;
	if (addons?.length) text += `${text.length > 1 ? ',' : ''}"addons":${JSON.stringify(addons)}`;
	if (uniquenessToken !== undefined) text += `${text.length > 1 ? ',' : ''}"uniqueness_token":${jsonString(uniquenessToken)}`;
	return `${text}}`;
}

/** The event as Keen stores it: a shallow copy with its `keen` object completed (the input is untouched). */
export function storedEvent(event: IDataObject, extras: KeenExtras): IDataObject {
	return { ...event, keen: keenObject(event.keen, extras) };
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

/** The events of a batch body in the shape of Keen's batch endpoint, `{ "collection": [events] }` (keen-api.md §4.2). */
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
