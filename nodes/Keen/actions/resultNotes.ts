import type { IDataObject } from 'n8n-workflow';

import { KeenInputError } from '../helpers/errors';
import { isPlainObject } from '../helpers/json';
import { ASKED_COLUMN, askedIn, groupByList } from '../helpers/simplify';
import type { KeenOperation, RawParams, RunContext } from './types';
import { keenPath } from '../helpers/path';

/*
 * Keen answers a query over a misspelt collection with an empty result, and a group-by over a
 * property no event has with one null group: both read like answers. When a result looks like
 * that, one look at the project's schema (GET /events, read key, docs/keen-api.md §5.1) says which it
 * is. A workflow keeps its output and gets an execution hint; a model gets a statement it can act on.
 * The schema is read at most once per execution, shared by all items, and only when needed.
 */

/** Most names listed in a message; a longer list costs the model tokens without helping it. */
const MAX_NAMES = 20;

function nameList(names: string[]): string {
	const shown = names.slice(0, MAX_NAMES).join(', ');
	return names.length > MAX_NAMES ? `${shown} … (${names.length - MAX_NAMES} more)` : shown;
}

/** The analyses and extractions that return rows read against one collection. */
function explainable(spec: KeenOperation, params: RawParams): boolean {
	if (typeof params.collection !== 'string' || params.collection.trim() === '') return false;
	return spec.explainsEmptyResult?.(params) === true;
}

const EMPTY_VALUES = (value: unknown) => value === 0 || value === null || value === undefined || (Array.isArray(value) && value.length === 0);

/** No rows, or only rows whose values are 0 / null (an ungrouped count, or empty interval buckets). */
function noEventsMatched(rows: IDataObject[]): boolean {
	return rows.every((row) =>
		Object.entries(row).every(([key, value]) => key.startsWith('timeframe_') || (key === ASKED_COLUMN && askedIn(row)) || EMPTY_VALUES(value)),
	);
}

/** Collection name → its property names, or undefined when the schema cannot be read. */
async function projectSchema(run: RunContext): Promise<Map<string, string[]> | undefined> {
	try {
		const response = await run.request({ method: 'GET', path: keenPath('events'), keyKind: 'read' });
		if (!Array.isArray(response)) return undefined;
		return new Map(
			response
				.filter(isPlainObject)
				.map((entry) => [String(entry.name), Object.keys(isPlainObject(entry.properties) ? entry.properties : {})] as [string, string[]]),
		);
	} catch {
		// The check is an extra: a failure to read the schema must not fail a query that succeeded.
		return undefined;
	}
}

/**
 * Says what an empty or null-grouped result means. Returns the rows to output: unchanged for a
 * workflow (the statement goes to `addHint`), with the statement as a leading `note` item for a
 * model. An unknown collection is an error for a model, which can then send a known one.
 */
export async function explainResult(
	run: RunContext,
	spec: KeenOperation,
	params: RawParams,
	body: unknown,
	rows: IDataObject[],
): Promise<IDataObject[]> {
	if (!explainable(spec, params)) return rows;
	const collection = String(params.collection).trim();
	const empty = noEventsMatched(rows);
	const groupKeys = isPlainObject(body) ? groupByList(body.group_by) : [];
	const nullGroups = empty ? [] : groupKeys.filter((key) => rows.every((row) => row[key] === null || row[key] === undefined));
	if (!empty && nullGroups.length === 0) return rows;

	const schema = await run.once('projectSchema', async () => await projectSchema(run));
	const notes: string[] = [];
	if (empty) {
		if (schema && !schema.has(collection)) {
			const known = [...schema.keys()].sort();
			const message = `There is no event collection "${collection}" in this project`;
			const hint = known.length ? `Use one of: ${nameList(known)}.` : 'The project has no collections yet.';
			if (run.asTool) throw new KeenInputError(message, 'collection', hint);
			notes.push(`${message}. ${hint}`);
		} else {
			notes.push(`No events matched: "${collection}" has no events in the timeframe that pass the filters.`);
		}
	}
	for (const key of nullGroups) {
		const properties = schema?.get(collection);
		const known = properties && !properties.includes(key) ? ` Properties of "${collection}": ${nameList(properties.sort())}.` : '';
		notes.push(`No event has the property "${key}" (every group is null), so the result is not grouped by it.${known}`);
	}
	if (!run.asTool) {
		for (const note of notes) run.addHint(note);
		return rows;
	}
	return [...notes.map((note) => ({ note })), ...rows];
}
