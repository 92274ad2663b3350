import { KeenInputError } from '../errors';
import type { ChartData, ChartInput, XYData } from './data';
import { fitText, LINE_HEIGHT, GLYPH_HEIGHT, textWidth } from './font';
import {
	decimalsFor,
	detailFor,
	formatDate,
	formatNumber,
	niceTicks,
	parseTimezone,
	relativeTimeframeLabel,
	timezoneLabel,
	type DateDetail,
	type Timezone,
} from './format';
import type { Scene, Shape } from './scene';

export type ChartKind = 'auto' | 'metric' | 'line' | 'bars' | 'stacked' | 'funnel' | 'table';
export type DrawnKind = Exclude<ChartKind, 'auto'>;

export interface ChartOptions {
	kind: ChartKind;
	width: number;
	height: number;
	theme: 'light' | 'dark';
	/** Empty: the saved query's name, else the analysis. */
	title: string;
	colors: string[];
	/** Dates are shown in this zone; without it, in the result's own (its query's), else UTC. */
	timezone?: Timezone;
}

interface Theme {
	background: string;
	text: string;
	muted: string;
	grid: string;
	axis: string;
}

const THEMES: Record<ChartOptions['theme'], Theme> = {
	light: { background: '#ffffff', text: '#1f2933', muted: '#616e7c', grid: '#e4e7eb', axis: '#9aa5b1' },
	dark: { background: '#16191d', text: '#e6e8eb', muted: '#9aa5b1', grid: '#2c323a', axis: '#5b6775' },
};

/** The default series colours: distinct hues that read on both themes. */
export const DEFAULT_COLORS = ['#2f80ed', '#eb5757', '#27ae60', '#f2994a', '#9b51e0', '#00a3a3', '#d4a72c', '#e05297', '#6b7c93', '#56ccf2'];

const ANALYSIS_NAMES: Record<string, string> = {
	count: 'Count',
	count_unique: 'Count unique',
	minimum: 'Minimum',
	maximum: 'Maximum',
	sum: 'Sum',
	average: 'Average',
	median: 'Median',
	percentile: 'Percentile',
	select_unique: 'Select unique',
	standard_deviation: 'Standard deviation',
	funnel: 'Funnel',
	multi_analysis: 'Multi-analysis',
	extraction: 'Extraction',
};

const KIND_NEEDS: Record<DrawnKind, string> = {
	metric: 'a single number (an analysis without interval or group by)',
	line: 'numbers along an interval or per group',
	bars: 'numbers along an interval or per group',
	stacked: 'numbers along an interval or per group',
	funnel: "a funnel's steps",
	table: 'any result',
};

/** The kind Auto picks for a result's shape, or checks that the asked kind can show it. */
export function resolveKind(data: ChartData, kind: ChartKind): DrawnKind {
	if (kind === 'auto') {
		if (data.shape === 'metric') return 'metric';
		if (data.shape === 'funnel') return 'funnel';
		if (data.shape === 'table') return 'table';
		// Several analyses of one multi-analysis have different units: side by side in a table.
		return data.time ? 'line' : data.analyses ? 'table' : 'bars';
	}
	const fits =
		kind === 'table' ||
		(kind === 'metric' && data.shape === 'metric') ||
		(kind === 'funnel' && data.shape === 'funnel') ||
		((kind === 'line' || kind === 'bars' || kind === 'stacked') && (data.shape === 'xy' || data.shape === 'funnel'));
	if (fits) return kind;
	const found = { metric: 'a single number', xy: 'a series of numbers', funnel: "a funnel's steps", table: 'values that are not numbers' }[data.shape];
	throw new KeenInputError(
		`A ${kind} chart needs ${KIND_NEEDS[kind]}, but this result holds ${found}`,
		'kind',
		"Choose 'Auto' to pick the kind from the result, or 'Table', which shows any result.",
	);
}

/** Everything the drawing functions share. */
interface Frame {
	options: ChartOptions;
	theme: Theme;
	unit: number;
	pad: number;
	zone: Timezone | undefined;
	shapes: Shape[];
	/** y below the header. */
	top: number;
}

