import type { IDataObject } from 'n8n-workflow';

import { KeenInputError } from './errors';
import { isPlainObject } from './json';
import { parseAsUtc } from './timeframe';

// Limits of docs/keen-api.md §2.4 and §13.
export const MAX_COLLECTION_NAME_LENGTH = 64;
export const MAX_PROPERTY_NAME_LENGTH = 255;
export const MAX_STRING_LENGTH = 9_999;
export const MAX_EVENT_BYTES = 900_000;

const NAME_HINT = 'Property names must not contain dots (use nested objects instead), must not start with $ and must be shorter than 256 characters.';
const COLLECTION_HINT = 'Collection names must be ASCII, at most 64 characters, without $, and must not start with _ or start or end with a dot.';

// ISO-8601 date or date-time with optional seconds, fraction and offset (docs/keen-api.md §2.5, §7.4).
const ISO_8601 = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** Throws unless `name` is a collection name Keen accepts (docs/keen-api.md §2.4). */
export function validateCollectionName(name: unknown, field: string): string {
	if (typeof name !== 'string' || name.trim() === '') {
		throw new KeenInputError('The event collection is empty', field, 'Pick a collection from the list or type its name.');
	}
	let problem = '';
	if (name.length > MAX_COLLECTION_NAME_LENGTH) problem = `is longer than ${MAX_COLLECTION_NAME_LENGTH} characters`;
	else if (name.startsWith('_')) problem = 'starts with _';
	else if (name.startsWith('.') || name.endsWith('.')) problem = 'starts or ends with a dot';
	else if (name.includes('$')) problem = 'contains $';
	else if (!/^[\x20-\x7e]*$/.test(name)) problem = 'contains characters that are not printable ASCII';
	if (problem) throw new KeenInputError(`Collection name "${name.slice(0, 80)}" ${problem}`, field, COLLECTION_HINT);
	return name;
}

/** Why Keen would refuse `name` as a property name (docs/keen-api.md §2.4), or '' when it is fine. */
function nameProblem(name: string): string {
	if (name.length === 0) return 'is empty';
	if (name.length > MAX_PROPERTY_NAME_LENGTH) return `is longer than ${MAX_PROPERTY_NAME_LENGTH} characters`;
	if (name.startsWith('$')) return 'starts with $';
	if (name.includes('.')) return 'contains a dot';
	return '';
}

/** Throws unless `name` is one property name Keen accepts; `path` is where it sits, for the message. */
export function validatePropertyName(name: string, path: string, field: string): void {
	const problem = nameProblem(name);
	if (problem) throw new KeenInputError(`Property name "${path.slice(0, 120)}" ${problem}`, field, NAME_HINT);
}

/** Keys and list positions from the event's root to the value being checked, and the objects passed on the way. */
interface Trail {
	keys: Array<string | number>;
	objects: object[];
}

/** `user.tags[0].name`: built only for an error message, not for every property checked. */
function pathText(keys: Trail['keys']): string {
	return keys.map((segment, i) => (typeof segment === 'number' ? `[${segment}]` : i === 0 ? segment : `.${segment}`)).join('');
}

/** Deeper events are refused before a recursive check (or Keen) runs out of stack (docs/keen-api.md §2.4: 1,000 levels). */
const MAX_DEPTH = 1000;

const NOT_JSON_HINT =
	'JSON has no such value, so it would reach Keen as null or not at all. Replace it in the node that makes it: in a Code node, for example, Number.isFinite(x) ? x : null for NaN or Infinity, String(x) for a BigInt; leave out functions and undefined list entries.';

/** What a value JSON cannot carry is, for the message; '' when JSON carries it (strings and objects are checked apart). */
function notJson(value: unknown): string {
	switch (typeof value) {
		case 'number':
			return value - value === 0 ? '' : String(value);
		case 'bigint':
			return `a BigInt (${String(value).slice(0, 40)}n)`;
		case 'function':
			return 'a function';
		case 'symbol':
			return 'a symbol';
		default:
			return '';
	}
}

/*
 * One walk, two modes. Every event is walked once without a trail (keeping one cost an array per
 * event) and only learns whether it passes; an event that fails is walked again with the trail, and
 * that walk throws the error naming the place. The rules live here once for both.
 */

function refuse(trail: Trail, field: string, what: string): never {
	throw new KeenInputError(`The value in "${pathText(trail.keys).slice(0, 120)}" is ${what}`, field, NOT_JSON_HINT);
}

/**
 * Whether `value`, `depth` levels down, and all it holds pass: values JSON carries, string lengths,
 * nesting depth, property names, no cycle. With `trail` (the way down to `value`) a failure throws instead.
 */
