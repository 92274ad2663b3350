import type { IDataObject } from 'n8n-workflow';
import { isPlainObject } from './json';

type Value = IDataObject[keyof IDataObject];

/** `group_by` as Keen accepts it (a string or a list, docs/keen-api.md §7.7) → the list of group property names. */
export function groupByList(groupBy: unknown): string[] {
	if (typeof groupBy === 'string') return groupBy === '' ? [] : [groupBy];
	return Array.isArray(groupBy) ? groupBy.filter((name): name is string => typeof name === 'string') : [];
}

/** How one result cell becomes columns: a metric's `value`, or a multi-analysis label map. */
interface Shape {
	groupKeys: string[];
	labels: string[] | undefined;
	/** select_unique: a list-valued cell gives one row per element. */
	expandLists: boolean;
}

function addCell(out: IDataObject[], base: IDataObject, cell: unknown, shape: Shape): void {
	if (shape.labels) {
		const source = isPlainObject(cell) ? cell : {};
		const labels = shape.labels.length ? shape.labels : Object.keys(source);
		for (let i = 0; i < labels.length; i++) base[labels[i]] = source[labels[i]];
		out.push(base);
		return;
	}
	if (shape.expandLists && Array.isArray(cell)) {
		const keys = Object.keys(base);
		for (let i = 0; i < cell.length; i++) {
			const row: IDataObject = {};
			for (let k = 0; k < keys.length; k++) row[keys[k]] = base[keys[k]];
			row.value = cell[i] as Value;
			out.push(row);
		}
		return;
	}
	base.value = (cell ?? null) as Value;
	out.push(base);
}

/** Rows of grouped results: the group properties as columns, then the cell (`result`, or the labels for multi-analysis). */
function addGroups(out: IDataObject[], groups: unknown, timeframe: IDataObject | undefined, shape: Shape): void {
	if (!Array.isArray(groups)) return;
	const keys = shape.groupKeys;
	for (let g = 0; g < groups.length; g++) {
		const group = groups[g] as IDataObject;
		const row: IDataObject = {};
		if (timeframe) {
			row.timeframe_start = timeframe.start;
			row.timeframe_end = timeframe.end;
		}
		for (let k = 0; k < keys.length; k++) row[keys[k]] = group[keys[k]] ?? null;
		addCell(out, row, shape.labels ? group : group.result, shape);
	}
}

function funnelRows(request: IDataObject, body: IDataObject): IDataObject[] {
	const counts = Array.isArray(body.result) ? body.result : [];
	const steps = (Array.isArray(body.steps) ? body.steps : Array.isArray(request.steps) ? request.steps : []) as IDataObject[];
	const actors = Array.isArray(body.actors) ? body.actors : [];
	const rows: IDataObject[] = [];
	for (let i = 0; i < counts.length; i++) {
		const step = isPlainObject(steps[i]) ? steps[i] : {};
		const row: IDataObject = {
			step: i + 1,
			event_collection: step.event_collection ?? null,
			actor_property: step.actor_property ?? null,
			count: counts[i] as Value,
		};
		if (actors[i] !== undefined && actors[i] !== null) row.actors = actors[i] as Value;
		rows.push(row);
	}
	return rows;
}

/**
 * Keen's query answer as rows a workflow can use. Shared by the Keen node and the Keen Trigger;
 * keep this signature stable.
 *
 * - `analysis`: Keen's analysis name (`count`, `count_unique`, …, `select_unique`, `funnel`,
 *   `multi_analysis`, `extraction`).
 * - `request`: the query body that was sent (snake_case: `group_by`, `interval`, `analyses`, `steps`);
 *   it says how to read the answer (docs/keen-api.md §7.8).
 * - `response`: Keen's parsed answer (`{ result, … }`).
 *
 * Rows: interval × group_by → one per (interval, group) with `timeframe_start`, `timeframe_end`,
 * the group properties and `value`; a plain result → `{ value }`; multi_analysis → one column per
 * label instead of `value`; select_unique → one row per distinct value; funnel → one row per step
 * (`step`, `event_collection`, `actor_property`, `count`, `actors` when asked for); extraction →
 * one row per event (an email extraction's acknowledgement stays one row).
 */
export function simplifyResult(analysis: string, request: IDataObject, response: unknown): IDataObject[] {
	const body: IDataObject = isPlainObject(response) ? response : { result: response as Value };
	const result = body.result;
	if (analysis === 'extraction') {
		if (!Array.isArray(result)) return [body];
		const events: IDataObject[] = new Array(result.length);
		for (let i = 0; i < result.length; i++) events[i] = isPlainObject(result[i]) ? (result[i] as IDataObject) : { value: result[i] as Value };
		return events;
	}
	if (analysis === 'funnel') return funnelRows(request, body);

	const groupKeys = groupByList(request.group_by);
	const shape: Shape = {
		groupKeys,
		labels: analysis === 'multi_analysis' ? Object.keys(isPlainObject(request.analyses) ? request.analyses : {}) : undefined,
		expandLists: analysis === 'select_unique',
	};
	const grouped = groupKeys.length > 0;
	const out: IDataObject[] = [];
	if (request.interval && Array.isArray(result)) {
		for (let i = 0; i < result.length; i++) {
			const bucket = isPlainObject(result[i]) ? (result[i] as IDataObject) : {};
			const timeframe = isPlainObject(bucket.timeframe) ? bucket.timeframe : {};
			if (grouped) {
				addGroups(out, bucket.value, timeframe, shape);
			} else {
				addCell(out, { timeframe_start: timeframe.start ?? null, timeframe_end: timeframe.end ?? null }, bucket.value, shape);
			}
		}
		return out;
	}
	if (grouped && Array.isArray(result)) {
		addGroups(out, result, undefined, shape);
		return out;
	}
	addCell(out, {}, result, shape);
	return out;
}

/**
 * The column that says, on each simplified row of a version 1.1 node, what was asked: Keen's names
 * for the analysis, collection, target, percentile, the funnel's collections, timeframe and timezone,
 * and a saved query's name (`query_name`). Chart → Render titles a chart with it.
 */
export const ASKED_COLUMN = 'query';

const ASKED_KEYS = ['event_collection', 'target_property', 'percentile', 'timeframe', 'timezone'];

/** What a query asked, from the query (Keen's body or stored definition) and its analysis. */
export function askedOf(analysis: string, query: IDataObject, name?: string): IDataObject {
	const asked: IDataObject = { analysis_type: analysis };
	if (name) asked.query_name = name;
	for (const key of ASKED_KEYS) if (query[key] !== undefined && query[key] !== null) asked[key] = query[key];
	if (Array.isArray(query.steps)) asked.steps = query.steps.map((step) => ({ event_collection: isPlainObject(step) ? (step.event_collection ?? null) : null }));
	return asked;
}

/** Adds what was asked to each row, unless a group property already holds that column. */
export function withAsked(rows: IDataObject[], asked: IDataObject): IDataObject[] {
	for (const row of rows) if (!(ASKED_COLUMN in row)) row[ASKED_COLUMN] = asked;
	return rows;
}

/** The value of a row's asked column, when it is one (a group property of that name is not). */
export function askedIn(row: IDataObject): IDataObject | undefined {
	const asked = row[ASKED_COLUMN];
	return isPlainObject(asked) && typeof asked.analysis_type === 'string' ? asked : undefined;
}
