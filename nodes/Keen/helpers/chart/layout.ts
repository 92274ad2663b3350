import { KeenInputError } from '../errors';
import type { ChartData, ChartInput, XYData } from './data';
import { ASCENDER, CAP, DESCENDER, fitText, LINE_SPACING, textWidth, wrapText } from './font';
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
import type { Scene, Shape, TextRole } from './scene';

export type ChartKind = 'auto' | 'metric' | 'line' | 'bars' | 'stacked' | 'funnel' | 'table';
export type DrawnKind = Exclude<ChartKind, 'auto'>;

export interface ChartOptions {
	kind: ChartKind;
	width: number;
	height: number;
	theme: 'light' | 'dark' | 'keen';
	/** Empty: the saved query's name, else the analysis. */
	title: string;
	colors: string[];
	/** Dates are shown in this zone; without it, in the result's own (its query's), else UTC. */
	timezone?: Timezone;
	/** Device pixels per layout pixel (2: a sharp image on high-density screens); default 1. */
	scale?: number;
	/** Numbers in this locale's style ('de-DE' → 1.234,5); default 1,234.5. */
	locale?: string;
}

interface Theme {
	background: string;
	text: string;
	muted: string;
	grid: string;
	axis: string;
	/** Share of a category's slot its bars take. */
	barShare: number;
	/** The metric sits on a tile of the first series colour (keen-dataviz's metric). */
	metricTile: boolean;
	/** Stroke width of lines and radius of their points, in layout pixels at body size 12. */
	stroke: number;
	point: number;
	/** Table rows alternate with this band colour. */
	band: string;
	palette: string[];
}

/** The default series colours: distinct hues that read on both themes. */
export const DEFAULT_COLORS = ['#2f80ed', '#eb5757', '#27ae60', '#f2994a', '#9b51e0', '#00a3a3', '#d4a72c', '#e05297', '#6b7c93', '#56ccf2'];

/** keen-dataviz's series colours, in its order (teal, red, yellow, purple, orange, mint, blue, green, lavender, …). */
export const KEEN_COLORS = ['#00bbde', '#fe6672', '#eeb058', '#8a8ad6', '#ff855c', '#00cfbb', '#5a9eed', '#73d483', '#c879bb', '#0099b6'];

const THEMES: Record<ChartOptions['theme'], Theme> = {
	light: { background: '#ffffff', text: '#1f2933', muted: '#616e7c', grid: '#e4e7eb', axis: '#9aa5b1', barShare: 0.8, metricTile: false, stroke: 2, point: 3, band: '#f5f7fa', palette: DEFAULT_COLORS },
	dark: { background: '#16191d', text: '#e6e8eb', muted: '#9aa5b1', grid: '#2c323a', axis: '#5b6775', barShare: 0.8, metricTile: false, stroke: 2, point: 3, band: '#1d2126', palette: DEFAULT_COLORS },
	// keen-dataviz on C3: grey type, faint grid, slimmer bars with wider gaps, thin lines, a coloured metric tile.
	keen: { background: '#ffffff', text: '#4d4d4d', muted: '#8c8c8c', grid: '#f0f0f0', axis: '#d9d9d9', barShare: 0.6, metricTile: true, stroke: 1.5, point: 2.5, band: '#f7f7f7', palette: KEEN_COLORS },
};

/** The series colours a theme uses when none are chosen. */
export function paletteOf(theme: ChartOptions['theme']): string[] {
	return THEMES[theme].palette;
}

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
	colors: string[];
	/** Body text size in pixels per em; the other sizes and spacings follow it. */
	em: number;
	pad: number;
	zone: Timezone | undefined;
	shapes: Shape[];
	/** y below the header. */
	top: number;
}

