import type { IDataObject } from 'n8n-workflow';

import { validateAccessKeyName, validatePermitted } from '../../helpers/accessKeys';
import { parseList } from '../../helpers/textInputs';
import { filtersFromJson } from '../../helpers/filters';
import { mergeDefinition } from '../../helpers/mergeDefinition';
import { optionalJsonObject } from '../../helpers/queryDefinition';

/**
 * The key's body attributes from whichever of the node's fields are present (docs/keen-api.md §10).
 * `fieldOf` names the node field each part came from, for errors.
 */
export function accessKeyAttributes(
	fields: IDataObject,
	fieldOf: (part: 'keyName' | 'permitted' | 'options') => string,
): IDataObject {
	const attributes: IDataObject = {};
	if (fields.keyName !== undefined) attributes.name = validateAccessKeyName(fields.keyName, fieldOf('keyName'));
	if (fields.isActive !== undefined) attributes.is_active = fields.isActive === true;
	if (fields.permitted !== undefined) attributes.permitted = validatePermitted(fields.permitted, fieldOf('permitted'));
	const options = keyOptionsOf(fields, fieldOf('options'));
	if (Object.keys(options).length) attributes.options = options;
	return attributes;
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
 * cases need no JSON (docs/keen-api.md §10: queries.filters, writes.autofill, saved/cached_queries.allowed).
 * `field` is the node field holding these, for errors.
 */
export function keyOptionsOf(fields: AccessKeyOptionFields, field: string): IDataObject {
	const base = optionalJsonObject(fields.optionsJson, field);
	const friendly: IDataObject = {};
	const filters = filtersFromJson(fields.queryFilters, field);
	if (filters.length) friendly.queries = { filters };
	const autofill = optionalJsonObject(fields.writesAutofill, field);
	if (Object.keys(autofill).length) friendly.writes = { autofill };
	const saved = parseList(fields.savedQueriesAllowed);
	if (saved.length) friendly.saved_queries = { allowed: saved };
	const cached = parseList(fields.cachedQueriesAllowed);
	if (cached.length) friendly.cached_queries = { allowed: cached };
	return mergeDefinition(base, friendly);
}
