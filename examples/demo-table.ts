/** Nested objects become dot-path columns; lists and other values become short text. */
function flatten(value: Record<string, unknown>, prefix = '', into: Record<string, string> = {}): Record<string, string> {
	for (const [key, inner] of Object.entries(value)) {
		const path = prefix ? `${prefix}.${key}` : key;
		if (typeof inner === 'object' && inner !== null && !Array.isArray(inner)) flatten(inner as Record<string, unknown>, path, into);
		else into[path] = typeof inner === 'string' ? inner : JSON.stringify(inner) ?? '';
	}
	return into;
}

function clip(text: string, width: number): string {
	return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}

export interface TableOptions {
	/** Columns to show, in order; default: every column in order of first appearance. */
	columns?: string[];
	maxRows?: number;
	maxWidth?: number;
}

/** Rows of objects as a plain-text table, e.g. for the demo's terminal output. */
export function formatTable(rows: Array<Record<string, unknown>>, options: TableOptions = {}): string {
	if (rows.length === 0) return '  (no rows)';
	const maxRows = options.maxRows ?? 12;
	const maxWidth = options.maxWidth ?? 32;
	const flat = rows.slice(0, maxRows).map((row) => flatten(row));
	const columns = options.columns ?? [...new Set(flat.flatMap((row) => Object.keys(row)))];
	const cells = flat.map((row) => columns.map((column) => clip(row[column] ?? '', maxWidth)));
	const widths = columns.map((column, index) => Math.max(clip(column, maxWidth).length, ...cells.map((row) => row[index].length)));
	const line = (values: string[]) => `  ${values.map((value, index) => value.padEnd(widths[index])).join(' │ ')}`.trimEnd();
	const lines = [line(columns.map((column) => clip(column, maxWidth))), `  ${widths.map((width) => '─'.repeat(width)).join('─┼─')}`, ...cells.map(line)];
	if (rows.length > maxRows) lines.push(`  … and ${rows.length - maxRows} more rows`);
	return lines.join('\n');
}