/** The chart as shapes, with the kind that was drawn. */
export function buildScene(input: ChartInput, options: ChartOptions): { scene: Scene; kind: DrawnKind } {
	const kind = resolveKind(input.data, options.kind);
	const theme = THEMES[options.theme];
	// Text is a pixel font at integer sizes: size 2 (14 px capitals) on an 800 × 400 chart.
	const unit = Math.max(1, Math.floor(Math.min(options.width, options.height) / 200));
	const zone = options.timezone ?? safeZone(input.context.timezone);
	const frame: Frame = { options, theme, unit, pad: 8 * unit, zone, shapes: [], top: 8 * unit };
	const analysis = input.context.analysis ? ANALYSIS_NAMES[input.context.analysis] ?? input.context.analysis : undefined;
	const title = options.title || input.context.name || analysis || '';
	const subtitle = subtitleOf(input, zone);
	if (kind !== 'metric') header(frame, title, subtitle);

	const data = input.data;
	if (kind === 'metric' && data.shape === 'metric') metric(frame, data.value, title, subtitle);
	else if (kind === 'funnel' && data.shape === 'funnel') funnel(frame, data.steps);
	else if (kind === 'table') table(frame, data);
	else xyChart(frame, kind, data.shape === 'funnel' ? funnelAsXY(data.steps) : (data as XYData));

	const description = [title || 'Keen result', subtitle].filter(Boolean).join(', ');
	return { scene: { width: options.width, height: options.height, background: theme.background, description, shapes: frame.shapes }, kind };
}

/** A result's own timezone, when it is one we can use; an unknown one is left out (UTC). */
function safeZone(value: unknown): Timezone | undefined {
	try {
		return parseTimezone(value, 'timezone');
	} catch {
		return undefined;
	}
}

function subtitleOf(input: ChartInput, zone: Timezone | undefined): string {
	const timeframe = input.context.timeframe;
	let when = '';
	if (typeof timeframe === 'string' && timeframe !== '') when = relativeTimeframeLabel(timeframe);
	else if (timeframe && typeof timeframe === 'object' && 'start' in timeframe) {
		const { start, end } = timeframe as { start: unknown; end: unknown };
		when = `${formatDate(String(start), 'minute', zone, true)} \u2013 ${formatDate(String(end), 'minute', zone, true)}`;
	} else if (input.data.shape === 'xy' && input.data.time?.length) {
		const time = input.data.time;
		when = `${formatDate(time[0].start, 'day', zone, true)} \u2013 ${formatDate(time[time.length - 1].end, 'day', zone, true)}`;
	}
	const hasDates = when !== '' || (input.data.shape === 'xy' && input.data.time);
	return [when, hasDates ? timezoneLabel(zone ?? 'UTC') : ''].filter(Boolean).join(' \u00b7 ');
}

function text(frame: Frame, x: number, y: number, value: string, size: number, fill: string, anchor: 'start' | 'middle' | 'end' = 'start'): void {
	if (value !== '') frame.shapes.push({ type: 'text', x, y, text: value, size, fill, anchor });
}

function header(frame: Frame, title: string, subtitle: string): void {
	const { unit, pad, options, theme } = frame;
	const maxWidth = options.width - 2 * pad;
	if (title) {
		text(frame, pad, frame.top, fitText(title, unit + 1, maxWidth), unit + 1, theme.text);
		frame.top += LINE_HEIGHT * (unit + 1);
	}
	if (subtitle) {
		text(frame, pad, frame.top, fitText(subtitle, unit, maxWidth), unit, theme.muted);
		frame.top += LINE_HEIGHT * unit;
	}
	if (title || subtitle) frame.top += 2 * unit;
}

const colorOf = (frame: Frame, index: number) => frame.options.colors[index % frame.options.colors.length];

