import type { IDataObject } from 'n8n-workflow';

import { isPlainObject } from '../json';
import { ASKED_COLUMN, askedIn, groupByList, simplifyResult } from '../simplify';

/*
 * What a chart shows, read from what the Keen node outputs: a Keen answer (`{ result, … }`, with
 * the query when it came from a saved query) or the rows Simplify makes of one. Answers are first
 * turned into rows by simplifyResult, so one reader interprets both.
 */

export interface Series {
	name: string;
	values: Array<number | null>;
}

/** Values along an axis: interval buckets (`time`) or group values / labels (`categories`). */
export interface XYData {
	shape: 'xy';
	labels: string[];
	/** Bucket starts and ends, when the x axis is time. */
	time?: Array<{ start: string; end: string }>;
	series: Series[];
	/** The x values are the labels of a multi-analysis (numbers of different units). */
	analyses?: boolean;
}

export type ChartData =
	| { shape: 'metric'; value: number | null }
	| XYData
	| { shape: 'funnel'; steps: Array<{ label: string; count: number }> }
	| { shape: 'table'; columns: string[]; rows: unknown[][] };

/** What a result says about itself, beyond its numbers. */
export interface ResultContext {
	analysis?: string;
	/** Relative timeframe text or { start, end }. */
	timeframe?: unknown;
	timezone?: unknown;
	/** Saved query's display name or name. */
	name?: string;
	/** The collection analysed, its target property and percentile; a funnel's step collections. */
	collection?: string;
	target?: string;
	percentile?: number;
	steps?: string[];
}

export interface ChartInput {
	data: ChartData;
	context: ResultContext;
}

const TIME_COLUMNS = ['timeframe_start', 'timeframe_end'];

const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
/** A cell a chart can draw: a number, or nothing (a gap). */
const isNumeric = (value: unknown) => value === null || value === undefined || isNumber(value);

/** Keys of `objects` whose values are numbers (or null) in every object that has them. */
function numericKeys(objects: IDataObject[], exclude: string[]): string[] {
	const keys = [...new Set(objects.flatMap((o) => Object.keys(o)))].filter((k) => !exclude.includes(k));
	return keys.filter((key) => objects.every((o) => !(key in o) || isNumeric(o[key])) && objects.some((o) => isNumber(o[key])));
}

/** A Keen answer has `result`; rows made by Simplify never do. */
export function isKeenAnswer(json: IDataObject): boolean {
	return 'result' in json;
}

/**
 * The query a bare answer (an ad-hoc query run with Simplify off, a cached dataset's results)
 * implies, read from the result's shape (docs/keen-api.md §7.8, §9.3): enough for simplifyResult.
 */
function impliedQuery(answer: IDataObject): IDataObject {
	const result = answer.result;
	if (Array.isArray(answer.steps)) return { analysis_type: 'funnel', steps: answer.steps };
	if (isPlainObject(result)) return { analysis_type: 'multi_analysis', analyses: Object.fromEntries(Object.keys(result).map((k) => [k, {}])) };
	if (!Array.isArray(result)) return { analysis_type: 'result' };
	// A list of plain values (or nothing): select_unique's distinct values.
	if (result.length === 0 || !result.every(isPlainObject)) return { analysis_type: 'select_unique' };
	const rows = result as IDataObject[];
	if (rows.every((row) => isPlainObject(row.timeframe))) {
		const cells = rows.map((row) => row.value);
		const groups = cells.flatMap((cell) => (Array.isArray(cell) ? cell.filter(isPlainObject) : [])) as IDataObject[];
		if (groups.length) return { interval: 'implied', ...groupedQuery(groups) };
		const labelMaps = cells.filter(isPlainObject) as IDataObject[];
		if (labelMaps.length) return { interval: 'implied', ...labelQuery(labelMaps) };
		return { analysis_type: 'result', interval: 'implied' };
	}
	if (rows.some((row) => isPlainObject(row.keen))) return { analysis_type: 'extraction' };
	return groupedQuery(rows);
}

/** Grouped rows carry `result`; grouped multi-analysis rows carry one number per label instead. */
function groupedQuery(groups: IDataObject[]): IDataObject {
	if (groups.some((group) => 'result' in group)) {
		return { analysis_type: 'result', group_by: [...new Set(groups.flatMap((g) => Object.keys(g)))].filter((k) => k !== 'result') };
	}
	const labels = numericKeys(groups, []);
	const groupBy = [...new Set(groups.flatMap((g) => Object.keys(g)))].filter((k) => !labels.includes(k));
	return { ...labelQuery(groups, labels), group_by: groupBy };
}

function labelQuery(maps: IDataObject[], labels = numericKeys(maps, [])): IDataObject {
	return { analysis_type: 'multi_analysis', analyses: Object.fromEntries(labels.map((label) => [label, {}])) };
}

const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);

/** What a result says it answers: its analysis, collection, timeframe and timezone, a saved query's name. */
function contextOf(answer: IDataObject, query: IDataObject): ResultContext {
	const metadata = isPlainObject(answer.metadata) ? answer.metadata : {};
	const steps = Array.isArray(query.steps) ? query.steps.map((step) => (isPlainObject(step) ? text(step.event_collection) : undefined)) : [];
	return {
		analysis: typeof query.analysis_type === 'string' && query.analysis_type !== 'result' ? query.analysis_type : undefined,
		timeframe: query.timeframe ?? undefined,
		timezone: query.timezone ?? undefined,
		name: text(metadata.display_name) ?? text(answer.query_name) ?? text(answer.display_name) ?? text(answer.dataset_name),
		collection: text(query.event_collection),
		target: text(query.target_property),
		percentile: isNumber(query.percentile) ? query.percentile : undefined,
		steps: steps.length && steps.every(Boolean) ? (steps as string[]) : undefined,
	};
}

