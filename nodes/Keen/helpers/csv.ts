import type { IDataObject } from 'n8n-workflow';
import { isPlainObject } from './json';

/** RFC 4180: a field with a comma, quote or line break is quoted, and its quotes doubled. */
const NEEDS_QUOTES = /[",\r\n]/;

function cell(value: unknown): string {
	if (value === undefined || value === null) return '';
	const text = typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
	return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Nested objects become dot-path columns (`keen.timestamp`); lists stay one cell, as JSON. */
function flatten(source: IDataObject, prefix: string, into: Map<string, unknown>, columns: Map<string, number>): void {
	for (const key in source) {
		const value = source[key];
		const path = prefix === '' ? key : `${prefix}.${key}`;
		if (isPlainObject(value) && Object.keys(value).length > 0) {
			flatten(value, path, into, columns);
			continue;
		}
		if (!columns.has(path)) columns.set(path, columns.size);
		into.set(path, value);
	}
}

/**
 * Events as CSV text (RFC 4180, CRLF line ends): one header row of dot-path columns in order of
 * first appearance (or `columns` when given, e.g. the extraction's property names), then one row per event.
 */
export function eventsToCsv(events: IDataObject[], columns?: string[]): string {
	const order = new Map<string, number>();
	for (const name of columns ?? []) if (!order.has(name)) order.set(name, order.size);
	const flat: Array<Map<string, unknown>> = new Array(events.length);
	for (let i = 0; i < events.length; i++) {
		const row = new Map<string, unknown>();
		flatten(events[i], '', row, order);
		flat[i] = row;
	}
	const header = [...order.keys()];
	const lines: string[] = new Array(events.length + 1);
	lines[0] = header.map(cell).join(',');
	const cells: string[] = new Array(header.length);
	for (let i = 0; i < flat.length; i++) {
		const row = flat[i];
		for (let c = 0; c < header.length; c++) cells[c] = cell(row.get(header[c]));
		lines[i + 1] = cells.join(',');
	}
	return header.length === 0 ? '' : `${lines.join('\r\n')}\r\n`;
}