/** Colour keys of several series, in at most two rows; what does not fit is counted ('+3 more'). */
function legend(frame: Frame, names: string[]): void {
	const { unit, pad, options, theme } = frame;
	const swatch = GLYPH_HEIGHT * unit;
	const gap = 3 * unit;
	const right = options.width - pad;
	let x = pad;
	let row = 0;
	for (let i = 0; i < names.length; i++) {
		const label = fitText(names[i], unit, right - pad - swatch - gap);
		const width = swatch + gap + textWidth(label, unit);
		const rest = names.length - i - 1;
		if (x > pad && x + width > right) {
			row++;
			x = pad;
		}
		const y = frame.top + row * LINE_HEIGHT * unit;
		const more = (count: number) => `+${count} more`;
		if (row === 1 && rest > 0 && x + width + 3 * gap + textWidth(more(rest), unit) > right) {
			text(frame, x, y, more(rest + 1), unit, theme.muted);
			break;
		}
		frame.shapes.push({ type: 'rect', x, y, w: swatch, h: swatch, fill: colorOf(frame, i) });
		text(frame, x + swatch + gap, y, label, unit, theme.text);
		x += width + 3 * gap;
	}
	frame.top += (row + 1) * LINE_HEIGHT * unit + 2 * unit;
}

/** One big number, its title above and its timeframe below, centred. */
function metric(frame: Frame, value: number | null, title: string, subtitle: string): void {
	const { unit, pad, options, theme } = frame;
	const shown = value === null ? '\u2013' : formatNumber(value);
	const labelSize = unit + 1;
	const titleHeight = title ? LINE_HEIGHT * labelSize + 2 * unit : 0;
	const subtitleHeight = subtitle ? 4 * unit + LINE_HEIGHT * unit : 0;
	const room = options.height - 2 * pad - titleHeight - subtitleHeight;
	const size = Math.max(1, Math.min(Math.floor((0.8 * (options.width - 2 * pad)) / (textWidth(shown, 1) + 1)), Math.floor((room * 0.6) / GLYPH_HEIGHT)));
	// The number's block includes the descender rows of its commas.
	const numberHeight = (LINE_HEIGHT - 1) * size;
	let y = Math.round((options.height - titleHeight - numberHeight - subtitleHeight) / 2);
	const middle = options.width / 2;
	if (title) {
		text(frame, middle, y, fitText(title, labelSize, options.width - 2 * pad), labelSize, theme.muted, 'middle');
		y += titleHeight;
	}
	text(frame, middle, y, shown, size, colorOf(frame, 0), 'middle');
	y += numberHeight + 4 * unit;
	if (subtitle) text(frame, middle, y, fitText(subtitle, unit, options.width - 2 * pad), unit, theme.muted, 'middle');
}

function funnelAsXY(steps: Array<{ label: string; count: number }>): XYData {
	return { shape: 'xy', labels: steps.map((s) => s.label), series: [{ name: 'count', values: steps.map((s) => s.count) }] };
}

const percent = (part: number, whole: number) => (whole > 0 ? `${formatNumber((100 * part) / whole, 1)}%` : '\u2013');

/** One row per step: its name, a bar as long as its count, the count and its conversion. */
function funnel(frame: Frame, steps: Array<{ label: string; count: number }>): void {
	const { unit, pad, options, theme } = frame;
	if (steps.length === 0) return noData(frame);
	const first = steps[0].count;
	const largest = Math.max(1, ...steps.map((s) => s.count));
	const notes = steps.map((step, i) => {
		// ' · ' rather than spaces: SVG collapses runs of spaces.
		const total = `${formatNumber(step.count)} \u00b7 ${percent(step.count, first)}`;
		if (i === 0) return total;
		return i === 1 ? `${total} of step 1` : `${total} of step 1, ${percent(step.count, steps[i - 1].count)} of step ${i}`;
	});
	const rowHeight = Math.min(Math.floor((options.height - pad - frame.top) / steps.length), 40 * unit);
	const barHeight = Math.max(unit, rowHeight - LINE_HEIGHT * unit - 4 * unit);
	const barRoom = options.width - 2 * pad;
	steps.forEach((step, i) => {
		const y = frame.top + i * rowHeight;
		const label = `${i + 1}. ${step.label}`;
		text(frame, pad, y, fitText(label, unit, barRoom), unit, theme.text);
		const barY = y + LINE_HEIGHT * unit;
		const width = Math.max(unit, (barRoom * Math.max(0, step.count)) / largest);
		frame.shapes.push({ type: 'rect', x: pad, y: barY, w: barRoom, h: barHeight, fill: theme.grid });
		frame.shapes.push({ type: 'rect', x: pad, y: barY, w: width, h: barHeight, fill: colorOf(frame, 0) });
		// The count and conversion sit inside the bar when it is wide enough, else after it.
		const note = fitText(notes[i], unit, barRoom - 4 * unit);
		const noteY = barY + (barHeight - GLYPH_HEIGHT * unit) / 2;
		const inside = textWidth(note, unit) + 4 * unit <= width;
		const x = inside ? pad + 2 * unit : Math.min(pad + width + 2 * unit, options.width - pad - textWidth(note, unit));
		text(frame, x, noteY, note, unit, inside ? '#ffffff' : theme.text);
	});
}

