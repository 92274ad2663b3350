import { KeenInputError } from './errors';
import { isPlainObject, parseJsonObject } from './json';

/** Units of relative timeframes and custom intervals (keen-api.md §7.3, §7.5). */
export const TIME_UNITS = ['minutes', 'hours', 'days', 'weeks', 'months', 'years'] as const;
export type TimeUnit = (typeof TIME_UNITS)[number];

/** Named intervals (keen-api.md §7.5). */
export const NAMED_INTERVALS = ['minutely', 'hourly', 'daily', 'weekly', 'monthly', 'yearly'] as const;

/** A Keen timeframe: a relative name such as `this_7_days`, or an absolute window (start inclusive, end exclusive). */
export type KeenTimeframe = string | { start: string; end: string };

/**
 * The timeframe fields of the node. `relative` is a preset (`this_7_days`, `yesterday` …) or
 * `custom`, which takes direction, count and unit. Field names are the node's parameter names,
 * so errors point at the right field.
 */
export interface TimeframeInput {
	timeframeType?: 'relative' | 'absolute' | string;
	relativeTimeframe?: string;
	timeframeDirection?: 'this' | 'previous' | string;
	timeframeCount?: number | string;
	timeframeUnit?: string;
	timeframeStart?: string;
	timeframeEnd?: string;
	/** Timeframe type `text`: any form parseTimeframe reads. */
	timeframeText?: unknown;
}

/** Shorthand relative names Keen accepts besides `this_N_units` / `previous_N_units` (keen-api.md §7.3). */
const SHORTHANDS = new Set([
	'today',
	'yesterday',
	...['minute', 'hour', 'day', 'week', 'month', 'year'].flatMap((unit) => [`this_${unit}`, `previous_${unit}`]),
]);
const RELATIVE_PATTERN = new RegExp(`^(this|previous)_[1-9][0-9]*_(${TIME_UNITS.join('|')})$`);
const CUSTOM_INTERVAL = new RegExp(`^every_[1-9][0-9]*_(${TIME_UNITS.join('|')})$`);

export function isRelativeTimeframe(value: string): boolean {
	return SHORTHANDS.has(value) || RELATIVE_PATTERN.test(value);
}

function positiveInteger(raw: unknown, field: string, what: string): number {
	const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
	if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
		throw new KeenInputError(`${what} must be a whole number of at least 1, got ${JSON.stringify(raw)}`, field, 'Enter 1 or more.');
	}
	return value;
}

function unit(raw: unknown, field: string): TimeUnit {
	if (!(TIME_UNITS as readonly unknown[]).includes(raw)) {
		throw new KeenInputError(`Unknown time unit ${JSON.stringify(raw)}`, field, `Use one of: ${TIME_UNITS.join(', ')}.`);
	}
	return raw as TimeUnit;
}

function instant(raw: unknown, field: string, what: string): { iso: string; time: number } {
	const text = typeof raw === 'string' ? raw.trim() : raw instanceof Date ? raw.toISOString() : '';
	const time = text ? Date.parse(text) : NaN;
	if (Number.isNaN(time)) {
		throw new KeenInputError(
			`The ${what} of the timeframe is not a valid date: ${JSON.stringify(raw ?? '')}`,
			field,
			'Use an ISO 8601 date such as 2024-05-01T00:00:00Z.',
		);
	}
	// keen-api.md §7.4: a string without offset is read as UTC by Keen; sending ISO UTC keeps the two in agreement.
	return { iso: new Date(time).toISOString(), time };
}

/** An absolute timeframe as UTC ISO dates, start before end (keen-api.md §7.4); each field names where its date came from. */
export function absoluteTimeframe(start: unknown, end: unknown, startField: string, endField: string): { start: string; end: string } {
	const from = instant(start, startField, 'start');
	const to = instant(end, endField, 'end');
	if (from.time >= to.time) {
		throw new KeenInputError(
			`The timeframe ends (${to.iso}) before or when it starts (${from.iso})`,
			endField,
			'The end must be later than the start; the end itself is excluded.',
		);
	}
	return { start: from.iso, end: to.iso };
}

const TEXT_TIMEFRAME_HINT =
	'Use a relative timeframe such as this_7_days, previous_2_weeks, today or yesterday (this_ includes the current unit, previous_ only complete ones), or an absolute one as {"start": "2024-05-01T00:00:00Z", "end": "2024-05-08T00:00:00Z"}.';

/**
 * The one parser of timeframe text — a saved query's or dataset's Timeframe, a dataset result's,
 * a funnel step's, the Text timeframe type, or what an AI model fills in: a relative name
 * (`this_7_days`, `yesterday` …), an absolute window {"start", "end"} as JSON text or as an object
 * (from an expression), or `start/end` (an ISO 8601 interval). Absolute dates are checked and sent
 * as ISO 8601 UTC, as the node's Start/End fields are: one normalisation everywhere. Empty gives undefined.
 */