/** The chart as shapes, with the kind that was drawn. */
export function buildScene(input: ChartInput, options: ChartOptions): { scene: Scene; kind: DrawnKind } {
	const kind = resolveKind(input.data, options.kind);
	const theme = THEMES[options.theme] ?? THEMES.light;
	// 12 px body text on an 800 × 400 chart, in proportion elsewhere, never below 9 px.
	const em = Math.max(9, Math.min(40, 12 * Math.min(options.width / 800, options.height / 400)));
	const pad = Math.round(1.25 * em);
	const zone = options.timezone ?? safeZone(input.context.timezone);
	const colors = options.colors.length ? options.colors : theme.palette;
	const frame: Frame = { options, theme, colors, em, pad, zone, shapes: [], top: pad };
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
	const scale = options.scale ?? 1;
	return { scene: { width: options.width, height: options.height, scale, background: theme.background, description, shapes: frame.shapes }, kind };
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

function text(frame: Frame, x: number, y: number, value: string, size: number, fill: string, anchor: 'start' | 'middle' | 'end', role: TextRole, rotate?: number): void {
	if (value !== '') frame.shapes.push({ type: 'text', x, y, text: value, size, fill, anchor, role, ...(rotate ? { rotate } : {}) });
}

/** The baseline of a line of text at `size` whose line box starts at `top`. */
const baseline = (top: number, size: number) => top + size * ((LINE_SPACING - ASCENDER - DESCENDER) / 2 + ASCENDER);

const number = (frame: Frame, value: number, decimals?: number) => formatNumber(value, decimals, frame.options.locale);

/** The title (wrapped to two lines, then cut) and the subtitle, left-aligned. */
function header(frame: Frame, title: string, subtitle: string): void {
	const { em, pad, options, theme } = frame;
	const maxWidth = options.width - 2 * pad;
	const titleSize = 1.4 * em;
	for (const line of title ? wrapText(title, titleSize, maxWidth, 2) : []) {
		text(frame, pad, baseline(frame.top, titleSize), line, titleSize, theme.text, 'start', 'title');
		frame.top += LINE_SPACING * titleSize;
	}
	if (subtitle) {
		text(frame, pad, baseline(frame.top, em), fitText(subtitle, em, maxWidth), em, theme.muted, 'start', 'subtitle');
		frame.top += LINE_SPACING * em;
	}
	if (title || subtitle) frame.top += 0.6 * em;
}

const colorOf = (frame: Frame, index: number) => frame.colors[index % frame.colors.length];

/**
 * Colour keys of several series between the header and the plot (never over the data), in at
 * most two rows; what does not fit is counted ('+3 more').
 */
function legend(frame: Frame, names: string[]): void {
	const { em, pad, options, theme } = frame;
	const swatch = 0.8 * em;
	const gap = 0.45 * em;
	const spacing = 1.4 * em;
	const right = options.width - pad;
	let x = pad;
	let row = 0;
	for (let i = 0; i < names.length; i++) {
		const label = fitText(names[i], em, right - pad - swatch - gap);
		const width = swatch + gap + textWidth(label, em);
		const rest = names.length - i - 1;
		if (x > pad && x + width > right) {
			row++;
			x = pad;
		}
		const top = frame.top + row * LINE_SPACING * em;
		const more = (count: number) => `+${count} more`;
		if (row === 1 && rest > 0 && x + width + spacing + textWidth(more(rest), em) > right) {
			text(frame, x, baseline(top, em), more(rest + 1), em, theme.muted, 'start', 'legend');
			break;
		}
		const line = baseline(top, em);
		frame.shapes.push({ type: 'rect', x, y: line - CAP * em + (CAP * em - swatch) / 2, w: swatch, h: swatch, fill: colorOf(frame, i) });
		text(frame, x + swatch + gap, line, label, em, theme.text, 'start', 'legend');
		x += width + spacing;
	}
	frame.top += (row + 1) * LINE_SPACING * em + 0.4 * em;
}

/** One big number, its title above and its timeframe below, centred; on a coloured tile in the Keen theme. */
function metric(frame: Frame, value: number | null, title: string, subtitle: string): void {
	const { em, pad, options, theme } = frame;
	const shown = value === null ? '\u2013' : number(frame, value);
	const labelSize = 1.4 * em;
	const tile = theme.metricTile;
	if (tile) frame.shapes.push({ type: 'rect', x: pad, y: pad, w: options.width - 2 * pad, h: options.height - 2 * pad, fill: colorOf(frame, 0) });
	const inner = options.width - 2 * pad - (tile ? 2 * em : 0);
	const titleHeight = title ? LINE_SPACING * labelSize + em : 0;
	const subtitleHeight = subtitle ? LINE_SPACING * em + em : 0;
	const room = options.height - 2 * pad - titleHeight - subtitleHeight - (tile ? 2 * em : 0);
	// As large as fits: 85% of the width, and capitals at most 60% of the height left.
	const size = Math.max(em, Math.min((0.85 * inner) / Math.max(1e-6, textWidth(shown, 1)), (0.6 * room) / CAP));
	const numberHeight = (CAP + 0.25) * size;
	let y = (options.height - titleHeight - numberHeight - subtitleHeight) / 2;
	const middle = options.width / 2;
	const [strong, soft] = tile ? ['#ffffff', '#ffffff'] : [colorOf(frame, 0), theme.muted];
	if (title) {
		text(frame, middle, baseline(y, labelSize), fitText(title, labelSize, inner), labelSize, tile ? '#ffffff' : theme.text, 'middle', 'title');
		y += titleHeight;
	}
	text(frame, middle, y + CAP * size, shown, size, strong, 'middle', 'value');
	y += numberHeight + em;
	if (subtitle) text(frame, middle, baseline(y, em), fitText(subtitle, em, inner), em, soft, 'middle', 'subtitle');
}

function funnelAsXY(steps: Array<{ label: string; count: number }>): XYData {
	return { shape: 'xy', labels: steps.map((s) => s.label), series: [{ name: 'count', values: steps.map((s) => s.count) }] };
}

const percent = (frame: Frame, part: number, whole: number) => (whole > 0 ? `${number(frame, (100 * part) / whole, 1)}%` : '\u2013');

/** One row per step: its name, a bar as long as its count, the count and its conversion. */
function funnel(frame: Frame, steps: Array<{ label: string; count: number }>): void {
	const { em, pad, options, theme } = frame;
	if (steps.length === 0) return noData(frame);
	const first = steps[0].count;
	const largest = Math.max(1, ...steps.map((s) => s.count));
	const notes = steps.map((step, i) => {
		const total = `${number(frame, step.count)} \u00b7 ${percent(frame, step.count, first)}`;
		if (i === 0) return total;
		return i === 1 ? `${total} of step 1` : `${total} of step 1, ${percent(frame, step.count, steps[i - 1].count)} of step ${i}`;
	});
	const rowHeight = Math.min((options.height - pad - frame.top) / steps.length, 7 * em);
	const labelHeight = LINE_SPACING * em;
	const barHeight = Math.max(2, rowHeight - labelHeight - 0.8 * em);
	const barRoom = options.width - 2 * pad;
	steps.forEach((step, i) => {
		const y = frame.top + i * rowHeight;
		text(frame, pad, baseline(y, em), fitText(`${i + 1}. ${step.label}`, em, barRoom), em, theme.text, 'start', 'x-label');
		const barY = y + labelHeight;
		const width = Math.max(2, (barRoom * Math.max(0, step.count)) / largest);
		frame.shapes.push({ type: 'rect', x: pad, y: barY, w: barRoom, h: barHeight, fill: theme.grid });
		frame.shapes.push({ type: 'rect', x: pad, y: barY, w: width, h: barHeight, fill: colorOf(frame, 0) });
		// The count and conversion sit inside the bar when it is wide enough, else after it.
		const note = fitText(notes[i], em, barRoom - em);
		const noteY = barY + barHeight / 2 + (CAP * em) / 2;
		const inside = textWidth(note, em) + em <= width;
		const x = inside ? pad + 0.5 * em : Math.min(pad + width + 0.5 * em, options.width - pad - textWidth(note, em));
		text(frame, x, noteY, note, em, inside ? '#ffffff' : theme.text, 'start', 'value');
	});
}

function noData(frame: Frame): void {
	const { em, options, theme } = frame;
	text(frame, options.width / 2, (frame.top + options.height) / 2, 'No data', 1.4 * em, theme.muted, 'middle', 'note');
}

/** Column names and cells of any result, for the table. */
function tableRows(frame: Frame, data: ChartData): { columns: string[]; rows: unknown[][] } {
	if (data.shape === 'table') return data;
	if (data.shape === 'metric') return { columns: ['value'], rows: [[data.value]] };
	if (data.shape === 'funnel') {
		const first = data.steps[0]?.count ?? 0;
		return { columns: ['step', 'count', 'of step 1'], rows: data.steps.map((s, i) => [`${i + 1}. ${s.label}`, s.count, percent(frame, s.count, first)]) };
	}
	const detail = data.time ? detailOf(data) : 'day';
	const x = data.time ? data.time.map((t) => formatDate(t.start, detail, frame.zone, detail === 'day')) : data.labels;
	const first = data.time ? 'timeframe' : data.analyses ? 'analysis' : 'group';
	if (data.analyses) return { columns: [first, 'value'], rows: x.map((label, i) => [label, data.series[0].values[i]]) };
	return { columns: [first, ...data.series.map((s) => s.name)], rows: x.map((label, i) => [label, ...data.series.map((s) => s.values[i])]) };
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

function cellText(frame: Frame, value: unknown): string {
	if (typeof value === 'number') return number(frame, value);
	if (value === null || value === undefined) return '';
	if (typeof value === 'string') return ISO_DATE.test(value) ? formatDate(value, 'minute', frame.zone, true) : value;
	return JSON.stringify(value);
}

/**
 * A table sized to its content: columns as wide as their widest cell, text up to 1.3× larger
 * (never above the title) when few rows leave room, long tables split into side-by-side blocks
 * when the width allows; what still does not fit is counted below. Numbers right-aligned, dates in the result's timezone.
 */
function table(frame: Frame, data: ChartData): void {
	const { em, pad, options, theme } = frame;
	const { columns, rows } = tableRows(frame, data);
	if (rows.length === 0) return noData(frame);
	const cells = rows.map((row) => row.map((value) => cellText(frame, value)));
	const numeric = columns.map((_, c) => rows.every((row) => typeof row[c] === 'number' || row[c] === null || row[c] === undefined));
	const roomWidth = options.width - 2 * pad;
	const roomHeight = options.height - pad - frame.top;
	// Widths at size 1; a column takes at most half the room.
	const natural = columns.map((column, c) => Math.max(textWidth(column, 1), ...cells.map((row) => textWidth(row[c] ?? '', 1))));
	const gapPerEm = 1.6;
	const naturalWidth = (size: number) => natural.reduce((sum, w) => sum + Math.min(w * size, roomWidth / 2), 0) + gapPerEm * size * columns.length;
	let rowPerEm = 2;
	const blockGap = 2 * em;
	let size = em;
	let blocks = 1;
	let perBlock = rows.length;
	const footer = LINE_SPACING * em;
	const fits = (count: number, s: number) => (count + 1) * rowPerEm * s <= roomHeight;
	if (fits(rows.length, em)) {
		// Larger text while the rows still fit in height and the columns in width.
		size = Math.min(1.3 * em, roomHeight / ((rows.length + 1) * rowPerEm), (em * roomWidth) / naturalWidth(em));
		size = Math.max(em, size);
	} else {
		// Long tables: tighter rows, then blocks side by side.
		rowPerEm = 1.7;
		const rowsPerBlock = Math.max(1, Math.floor((roomHeight - footer) / (rowPerEm * em)) - 1);
		const fitBlocks = Math.max(1, Math.floor((roomWidth + blockGap) / (naturalWidth(em) + blockGap)));
		blocks = Math.min(fitBlocks, Math.ceil(rows.length / rowsPerBlock));
		perBlock = Math.min(rowsPerBlock, Math.ceil(rows.length / blocks));
	}
	const shown = Math.min(rows.length, perBlock * blocks);
	// Rows of a table that fits open up (to 1.3× their height) when there is room below.
	const rowHeight = shown < rows.length ? rowPerEm * size : Math.max(rowPerEm * size, Math.min(1.3 * rowPerEm * size, roomHeight / (perBlock + 1)));
	const room = (roomWidth - blockGap * (blocks - 1)) / blocks;
	// Each column gets its content's width (squeezed in proportion when the room is short) and an
	// equal share of the room left, so the table spans its block like a dashboard's table panel.
	const wanted = natural.map((w) => Math.min(w * size, room / 2));
	const content = wanted.reduce((a, b) => a + b, 0);
	const inset = 0.8 * size;
	const gap = gapPerEm * size;
	const free = room - 2 * inset - gap * (columns.length - 1);
	const squeeze = Math.min(1, free / content);
	const widths = wanted.map((w) => w * squeeze + Math.max(0, free - content) / columns.length);
	const blockWidth = room;
	const draw = (left: number, y: number, values: string[], fill: string, role: TextRole) => {
		let x = left + inset;
		values.forEach((value, c) => {
			const cell = fitText(value, size, widths[c]);
			text(frame, numeric[c] ? x + widths[c] : x, baseline(y + (rowHeight - LINE_SPACING * size) / 2, size), cell, size, fill, numeric[c] ? 'end' : 'start', role);
			x += widths[c] + gap;
		});
	};
	for (let b = 0; b < blocks; b++) {
		const left = pad + b * (blockWidth + blockGap);
		frame.shapes.push({ type: 'rect', x: left, y: frame.top, w: blockWidth, h: rowHeight, fill: theme.grid });
		draw(left, frame.top, columns, theme.text, 'cell');
		for (let r = b * perBlock; r < Math.min(shown, (b + 1) * perBlock); r++) {
			const y = frame.top + (r - b * perBlock + 1) * rowHeight;
			if ((r - b * perBlock) % 2 === 1) frame.shapes.push({ type: 'rect', x: left, y, w: blockWidth, h: rowHeight, fill: theme.band });
			draw(left, y, cells[r], theme.text, 'cell');
		}
	}
	if (shown < rows.length) {
		const y = frame.top + (perBlock + 1) * rowHeight + 0.3 * em;
		text(frame, pad, baseline(y, em), `\u2026 and ${number(frame, rows.length - shown)} more rows`, em, theme.muted, 'start', 'note');
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

/** One x-axis label as drawn: the bucket or group it names, its text, and its turn. */
interface XLabel {
	index: number;
	text: string;
	x: number;
}

interface XLabelPlan {
	labels: XLabel[];
	/** Degrees: 0, or -45 when the labels are turned to fit. */
	rotate: number;
	/** Height the labels take below the plot. */
	height: number;
	/** Numbered groups' full names, below the numbers: text, x and row. */
	key?: Array<{ text: string; x: number; row: number }>;
}

const SIN45 = Math.SQRT1_2;

/**
 * x labels that never overlap. Dates are never cut: every k-th is shown, with as little detail as
 * tells them apart. Group names are shown level when all fit; else turned 45° (cut to a third of
 * the chart's height), and when even turned they are too close, every k-th of them; a few groups
 * whose names are cut even turned are numbered, with a key. Level labels that would still touch
 * (an end label pushed inside the image) are dropped.
 */
function planXLabels(frame: Frame, data: XYData, left: number, right: number): XLabelPlan {
	const { em, pad, options } = frame;
	const n = data.labels.length;
	const slot = (right - left) / n;
	const x = (i: number) => left + (i + 0.5) * slot;
	const gap = 0.8 * em;
	const lineHeight = LINE_SPACING * em;
	const sampleStep = Math.max(1, Math.floor(n / 200));
	const widestOf = (label: (i: number) => string) => {
		let widest = 0;
		for (let i = 0; i < n; i += sampleStep) widest = Math.max(widest, textWidth(label(i), em));
		return widest;
	};
	let label = (i: number) => data.labels[i];
	let every = 1;
	let rotate = 0;
	let maxWidth = Infinity;
	if (data.time) {
		const time = data.time;
		const bucket = Date.parse(time[0].end) - Date.parse(time[0].start);
		const byDetail = (detail: DateDetail) => (i: number) => formatDate(time[i].start, detail, frame.zone);
		every = Math.max(1, Math.ceil((widestOf(byDetail(detailOf(data))) + gap) / slot));
		// Labels a day or more apart do not need the hour.
		const detail = Number.isFinite(bucket) ? detailFor(Math.max(bucket, every * bucket)) : 'day';
		label = byDetail(detail);
		every = Math.max(1, Math.ceil((widestOf(label) + gap) / slot));
	} else {
		const widest = widestOf(label);
		if (widest + gap > slot) {
			rotate = -45;
			maxWidth = Math.min(widest, (options.height * 0.3) / SIN45, 14 * em);
			// Turned labels lie slot × sin 45° apart, across their lines.
			every = Math.max(1, Math.ceil(lineHeight / (slot * SIN45)));
		}
	}
	const labels: XLabel[] = [];
	let lastEnd = -Infinity;
	for (let i = 0; i < n; i += every) {
		if (rotate) {
			// A turned label runs down to the left of its anchor: cut the first ones to stay inside the image.
			const anchor = x(i) + rotatedShift(em);
			const inside = (anchor - 0.2 * em) / SIN45 - ASCENDER * em;
			labels.push({ index: i, text: fitText(label(i), em, Math.min(maxWidth, inside)), x: anchor });
			continue;
		}
		const shown = fitText(label(i), em, maxWidth);
		const width = textWidth(shown, em);
		const centre = Math.min(Math.max(x(i), pad + width / 2), options.width - pad - width / 2);
		if (centre - width / 2 < lastEnd + gap / 2) continue;
		lastEnd = centre + width / 2;
		labels.push({ index: i, text: shown, x: centre });
	}
	if (rotate && n <= KEYED_GROUPS && labels.some((l) => l.text !== data.labels[l.index])) return keyedLabels(frame, data.labels, x);
	const longest = rotate ? Math.max(0, ...labels.map((l) => textWidth(l.text, em))) : 0;
	const height = rotate ? 0.4 * em + (longest + (ASCENDER + DESCENDER) * em) * SIN45 : 0.3 * em + lineHeight;
	return { labels, rotate, height };
}

/** Up to this many groups, names too long even turned are numbered, with a key of the full names. */
const KEYED_GROUPS = 10;

/**
 * Few groups with long names: the axis shows 1, 2, 3 … and a key below it gives each number's
 * full name, flowing in rows (a name longer than a row is cut there).
 */
function keyedLabels(frame: Frame, names: string[], x: (i: number) => number): XLabelPlan {
	const { em, pad, options } = frame;
	const lineHeight = LINE_SPACING * em;
	const right = options.width - pad;
	const spacing = 1.4 * em;
	const key: NonNullable<XLabelPlan['key']> = [];
	let [at, row] = [pad, 0];
	names.forEach((name, i) => {
		const entry = fitText(`${i + 1} ${name}`, em, right - pad);
		const width = textWidth(entry, em);
		if (at > pad && at + width > right) [at, row] = [pad, row + 1];
		key.push({ text: entry, x: at, row });
		at += width + spacing;
	});
	const labels = names.map((_, i) => ({ index: i, text: String(i + 1), x: x(i) }));
	return { labels, rotate: 0, height: 0.3 * em + lineHeight + 0.3 * em + (row + 1) * lineHeight, key };
}

/** How far right of its tick a turned label's anchor sits, so that its capitals centre on the tick. */
const rotatedShift = (em: number) => CAP * em * 0.5 * SIN45;

function drawXLabels(frame: Frame, plan: XLabelPlan, top: number): void {
	const { em, theme } = frame;
	for (const label of plan.labels) {
		if (plan.rotate) {
			// The label's end sits under its tick; its line runs down to the left.
			text(frame, label.x, top + 0.4 * em + ASCENDER * em * SIN45, label.text, em, theme.muted, 'end', 'x-label', plan.rotate);
		} else {
			text(frame, label.x, baseline(top + 0.3 * em, em), label.text, em, theme.muted, 'middle', 'x-label');
		}
	}
	const keyTop = top + 0.6 * em + LINE_SPACING * em;
	for (const entry of plan.key ?? []) text(frame, entry.x, baseline(keyTop + entry.row * LINE_SPACING * em, em), entry.text, em, theme.text, 'start', 'legend');
}

/** Line, grouped bars or stacked bars over an interval's buckets or a group_by's groups. */
function xyChart(frame: Frame, kind: DrawnKind, data: XYData): void {
	const { em, pad, options, theme } = frame;
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
	const top = frame.top + 0.8 * em;
	const right = options.width - pad;
	const axisFor = (bottom: number) => {
		const { ticks, step } = niceTicks(low, high, Math.max(2, Math.floor((bottom - top) / (2.8 * em))));
		const decimals = decimalsFor(step);
		const labels = ticks.map((t) => number(frame, t, decimals));
		return { ticks, labels, width: labels.reduce((widest, t) => Math.max(widest, textWidth(t, em)), 0) };
	};
	// The y labels' width sets where the plot starts, the x labels' height where it ends, and each
	// depends on the other: settle them in a few rounds, keeping the widest left margin seen.
	let bottom = options.height - pad - 0.3 * em - LINE_SPACING * em;
	let axis = axisFor(bottom);
	let left = pad + axis.width + 0.6 * em;
	let plan = planXLabels(frame, data, left, right);
	for (let round = 0; round < 3; round++) {
		bottom = options.height - pad - plan.height;
		axis = axisFor(bottom);
		const wanted = pad + axis.width + 0.6 * em;
		if (wanted <= left) break;
		left = wanted;
		plan = planXLabels(frame, data, left, right);
	}
	const { ticks } = axis;
	const [min, max] = [ticks[0], ticks[ticks.length - 1]];
	const y = (value: number) => bottom - ((value - min) / (max - min)) * (bottom - top);
	ticks.forEach((tick, i) => {
		const at = Math.round(y(tick));
		frame.shapes.push({ type: 'rect', x: left, y: at, w: right - left, h: 1, fill: tick === 0 ? theme.axis : theme.grid });
		text(frame, left - 0.6 * em, at + (CAP * em) / 2, axis.labels[i], em, theme.muted, 'end', 'y-label');
	});

	const slot = (right - left) / n;
	const x = (i: number) => left + (i + 0.5) * slot;
	drawXLabels(frame, plan, bottom);

	const scale = em / 12;
	if (kind === 'line') {
		const width = theme.stroke * scale;
		const dots = n <= (right - left) / (1.2 * em);
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
				if (dots) frame.shapes.push({ type: 'circle', cx: x(i), cy: y(value), r: theme.point * scale, fill: color });
			});
			flush();
		});
		return;
	}
	const groupWidth = slot * theme.barShare;
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
			// Neighbouring bars of a group keep a sliver of space when there is room for it.
			const inset = barWidth > 4 ? 1 : 0;
			frame.shapes.push({ type: 'rect', x: barX, y: Math.min(from, to), w: Math.max(0.5, barWidth - inset), h: Math.max(0.5, Math.abs(to - from)), fill: colorOf(frame, s) });
		});
	}
}