function checkValue(value: unknown, depth: number, trail: Trail | undefined, field: string): boolean {
	if (typeof value === 'string') {
		if (value.length <= MAX_STRING_LENGTH) return true;
		if (!trail) return false;
		throw new KeenInputError(
			`The string in "${pathText(trail.keys).slice(0, 120)}" is ${value.length} characters long`,
			field,
			`Keen accepts strings of at most ${MAX_STRING_LENGTH} characters; shorten or split the value.`,
		);
	}
	// Numbers first: finite ones are most values; NaN and ±Infinity are not (x - x is then NaN).
	if (typeof value === 'number' && value - value === 0) return true;
	if (typeof value !== 'object') {
		// undefined is checked by the caller: fine as a property (JSON leaves it out), not in a list.
		if (typeof value === 'boolean' || value === undefined) return true;
		if (!trail) return false;
		return refuse(trail, field, notJson(value));
	}
	if (value === null) return true;
	if (!trail) {
		// A cycle goes deeper and deeper: the walk with a trail then finds it.
		if (depth > MAX_DEPTH) return false;
		return Array.isArray(value) ? checkArray(value, depth, undefined, field) : checkObject(value as IDataObject, depth, undefined, field);
	}
	if (trail.objects.includes(value)) refuse(trail, field, 'the object it sits in (a circular reference)');
	if (depth > MAX_DEPTH) {
		throw new KeenInputError(
			`The event is nested more than ${MAX_DEPTH} levels deep (at "${pathText(trail.keys.slice(0, 5))}…")`,
			field,
			`Keen accepts events nested at most ${MAX_DEPTH} levels deep; flatten the data.`,
		);
	}
	trail.objects.push(value);
	const passed = Array.isArray(value) ? checkArray(value, depth, trail, field) : checkObject(value as IDataObject, depth, trail, field);
	trail.objects.pop();
	return passed;
}

function checkArray(list: unknown[], depth: number, trail: Trail | undefined, field: string): boolean {
	for (let i = 0; i < list.length; i++) {
		trail?.keys.push(i);
		// JSON writes an undefined (or missing) list entry as null.
		if (list[i] === undefined) {
			if (!trail) return false;
			refuse(trail, field, 'undefined');
		}
		const passed = checkValue(list[i], depth + 1, trail, field);
		trail?.keys.pop();
		if (!passed) return false;
	}
	return true;
}

function checkObject(object: IDataObject, depth: number, trail: Trail | undefined, field: string): boolean {
	for (const key in object) {
		trail?.keys.push(key);
		if (nameProblem(key)) {
			if (!trail) return false;
			validatePropertyName(key, pathText(trail.keys), field);
		}
		const passed = checkValue(object[key], depth + 1, trail, field);
		trail?.keys.pop();
		if (!passed) return false;
	}
	return true;
}

/**
 * Throws unless Keen would accept the event's shape: property names and string lengths at
 * every depth (docs/keen-api.md §2.4), a root `keen` that is an object (§2.5), and only values JSON
 * carries as they are (no NaN, ±Infinity, BigInt, function, undefined list entry or cycle).
 */
export function validateEvent(event: unknown, field: string): IDataObject {
	if (!isPlainObject(event)) {
		throw new KeenInputError('The event is not a JSON object', field, 'An event must be an object such as {"item": "gadget", "price": 10}.');
	}
	if (event.keen !== undefined && !isPlainObject(event.keen)) {
		throw new KeenInputError('The root "keen" property is not an object', field, 'Keen reserves "keen" for an object such as {"timestamp": "2024-05-01T12:00:00Z"}; rename your property.');
	}
	if (!checkObject(event, 0, undefined, field)) checkObject(event, 0, { keys: [], objects: [event] }, field);
	return event;
}

/** Throws when the serialised event passes Keen's per-event limit (docs/keen-api.md §13). */
export function validateEventSize(bytes: number, field: string): void {
	if (bytes > MAX_EVENT_BYTES) {
		throw new KeenInputError(
			`The event is ${bytes} bytes long`,
			field,
			`Keen accepts events of at most ${MAX_EVENT_BYTES} bytes; leave out large properties.`,
		);
	}
}

/** A keen.timestamp as UTC ISO-8601; a date-time without offset is taken as UTC (docs/keen-api.md §7.4). */
export function normaliseTimestamp(value: unknown, field: string): string {
	const text = typeof value === 'string' ? value.trim() : '';
	const hint = 'Give an ISO-8601 date-time such as 2024-05-01T12:00:00Z; use {{ $json.date.toISOString() }} for a date object.';
	if (!ISO_8601.test(text)) {
		throw new KeenInputError(`The timestamp ${JSON.stringify(value)?.slice(0, 80) ?? 'undefined'} is not an ISO-8601 date-time`, field, hint);
	}
	const ms = parseAsUtc(text);
	// Date.parse rolls 2024-02-30 over into March: a day past the end of its month is refused instead.
	const [year, month, day] = text.slice(0, 10).split('-').map(Number);
	const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
	if (Number.isNaN(ms) || month < 1 || month > 12 || day < 1 || day > daysInMonth) {
		throw new KeenInputError(`The timestamp "${text}" is not a valid date`, field, hint);
	}
	return new Date(ms).toISOString();
}

