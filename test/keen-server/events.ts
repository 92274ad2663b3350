import { applyAddOns } from './addons';
import type { StoredEvent } from './types';

/** A per-event rejection; in a batch it becomes `{ success: false, error: { name, description } }` (docs/keen-api.md §4.2). */
export class EventRejection {
	constructor(
		readonly name: string,
		readonly description: string,
	) {}
}

/** What the server knows about the request an event arrived in. */
export interface IngestContext {
	nowMs: number;
	nowIso: string;
	ip: string;
	userAgent: string;
	newId: (nowMs: number) => string;
	/** Access-key `options.writes.autofill`, deep-merged into every event (docs/keen-api.md §10). */
	autofill?: Record<string, unknown>;
}

// Limits from docs/keen-api.md §2.4.
const MAX_COLLECTION_NAME = 64;
const MAX_PROPERTY_NAME = 255;
const MAX_STRING_LENGTH = 9_999;
const MAX_DEPTH = 1_000;
const MAX_UNIQUENESS_TOKEN = 64;
// Doubles cannot hold 2^63 - 1 exactly; 2^63 is the first value outside Keen's signed 64-bit range.
const INT64_MAX = 2 ** 63;
const DOLLAR = 36;
const DOT = 46;
const UNDERSCORE = 95;

/** `keen.*` fields a client may send; created_at and id are accepted but overwritten (§2.5). */
const CLIENT_KEEN_FIELDS = new Set(['timestamp', 'created_at', 'id', 'addons', 'location', 'uniqueness_token']);
const ISO_8601 = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const HAS_OFFSET = /(Z|[+-]\d{2}:?\d{2})$/;

export function isPlainObject(value: unknown): value is Record<string, unknown> {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Collection-name rules of docs/keen-api.md §2.4; null when the name is fine. */
export function checkCollectionName(name: string): EventRejection | null {
	let problem = '';
	if (name.length === 0) problem = 'must not be empty';
	else if (name.length > MAX_COLLECTION_NAME) problem = `must be at most ${MAX_COLLECTION_NAME} characters`;
	else if (name.charCodeAt(0) === UNDERSCORE) problem = "must not start with '_'";
	else if (name.charCodeAt(0) === DOT || name.charCodeAt(name.length - 1) === DOT) problem = "must not start or end with '.'";
	else if (name.includes('$')) problem = "must not contain '$'";
	else if (!isAscii(name)) problem = 'must contain ASCII characters only';
	return problem ? new EventRejection('InvalidCollectionNameError', `Collection name "${name}" ${problem}.`) : null;
}

function isAscii(text: string): boolean {
	for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 127) return false;
	return true;
}

function checkPropertyName(name: string): EventRejection | null {
	if (name.length === 0 || name.length > MAX_PROPERTY_NAME || name.charCodeAt(0) === DOLLAR || name.indexOf('.') !== -1) {
		return new EventRejection(
			'InvalidPropertyNameError',
			`Property name "${name.slice(0, 80)}" is invalid: it must be 1-${MAX_PROPERTY_NAME} characters, must not start with '$' and must not contain '.'.`,
		);
	}
	return null;
}

/** `${keen.ip}` / `${keen.user_agent}` placeholders are substituted server-side (§2.5). */
function substitute(value: string, ctx: IngestContext): string {
	if (value === '${keen.ip}') return ctx.ip;
	if (value === '${keen.user_agent}') return ctx.userAgent;
	return value;
}

/**
 * Validates one value in place (container[key]) and recurses into objects and lists, so that
 * name and value rules apply at every depth (§2.4). Placeholders are substituted on the way.
 */
function checkEntry(container: Record<string, unknown> | unknown[], key: string | number, depth: number, ctx: IngestContext): EventRejection | null {
	const value = (container as Record<string | number, unknown>)[key];
	if (typeof value === 'string') {
		if (value.length > MAX_STRING_LENGTH) {
			return new EventRejection('InvalidPropertyValueError', `String value of "${key}" is ${value.length} characters long; the limit is ${MAX_STRING_LENGTH}.`);
		}
		if (value.charCodeAt(0) === DOLLAR) (container as Record<string | number, unknown>)[key] = substitute(value, ctx);
		return null;
	}
	if (typeof value === 'number') {
		return value >= INT64_MAX || value < -INT64_MAX
			? new EventRejection('InvalidPropertyValueError', `Number value of "${key}" is outside the signed 64-bit range.`)
			: null;
	}
	if (value === null || typeof value !== 'object') return null;
	if (depth >= MAX_DEPTH) return new EventRejection('InvalidEventError', `Event nesting is deeper than ${MAX_DEPTH} levels.`);
	return Array.isArray(value) ? checkList(value, depth + 1, ctx) : checkObject(value as Record<string, unknown>, depth + 1, ctx);
}

