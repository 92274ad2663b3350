import type { IDataObject } from 'n8n-workflow';
import { isPlainObject } from './json';

/**
 * The fields of a saved query that are sent back on update — an allow-list, as Keen's Python and
 * Java clients keep: Keen's GET also returns read-only fields (`run_information`, `urls`, dates,
 * and whatever it adds later) that its PUT rejects (docs/keen-api.md §8.1, §8.3).
 */
export const SAVED_QUERY_FIELDS = ['query_name', 'refresh_rate', 'query', 'metadata'] as const;

/** The fields of an access key that configure it, as Keen's Python client sends them (docs/keen-api.md §10). */
export const ACCESS_KEY_FIELDS = ['name', 'is_active', 'permitted', 'options'] as const;

/** The fields of a project that an update sends; `apiKeys` and `id` are Keen's (docs/keen-api.md §11). */
export const PROJECT_FIELDS = ['name', 'users'] as const;

/** A copy without nulls at any depth of nested objects: Keen rejects the nulls it returns (docs/keen-api.md §8.3). */
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
 * The body for a fetch-merge-put update: the stored definition's `editableFields` (all fields when
 * not given) without nulls, with `changes` deep-merged in. Keen's PUT/POST replace the whole object
 * (docs/keen-api.md §8.1, §10, §11), so everything the user did not change has to be sent back as it was.
 */
export function mergeDefinition(stored: IDataObject, changes: IDataObject, editableFields?: readonly string[]): IDataObject {
	const kept = editableFields ? Object.fromEntries(editableFields.filter((field) => field in stored).map((field) => [field, stored[field]])) : stored;
	return deepMerge(withoutNulls(kept as IDataObject), changes);
}