/** One Keen answer (a saved query's result with its definition, or a bare `{ result }`) → chart input. */
export function fromAnswer(answer: IDataObject): ChartInput {
	const stored = isPlainObject(answer.query) ? answer.query : undefined;
	const query = stored ?? impliedQuery(answer);
	const analysis = String(query.analysis_type ?? 'result');
	const rows = simplifyResult(analysis, query, answer);
	const labels = analysis === 'multi_analysis' ? Object.keys(isPlainObject(query.analyses) ? query.analyses : {}) : undefined;
	const values = labels ?? ['value'];
	const layout: RowLayout = {
		funnel: analysis === 'funnel',
		table: analysis === 'extraction' || analysis === 'select_unique' || rows.some((row) => values.some((v) => !isNumeric(row[v]))),
		time: Boolean(query.interval),
		groups: groupByList(query.group_by),
		values,
	};
	return { data: fromRows(rows, layout), context: contextOf(answer, query) };
}

/** How rows are read: which columns are the groups and which the numbers. */
interface RowLayout {
	funnel: boolean;
	table: boolean;
	time: boolean;
	groups: string[];
	values: string[];
}

/** The layout of rows Simplify made, read from their columns. */
function rowLayout(rows: IDataObject[]): RowLayout {
	const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
	const funnel = columns.includes('step') && columns.includes('count') && rows.every((row) => isNumeric(row.count));
	const time = columns.includes('timeframe_start');
	const values = columns.includes('value') ? ['value'] : numericKeys(rows, TIME_COLUMNS);
	const groups = columns.filter((column) => !values.includes(column) && !TIME_COLUMNS.includes(column));
	const table = values.length === 0 || rows.some((row) => values.some((v) => !isNumeric(row[v])));
	return { funnel, table, time, groups, values };
}

/**
 * Rows made by Simplify (one per item, all items together) → chart input. Rows of a version 1.1
 * node say what was asked (ASKED_COLUMN): that column is the chart's context, not data.
 */
export function fromSimplifiedRows(rows: IDataObject[]): ChartInput {
	const asked = rows.map(askedIn).find(Boolean);
	if (!asked) return { data: fromRows(rows, rowLayout(rows)), context: {} };
	const data = rows.map((row) => (askedIn(row) ? Object.fromEntries(Object.entries(row).filter(([key]) => key !== ASKED_COLUMN)) : row));
	return { data: fromRows(data, rowLayout(data)), context: contextOf({ query_name: asked.query_name }, asked) };
}

function cellText(value: unknown): string {
	if (value === null || value === undefined) return '(none)';
	return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function tableOf(rows: IDataObject[]): ChartData {
	const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
	return { shape: 'table', columns, rows: rows.map((row) => columns.map((column) => row[column])) };
}

function fromRows(rows: IDataObject[], layout: RowLayout): ChartData {
	if (layout.funnel) {
		return {
			shape: 'funnel',
			steps: rows.map((row, i) => ({
				label: typeof row.event_collection === 'string' ? row.event_collection : `Step ${i + 1}`,
				count: isNumber(row.count) ? row.count : 0,
			})),
		};
	}
	if (layout.table || rows.length === 0) return tableOf(rows);
	if (!layout.time && layout.groups.length === 0 && rows.length === 1) {
		if (layout.values.length === 1) {
			const value = rows[0][layout.values[0]];
			return { shape: 'metric', value: isNumber(value) ? value : null };
		}
		const values = layout.values.map((v) => numberOrNull(rows[0][v]));
		return { shape: 'xy', labels: layout.values, series: [{ name: 'value', values }], analyses: true };
	}
	return xyOf(rows, layout);
}

const numberOrNull = (value: unknown) => (isNumber(value) ? value : null);

/**
 * Interval rows: one x per bucket, one series per group (× label). Grouped rows: one x per group,
 * one series per label.
 */
function xyOf(rows: IDataObject[], layout: RowLayout): XYData {
	const groupName = (row: IDataObject) => layout.groups.map((g) => cellText(row[g])).join(' / ');
	const xKey = layout.time ? (row: IDataObject) => String(row.timeframe_start) : groupName;
	const xIndex = new Map<string, number>();
	const labels: string[] = [];
	const time: Array<{ start: string; end: string }> = [];
	for (const row of rows) {
		const key = xKey(row);
		if (xIndex.has(key)) continue;
		xIndex.set(key, labels.length);
		labels.push(key);
		time.push({ start: String(row.timeframe_start ?? ''), end: String(row.timeframe_end ?? '') });
	}
	const series = new Map<string, Series>();
	for (const row of rows) {
		for (const valueColumn of layout.values) {
			const parts = [layout.time ? groupName(row) : '', layout.values.length > 1 ? valueColumn : ''].filter(Boolean);
			const name = parts.join(' · ') || valueColumn;
			let entry = series.get(name);
			if (!entry) {
				entry = { name, values: new Array<number | null>(labels.length).fill(null) };
				series.set(name, entry);
			}
			entry.values[xIndex.get(xKey(row))!] = numberOrNull(row[valueColumn]);
		}
	}
	return { shape: 'xy', labels, ...(layout.time ? { time } : {}), series: [...series.values()] };
}