function noData(frame: Frame): void {
	const { unit, options, theme } = frame;
	text(frame, options.width / 2, (frame.top + options.height) / 2 - GLYPH_HEIGHT * unit, 'No data', unit + 1, theme.muted, 'middle');
}

/** Column names and cells of any result, for the table. */
function tableRows(frame: Frame, data: ChartData): { columns: string[]; rows: unknown[][] } {
	if (data.shape === 'table') return data;
	if (data.shape === 'metric') return { columns: ['value'], rows: [[data.value]] };
	if (data.shape === 'funnel') {
		const first = data.steps[0]?.count ?? 0;
		return { columns: ['step', 'count', 'of step 1'], rows: data.steps.map((s, i) => [`${i + 1}. ${s.label}`, s.count, percent(s.count, first)]) };
	}
	const detail = data.time ? detailOf(data) : 'day';
	const x = data.time ? data.time.map((t) => formatDate(t.start, detail, frame.zone, detail === 'day')) : data.labels;
	const first = data.time ? 'timeframe' : data.analyses ? 'analysis' : 'group';
	if (data.analyses) return { columns: [first, 'value'], rows: x.map((label, i) => [label, data.series[0].values[i]]) };
	return { columns: [first, ...data.series.map((s) => s.name)], rows: x.map((label, i) => [label, ...data.series.map((s) => s.values[i])]) };
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

function cellText(frame: Frame, value: unknown): string {
	if (typeof value === 'number') return formatNumber(value);
	if (value === null || value === undefined) return '';
	if (typeof value === 'string') return ISO_DATE.test(value) ? formatDate(value, 'minute', frame.zone, true) : value;
	return JSON.stringify(value);
}

/** Rows as they fit; numbers right-aligned with separators, dates in the result's timezone. */
function table(frame: Frame, data: ChartData): void {
	const { unit, pad, options, theme } = frame;
	const { columns, rows } = tableRows(frame, data);
	if (rows.length === 0) return noData(frame);
	const cells = rows.map((row) => row.map((value) => cellText(frame, value)));
	const rowHeight = LINE_HEIGHT * unit + 4 * unit;
	const footer = LINE_HEIGHT * unit;
	let fitting = Math.min(rows.length, Math.floor((options.height - pad - frame.top - rowHeight) / rowHeight));
	if (fitting < rows.length) fitting = Math.max(0, Math.floor((options.height - pad - frame.top - rowHeight - footer) / rowHeight));
	const gap = 6 * unit;
	const room = options.width - 2 * pad - gap * (columns.length - 1);
	const wanted = columns.map((column, c) =>
		Math.max(textWidth(column, unit), ...cells.slice(0, fitting).map((row) => textWidth(row[c] ?? '', unit))),
	);
	const total = wanted.reduce((a, b) => a + b, 0);
	const widths = total <= room ? wanted : wanted.map((w) => Math.max(unit * 6, Math.floor((w * room) / total)));
	const numeric = columns.map((_, c) => rows.every((row) => typeof row[c] === 'number' || row[c] === null || row[c] === undefined));
	const draw = (y: number, values: string[], fill: string) => {
		let x = pad;
		values.forEach((value, c) => {
			const shown = fitText(value, unit, widths[c]);
			text(frame, numeric[c] ? x + widths[c] : x, y + 2 * unit, shown, unit, fill, numeric[c] ? 'end' : 'start');
			x += widths[c] + gap;
		});
	};
	frame.shapes.push({ type: 'rect', x: pad - 2 * unit, y: frame.top, w: options.width - 2 * pad + 4 * unit, h: rowHeight, fill: theme.grid });
	draw(frame.top, columns, theme.text);
	for (let r = 0; r < fitting; r++) {
		const y = frame.top + (r + 1) * rowHeight;
		draw(y, cells[r], theme.text);
		frame.shapes.push({ type: 'rect', x: pad - 2 * unit, y: y + rowHeight - 1, w: options.width - 2 * pad + 4 * unit, h: 1, fill: theme.grid });
	}
	if (fitting < rows.length) {
		const y = frame.top + (fitting + 1) * rowHeight + unit;
		text(frame, pad, y, `\u2026 and ${formatNumber(rows.length - fitting)} more rows`, unit, theme.muted);
	}
}

function detailOf(data: XYData) {
	const time = data.time ?? [];
	const bucket = time.length ? Date.parse(time[0].end) - Date.parse(time[0].start) : NaN;
	return Number.isFinite(bucket) ? detailFor(bucket) : 'day';
}

/**
 * At most a few points per pixel column are drawn: each column keeps its first, lowest, highest
 * and last value, so a 10,000-point line looks the same with a fraction of the segments.
 */
function thinned(points: number[], columns: number): number[] {
	if (points.length / 2 <= columns * 4) return points;
	const out: number[] = [];
	let i = 0;
	while (i < points.length) {
		const column = Math.floor(points[i]);
		let j = i;
		let low = i;
		let high = i;
		while (j < points.length && Math.floor(points[j]) === column) {
			if (points[j + 1] < points[low + 1]) low = j;
			if (points[j + 1] > points[high + 1]) high = j;
			j += 2;
		}
		const last = j - 2;
		for (const k of [...new Set([i, Math.min(low, high), Math.max(low, high), last])]) out.push(points[k], points[k + 1]);
		i = j;
	}
	return out;
}

/** Line, grouped bars or stacked bars over an interval's buckets or a group_by's groups. */
function xyChart(frame: Frame, kind: DrawnKind, data: XYData): void {
	const { unit, pad, options, theme } = frame;
	if (data.labels.length === 0 || data.series.length === 0) return noData(frame);
	// A key for several series, or for a single named one (one group of a group by).
	if (data.series.length > 1 || data.series[0].name !== 'value') legend(frame, data.series.map((s) => s.name));
	const n = data.labels.length;
	let low = 0;
	let high = 0;
	for (let i = 0; i < n; i++) {
		let up = 0;
		let down = 0;
		for (const series of data.series) {
			const value = series.values[i] ?? 0;
			if (kind === 'stacked') {
				if (value > 0) up += value;
				else down += value;
			} else {
				up = Math.max(up, value);
				down = Math.min(down, value);
			}
		}
		high = Math.max(high, up);
		low = Math.min(low, down);
	}
	const top = frame.top + 4 * unit;
	const bottom = options.height - pad - LINE_HEIGHT * unit - 2 * unit;
	const { ticks, step } = niceTicks(low, high, Math.max(2, Math.floor((bottom - top) / (22 * unit))));
	const decimals = decimalsFor(step);
	const tickLabels = ticks.map((t) => formatNumber(t, decimals));
	const left = pad + tickLabels.reduce((widest, t) => Math.max(widest, textWidth(t, unit)), 0) + 3 * unit;
	const right = options.width - pad;
	const [min, max] = [ticks[0], ticks[ticks.length - 1]];
	const y = (value: number) => bottom - ((value - min) / (max - min)) * (bottom - top);
	ticks.forEach((tick, i) => {
		const at = Math.round(y(tick));
		frame.shapes.push({ type: 'rect', x: left, y: at, w: right - left, h: 1, fill: tick === 0 ? theme.axis : theme.grid });
		text(frame, left - 3 * unit, at - (GLYPH_HEIGHT * unit) / 2, tickLabels[i], unit, theme.muted, 'end');
	});

	const slot = (right - left) / n;
	const x = (i: number) => left + (i + 0.5) * slot;
	xLabels(frame, data, x, slot, bottom + 2 * unit);

	if (kind === 'line') {
		const width = Math.max(1.5, unit);
		const dots = n <= (right - left) / (10 * unit);
		data.series.forEach((series, s) => {
			const color = colorOf(frame, s);
			let run: number[] = [];
			const flush = () => {
				if (run.length >= 4) frame.shapes.push({ type: 'line', points: thinned(run, right - left), stroke: color, width });
				else if (run.length === 2 && !dots) frame.shapes.push({ type: 'circle', cx: run[0], cy: run[1], r: width, fill: color });
				run = [];
			};
			series.values.forEach((value, i) => {
				if (value === null) return flush();
				run.push(x(i), y(value));
				if (dots) frame.shapes.push({ type: 'circle', cx: x(i), cy: y(value), r: 1.5 * unit + 0.5, fill: color });
			});
			flush();
		});
		return;
	}
	const groupWidth = slot * 0.8;
	const zero = y(0);
	for (let i = 0; i < n; i++) {
		let up = 0;
		let down = 0;
		data.series.forEach((series, s) => {
			const value = series.values[i];
			if (value === null || value === 0) return;
			let from: number;
			let to: number;
			let barX = x(i) - groupWidth / 2;
			let barWidth = groupWidth;
			if (kind === 'stacked') {
				const base = value > 0 ? up : down;
				from = y(base);
				to = y(base + value);
				if (value > 0) up += value;
				else down += value;
			} else {
				barWidth = groupWidth / data.series.length;
				barX += s * barWidth;
				from = zero;
				to = y(value);
			}
			// Neighbouring bars keep a pixel of space when there is room for it.
			const inset = barWidth > 4 ? 1 : 0;
			frame.shapes.push({ type: 'rect', x: barX, y: Math.min(from, to), w: Math.max(1, barWidth - inset), h: Math.max(1, Math.abs(to - from)), fill: colorOf(frame, s) });
		});
	}
}

/** x labels that do not overlap: every k-th one, each cut to the room it has. */
function xLabels(frame: Frame, data: XYData, x: (i: number) => number, slot: number, top: number): void {
	const { unit, pad, options, theme } = frame;
	const n = data.labels.length;
	const gap = 8 * unit;
	const widestOf = (label: (i: number) => string) => {
		let widest = 0;
		for (let i = 0; i < n; i += Math.max(1, Math.floor(n / 50))) widest = Math.max(widest, textWidth(label(i), unit));
		return widest;
	};
	let label = (i: number) => data.labels[i];
	// Group names may be cut short ('Côte d…'); dates are never cut, so fewer of them are shown.
	let every = Math.max(1, Math.ceil((Math.min(widestOf(label), textWidth('abcdef', unit)) + gap) / slot));
	if (data.time) {
		const time = data.time;
		const bucket = Date.parse(time[0].end) - Date.parse(time[0].start);
		const byDetail = (detail: DateDetail) => (i: number) => formatDate(time[i].start, detail, frame.zone);
		every = Math.max(1, Math.ceil((widestOf(byDetail(detailOf(data))) + gap) / slot));
		// Labels a day or more apart do not need the hour.
		const detail = Number.isFinite(bucket) ? detailFor(Math.max(bucket, every * bucket)) : 'day';
		label = byDetail(detail);
		every = Math.max(1, Math.ceil((widestOf(label) + gap) / slot));
	}
	for (let i = 0; i < n; i += every) {
		const shown = fitText(label(i), unit, every * slot - gap / 2);
		const width = textWidth(shown, unit);
		const centre = Math.min(Math.max(x(i), pad + width / 2), options.width - pad - width / 2);
		text(frame, centre, top, shown, unit, theme.muted, 'middle');
	}
}