export function parseTimeframe(value: unknown, field: string): KeenTimeframe | undefined {
	let window: unknown = value;
	if (typeof value === 'string') {
		const text = value.trim();
		if (text === '') return undefined;
		if (isRelativeTimeframe(text)) return text;
		if (/^\d{4}-.+\/\d{4}-/.test(text)) {
			const [start, end] = text.split('/');
			return absoluteTimeframe(start, end, field, field);
		}
		if (!text.startsWith('{')) throw new KeenInputError(`Unknown timeframe ${JSON.stringify(text)}`, field, TEXT_TIMEFRAME_HINT);
		window = parseJsonObject(text, field, 'the timeframe', TEXT_TIMEFRAME_HINT);
	}
	if (value === undefined || value === null) return undefined;
	if (!isPlainObject(window)) throw new KeenInputError(`Unknown timeframe ${JSON.stringify(window)}`, field, TEXT_TIMEFRAME_HINT);
	if (window.start === undefined || window.end === undefined) {
		throw new KeenInputError('An absolute timeframe needs "start" and "end"', field, TEXT_TIMEFRAME_HINT);
	}
	return absoluteTimeframe(window.start, window.end, field, field);
}

/** The Keen timeframe for the node's timeframe fields; throws KeenInputError naming the field at fault. */
export function buildTimeframe(input: TimeframeInput): KeenTimeframe {
	if (input.timeframeType === 'absolute') return absoluteTimeframe(input.timeframeStart, input.timeframeEnd, 'timeframeStart', 'timeframeEnd');
	if (input.timeframeType === 'text') {
		const timeframe = parseTimeframe(input.timeframeText, 'timeframeText');
		if (timeframe === undefined) throw new KeenInputError('The timeframe is empty', 'timeframeText', TEXT_TIMEFRAME_HINT);
		return timeframe;
	}
	const relative = String(input.relativeTimeframe ?? '').trim();
	if (relative === 'custom') {
		const direction = input.timeframeDirection;
		if (direction !== 'this' && direction !== 'previous') {
			throw new KeenInputError(`Unknown timeframe direction ${JSON.stringify(direction)}`, 'timeframeDirection', 'Use "this" or "previous".');
		}
		const count = positiveInteger(input.timeframeCount, 'timeframeCount', 'The number of units');
		return `${direction}_${count}_${unit(input.timeframeUnit, 'timeframeUnit')}`;
	}
	if (!isRelativeTimeframe(relative)) {
		throw new KeenInputError(
			`Unknown relative timeframe ${JSON.stringify(relative)}`,
			'relativeTimeframe',
			'Use a preset, or a name such as this_7_days or previous_2_weeks.',
		);
	}
	return relative;
}

export interface IntervalInput {
	interval?: string;
	/** Interval `text`: a named interval or every_N_units, typed or filled in by a model. */
	intervalText?: string;
	intervalCount?: number | string;
	intervalUnit?: string;
}

/** The Keen interval (`daily`, `every_7_days` …), or undefined for no interval. */
export function buildInterval(input: IntervalInput): string | undefined {
	const field = input.interval === 'text' ? 'intervalText' : 'interval';
	const interval = String((input.interval === 'text' ? input.intervalText : input.interval) ?? '').trim();
	if (interval === '' || interval === 'none') return undefined;
	if (interval === 'custom') {
		const count = positiveInteger(input.intervalCount, 'intervalCount', 'The interval length');
		return `every_${count}_${unit(input.intervalUnit, 'intervalUnit')}`;
	}
	if ((NAMED_INTERVALS as readonly string[]).includes(interval) || CUSTOM_INTERVAL.test(interval)) return interval;
	throw new KeenInputError(
		`Unknown interval ${JSON.stringify(interval)}`,
		field,
		`Use one of: ${NAMED_INTERVALS.join(', ')}, or every_N_units such as every_7_days.`,
	);
}

/** keen-api.md §7.4: offsets are whole seconds; real zones lie within UTC−12 … UTC+14. */
const MAX_OFFSET_SECONDS = 14 * 3600;
const ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/;

/**
 * The Keen timezone: `timezone` is a zone name from the node's list, or `custom`, in which case
 * `customTimezone` holds an IANA name or an offset in seconds (e.g. -28800). No timezone → undefined (Keen
 * uses UTC); an empty custom one is an error, not a silent UTC.
 */
export function buildTimezone(timezone: unknown, customTimezone?: unknown): string | number | undefined {
	const field = timezone === 'custom' ? 'customTimezone' : 'timezone';
	const raw = timezone === 'custom' ? customTimezone : timezone;
	if (typeof raw === 'number') return offset(raw, field);
	const text = String(raw ?? '').trim();
	if (text === '' && timezone === 'custom') {
		throw new KeenInputError('The custom timezone is empty', field, 'Enter an IANA zone name such as Europe/Paris or an offset in seconds such as -28800, or pick a timezone from the list.');
	}
	if (text === '') return undefined;
	if (/^[+-]?\d+$/.test(text)) return offset(Number(text), field);
	if (!ZONE_NAME.test(text)) {
		throw new KeenInputError(
			`Invalid timezone ${JSON.stringify(text)}`,
			field,
			'Use an IANA zone name such as Europe/Paris, or an offset in seconds such as -28800.',
		);
	}
	return text;
}

function offset(seconds: number, field: string): number {
	if (!Number.isInteger(seconds) || Math.abs(seconds) > MAX_OFFSET_SECONDS) {
		throw new KeenInputError(
			`Invalid timezone offset ${seconds}`,
			field,
			`An offset is whole seconds between -${MAX_OFFSET_SECONDS} and ${MAX_OFFSET_SECONDS}, e.g. -28800 for UTC−8.`,
		);
	}
	return seconds;
}
