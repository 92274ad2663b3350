/** Plain-text table for the terminal (and the same rows in docs/benchmarks.md). */
export function table(headers: string[], rows: string[][]): string {
	const widths = headers.map((header, c) => Math.max(header.length, ...rows.map((row) => row[c]?.length ?? 0)));
	const line = (cells: string[]) => cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ');
	return [line(headers), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)].join('\n');
}

export function formatInt(value: number | null | undefined): string {
	return value === null || value === undefined ? '–' : Math.round(value).toLocaleString('en');
}
