import type { IDataObject } from 'n8n-workflow';
import { isPlainObject } from './json';

/**
 * Fields Keen returns on a saved query but rejects when they are sent back (keen-api.md §8.1, §8.3).
 * `result` rides along when the definition came from the result endpoint (§8.4).
 */
export const SAVED_QUERY_READ_ONLY_FIELDS = [
	'run_information',
	'urls',
	'created_date',
	'last_modified_date',
	'user_last_modified_date',
	'result',
] as const;

/** Fields of an access key that identify it rather than configure it (keen-api.md §10). */
export const ACCESS_KEY_READ_ONLY_FIELDS = ['key', 'project_id', 'created_date', 'last_modified_date'] as const;

/** A copy without nulls at any depth of nested objects: Keen rejects the nulls it returns (keen-api.md §8.3). */
export function withoutNulls(value: IDataObject): IDataObject {
	const copy: IDataObject = {};
	for (const [key, entry] of Object.entries(value)) {
		if (entry === null || entry === undefined) continue;
		copy[key] = isPlainObject(entry) ? withoutNulls(entry) : entry;
	}
	return copy;
}

/**
 * Objects merge key by key, arrays and scalars replace, and `null` in `changes` removes the key
 * (JSON Merge Patch semantics), so a change can clear a field explicitly.
 */
function deepMerge(base: IDataObject, changes: IDataObject): IDataObject {
	const merged: IDataObject = { ...base };
	for (const [key, change] of Object.entries(changes)) {
		if (change === undefined) continue;
		if (change === null) {
			delete merged[key];
		} else if (isPlainObject(change) && isPlainObject(merged[key])) {
			merged[key] = deepMerge(merged[key] as IDataObject, change);
		} else {
			merged[key] = isPlainObject(change) ? withoutNulls(change) : change;
		}
	}
	return merged;
}

/**
 * The body for a fetch-merge-put update: the stored definition without its read-only fields and
 * nulls, with `changes` deep-merged in. Keen's PUT/POST replace the whole object (keen-api.md §8.1, §10),
 * so everything the user did not change has to be sent back as it was.
 */
export function mergeDefinition(
	stored: IDataObject,
	changes: IDataObject,
	readOnlyFields: readonly string[],
): IDataObject {
	const base = withoutNulls(stored);
	for (const field of readOnlyFields) delete base[field];
	return deepMerge(base, changes);
}