function checkList(list: unknown[], depth: number, ctx: IngestContext): EventRejection | null {
	for (let i = 0; i < list.length; i++) {
		const error = checkEntry(list, i, depth, ctx);
		if (error) return error;
	}
	return null;
}

function checkObject(object: Record<string, unknown>, depth: number, ctx: IngestContext): EventRejection | null {
	for (const key in object) {
		const error = checkPropertyName(key) ?? checkEntry(object, key, depth, ctx);
		if (error) return error;
	}
	return null;
}

/** Parses a client keen.timestamp; ISO-8601 only, a date-time without offset is UTC (§7.4). */
function parseTimestamp(value: unknown): number | null {
	if (typeof value !== 'string' || !ISO_8601.test(value)) return null;
	const withOffset = value.length > 10 && !HAS_OFFSET.test(value) ? value + 'Z' : value;
	const ms = Date.parse(withOffset);
	return Number.isNaN(ms) ? null : ms;
}

function keenProblem(message: string): EventRejection {
	return new EventRejection('InvalidKeenNamespaceProperty', message);
}

/** Validates the client's `keen` object and builds the stored one (timestamp, created_at, id first); `addons` are returned apart, never stored. */
function buildKeen(given: Record<string, unknown>, ctx: IngestContext): { ts: number; keen: Record<string, unknown>; addons?: unknown[] } | EventRejection {
	for (const key in given) {
		if (!CLIENT_KEEN_FIELDS.has(key)) return keenProblem(`"keen.${key}" is not a property clients may set.`);
	}
	let ts = ctx.nowMs;
	let timestamp = ctx.nowIso;
	if (given.timestamp !== undefined) {
		const parsed = parseTimestamp(given.timestamp);
		if (parsed === null) return keenProblem(`keen.timestamp must be an ISO-8601 date-time, got ${JSON.stringify(given.timestamp)}.`);
		ts = parsed;
		timestamp = new Date(parsed).toISOString();
	}
	const keen: Record<string, unknown> = { timestamp, created_at: ctx.nowIso, id: ctx.newId(ctx.nowMs) };
	const token = given.uniqueness_token;
	if (token !== undefined) {
		if (typeof token !== 'string' || token.length === 0 || token.length > MAX_UNIQUENESS_TOKEN) {
			return keenProblem(`keen.uniqueness_token must be a string of 1-${MAX_UNIQUENESS_TOKEN} characters.`);
		}
		keen.uniqueness_token = token;
	}
	if (given.addons !== undefined && !Array.isArray(given.addons)) return keenProblem('keen.addons must be a list of add-on objects.');
	if (given.location !== undefined) {
		if (!isPlainObject(given.location)) return keenProblem('keen.location must be an object with "coordinates": [longitude, latitude].');
		const error = checkObject(given.location, 1, ctx);
		if (error) return error;
		keen.location = given.location;
	}
	return { ts, keen, addons: given.addons as unknown[] | undefined };
}

/** Deep merge where `overlay` wins: an access key's autofill cannot be overridden by the writer (§10). */
export function deepMerge(target: Record<string, unknown>, overlay: Record<string, unknown>): Record<string, unknown> {
	for (const key of Object.keys(overlay)) {
		const value = overlay[key];
		const current = target[key];
		target[key] = isPlainObject(value) && isPlainObject(current) ? deepMerge(current, value) : structuredCloneValue(value);
	}
	return target;
}

function structuredCloneValue(value: unknown): unknown {
	return value !== null && typeof value === 'object' ? structuredClone(value) : value;
}

/**
 * Turns a client event into a stored one: applies autofill, validates names and values
 * (§2.4), replaces the `keen` object (§2.5), runs the `keen.addons` enrichments (addons.ts;
 * the list itself is not stored) and computes `ts`. Events without add-ons skip that step.
 * Takes ownership of `raw` (mutates it) — callers hand over freshly parsed JSON.
 */
export function prepareEvent(raw: unknown, ctx: IngestContext): StoredEvent | EventRejection {
	if (!isPlainObject(raw)) return new EventRejection('InvalidEventError', 'An event must be a JSON object.');
	if (ctx.autofill) deepMerge(raw, ctx.autofill);
	const givenKeen = raw.keen === undefined ? {} : raw.keen;
	if (!isPlainObject(givenKeen)) return new EventRejection('NamespaceTypeError', 'The root "keen" property must be an object.');
	delete raw.keen;
	const error = checkObject(raw, 0, ctx);
	if (error) return error;
	const built = buildKeen(givenKeen, ctx);
	if (built instanceof EventRejection) return built;
	raw.keen = built.keen;
	if (built.addons !== undefined && built.addons.length > 0) {
		const problem = applyAddOns(raw, built.addons);
		if (problem) return new EventRejection(problem.name, problem.description);
	}
	return { ts: built.ts, event: raw };
}
