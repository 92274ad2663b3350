import { isPlainObject } from './events';

function flatten(object: Record<string, unknown>, prefix: string, out: Map<string, unknown>): void {
	for (const key of Object.keys(object)) {
		const value = object[key];
		if (isPlainObject(value)) flatten(value, `${prefix}${key}.`, out);
		else out.set(prefix + key, value);
	}
}

function cell(value: unknown): string {
	if (value === undefined || value === null) return '';
	const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
	return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Extraction rows as RFC 4180 CSV: one column per flattened dot path (sorted), lists and
 * objects inside lists as JSON, missing values empty — the shape of Keen's CSV export (§7.9).
 */
export function eventsToCsv(events: readonly unknown[]): string {
	const rows = events.map((event) => {
		const flat = new Map<string, unknown>();
		if (isPlainObject(event)) flatten(event, '', flat);
		return flat;
	});
	const columns = [...new Set(rows.flatMap((row) => [...row.keys()]))].sort();
	const lines = [columns.map(cell).join(',')];
	for (const row of rows) lines.push(columns.map((column) => cell(row.get(column))).join(','));
	return lines.join('\r\n') + '\r\n';
}
