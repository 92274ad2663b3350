import type { IDataObject } from 'n8n-workflow';
import { isPlainObject } from './json';

/** RFC 4180: a field with a comma, quote or line break is quoted, and its quotes doubled. */
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * Whether a spreadsheet would run this text as a formula (CSV injection, OWASP): it starts with
 * =, +, -, @, a tab or a carriage return.
 */
function looksLikeFormula(text: string): boolean {
	const first = text.charCodeAt(0);
	return first === 61 || first === 43 || first === 45 || first === 64 || first === 9 || first === 13;
}

/**
 * One cell. With `neutralise`, a text that looks like a formula gets a leading single quote, so the
 * spreadsheet shows it as text (also "-5": it was text in Keen, and stays text). Numbers, booleans
 * and JSON (objects, lists) are written as they are.
 */
function cell(value: unknown, neutralise: boolean): string {
	if (value === undefined || value === null) return '';
	let text = typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
	if (neutralise && typeof value === 'string' && looksLikeFormula(text)) text = `'${text}`;
	return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Nested objects become dot-path columns (`keen.timestamp`); lists stay one cell, as JSON. Registers new columns in `columns`. */
function flatten(source: IDataObject, prefix: string, into: Map<string, unknown> | undefined, columns: Map<string, number>): void {
	for (const key in source) {
		const value = source[key];
		const path = prefix === '' ? key : `${prefix}.${key}`;
		if (isPlainObject(value) && Object.keys(value).length > 0) {
			flatten(value, path, into, columns);
			continue;
		}
		if (!columns.has(path)) columns.set(path, columns.size);
		into?.set(path, value);
	}
}

/** Rows joined per chunk, so no array of one string per event is kept for the whole file. */
const ROWS_PER_CHUNK = 10_000;

/**
 * Events as CSV text (RFC 4180, CRLF line ends): one header row of dot-path columns in order of
 * first appearance (or `columns` when given, e.g. the extraction's property names), then one row per event.
 * Two passes (columns, then rows through one reused map) keep the extra memory to the text itself:
 * a map per event cost more than the CSV at 1,000,000 events. Text cells (column names included)
 * that a spreadsheet would run as formulas are neutralised unless `rawFormulas` is set.
 */
export function eventsToCsv(events: IDataObject[], columns?: string[], { rawFormulas = false }: { rawFormulas?: boolean } = {}): string {
	const neutralise = !rawFormulas;
	const order = new Map<string, number>();
	for (const name of columns ?? []) if (!order.has(name)) order.set(name, order.size);
	for (let i = 0; i < events.length; i++) flatten(events[i], '', undefined, order);
	if (order.size === 0) return '';
	const header = [...order.keys()];
	const cells: string[] = new Array(header.length);
	const row = new Map<string, unknown>();
	const chunks: string[] = [`${header.map((name) => cell(name, neutralise)).join(',')}\r\n`];
	let lines: string[] = [];
	for (let i = 0; i < events.length; i++) {
		row.clear();
		flatten(events[i], '', row, order);
		for (let c = 0; c < header.length; c++) cells[c] = cell(row.get(header[c]), neutralise);
		lines.push(cells.join(','));
		if (lines.length === ROWS_PER_CHUNK || i === events.length - 1) {
			chunks.push(`${lines.join('\r\n')}\r\n`);
			lines = [];
		}
	}
	return chunks.join('');
}
