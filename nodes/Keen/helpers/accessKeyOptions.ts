import type { IDataObject } from 'n8n-workflow';

import { KeenInputError } from './errors';
import { mergeDefinition } from './mergeDefinition';
import { parseFieldList } from './eventBuilder';
import { filtersFromJson } from './filters';
import { optionalJsonObject } from './queryDefinition';

/** keen-api.md §10: an access key's name is at most 256 characters. */
export const ACCESS_KEY_NAME_MAX_LENGTH = 256;

/** What `permitted` may contain (keen-api.md §10). */
export const ACCESS_KEY_PERMISSIONS = ['cached_queries', 'datasets', 'queries', 'saved_queries', 'schema', 'writes'] as const;

export function validateAccessKeyName(name: unknown, field: string): string {
	const text = typeof name === 'string' ? name.trim() : '';
	if (text === '') throw new KeenInputError('The access key needs a name', field, 'Enter a name such as customer-42-dashboard.');
	if (text.length > ACCESS_KEY_NAME_MAX_LENGTH) {
		throw new KeenInputError(
			`The access key name is ${text.length} characters long`,
			field,
			`Keen accepts at most ${ACCESS_KEY_NAME_MAX_LENGTH} characters.`,
		);
	}
	return text;
}

/** The friendly option fields of the node; each is optional. */
export interface AccessKeyOptionFields {
	optionsJson?: unknown;
	queryFilters?: unknown;
	writesAutofill?: unknown;
	savedQueriesAllowed?: unknown;
	cachedQueriesAllowed?: unknown;
}

/**
 * The key's `options` object: the raw JSON, with the friendly fields merged over it so the common
 * cases need no JSON (keen-api.md §10: queries.filters, writes.autofill, saved/cached_queries.allowed).
 * `field` is the node field holding these, for errors.
 */
export function buildAccessKeyOptions(fields: AccessKeyOptionFields, field: string): IDataObject {
	const base = optionalJsonObject(fields.optionsJson, field);
	const friendly: IDataObject = {};
	const filters = filtersFromJson(fields.queryFilters, field);
	if (filters.length) friendly.queries = { filters };
	const autofill = optionalJsonObject(fields.writesAutofill, field);
	if (Object.keys(autofill).length) friendly.writes = { autofill };
	const saved = parseFieldList(fields.savedQueriesAllowed);
	if (saved.length) friendly.saved_queries = { allowed: saved };
	const cached = parseFieldList(fields.cachedQueriesAllowed);
	if (cached.length) friendly.cached_queries = { allowed: cached };
	return mergeDefinition(base, friendly);
}

/** A permission list checked against Keen's set, so a typo fails before sending. */
export function validatePermitted(value: unknown, field: string): string[] {
	const permitted = parseFieldList(value);
	const unknown = permitted.filter((entry) => !(ACCESS_KEY_PERMISSIONS as readonly string[]).includes(entry));
	if (unknown.length) {
		throw new KeenInputError(
			`Unknown permission "${unknown.join('", "')}"`,
			field,
			`Use any of: ${ACCESS_KEY_PERMISSIONS.join(', ')}.`,
		);
	}
	return permitted;
}
