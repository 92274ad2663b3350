import { KeenInputError } from './errors';
import { isPlainObject, parseJsonObject } from './json';

/** Units of relative timeframes and custom intervals (docs/keen-api.md §7.3, §7.5). */
export const TIME_UNITS = ['minutes', 'hours', 'days', 'weeks', 'months', 'years'] as const;
export type TimeUnit = (typeof TIME_UNITS)[number];

/** Named intervals (docs/keen-api.md §7.5). */
export const NAMED_INTERVALS = ['minutely', 'hourly', 'daily', 'weekly', 'monthly', 'yearly'] as const;

/** An absolute window: ISO 8601 UTC dates, start inclusive, end exclusive (docs/keen-api.md §7.4). */
export interface AbsoluteTimeframe {
	start: string;
	end: string;
}

/** A Keen timeframe: a relative name such as `this_7_days`, or an absolute window. */
export type KeenTimeframe = string | AbsoluteTimeframe;

/** A Keen timezone: an IANA zone name, or an offset in whole seconds (docs/keen-api.md §7.4). */
export type KeenTimezone = string | number;

/** Shorthand relative names Keen accepts besides `this_N_units` / `previous_N_units` (docs/keen-api.md §7.3). */
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

/** A whole number of at least 1, from a number or its text; `what` opens the error. */
export function positiveInteger(raw: unknown, field: string, what: string): number {
	const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
	if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
		throw new KeenInputError(`${what} must be a whole number of at least 1, got ${JSON.stringify(raw)}`, field, 'Enter 1 or more.');
	}
	return value;
}

export function timeUnit(raw: unknown, field: string): TimeUnit {
	if (!(TIME_UNITS as readonly unknown[]).includes(raw)) {
		throw new KeenInputError(`Unknown time unit ${JSON.stringify(raw)}`, field, `Use one of: ${TIME_UNITS.join(', ')}.`);
	}
	return raw as TimeUnit;
}

/** An ISO-8601 date-time without a UTC offset, such as 2024-05-01T12:00:00. */
const ISO_WITHOUT_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;

/**
 * Date.parse, reading an ISO date-time without offset as UTC, as Keen does (docs/keen-api.md §7.4):
 * Date.parse alone would read it in the zone of the machine n8n runs on.
 */
export function parseAsUtc(text: string): number {
	return Date.parse(ISO_WITHOUT_OFFSET.test(text) ? `${text}Z` : text);
}

function instant(raw: unknown, field: string, what: string): { iso: string; time: number } {
	const text = typeof raw === 'string' ? raw.trim() : raw instanceof Date ? raw.toISOString() : '';
	const time = text ? parseAsUtc(text) : NaN;
	if (Number.isNaN(time)) {
		throw new KeenInputError(
			`The ${what} of the timeframe is not a valid date: ${JSON.stringify(raw ?? '')}`,
			field,
			'Use an ISO 8601 date such as 2024-05-01T00:00:00Z.',
		);
	}
	// docs/keen-api.md §7.4: a string without offset is read as UTC by Keen; sending ISO UTC keeps the two in agreement.
	return { iso: new Date(time).toISOString(), time };
}

/** An absolute timeframe as UTC ISO dates, start before end (docs/keen-api.md §7.4); each field names where its date came from. */
export function absoluteTimeframe(start: unknown, end: unknown, startField: string, endField: string): AbsoluteTimeframe {
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

export const TEXT_TIMEFRAME_HINT =
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

/** A relative timeframe name (a preset, or one typed such as this_7_days). */
export function relativeTimeframe(value: unknown, field: string): string {
	const relative = String(value ?? '').trim();
	if (!isRelativeTimeframe(relative)) {
		throw new KeenInputError(
			`Unknown relative timeframe ${JSON.stringify(relative)}`,
			field,
			'Use a preset, or a name such as this_7_days or previous_2_weeks.',
		);
	}
	return relative;
}

/** A Keen interval (`daily`, `every_7_days` …) from its text, or undefined for none (empty or `none`). */
export function parseInterval(value: unknown, field: string): string | undefined {
	const interval = String(value ?? '').trim();
	if (interval === '' || interval === 'none') return undefined;
	if ((NAMED_INTERVALS as readonly string[]).includes(interval) || CUSTOM_INTERVAL.test(interval)) return interval;
	throw new KeenInputError(
		`Unknown interval ${JSON.stringify(interval)}`,
		field,
		`Use one of: ${NAMED_INTERVALS.join(', ')}, or every_N_units such as every_7_days.`,
	);
}

/** docs/keen-api.md §7.4: offsets are whole seconds; real zones lie within UTC−12 … UTC+14. */
const MAX_OFFSET_SECONDS = 14 * 3600;
const ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/;

/** A Keen timezone from an IANA name or an offset in seconds (number or text); empty gives undefined (Keen uses UTC). */
export function parseTimezone(raw: unknown, field: string): KeenTimezone | undefined {
	if (typeof raw === 'number') return offset(raw, field);
	const text = String(raw ?? '').trim();
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
