import { floorTo, shift, UNIT_SOURCE, type Unit } from './calendar';
import { parseTimezone, UTC, type Zone } from './timezone';
import { badRequest, ErrorCode, isPlainObject, parseJsonText } from './validation';

export interface TimeWindow {
	/** Inclusive, epoch ms. */
	start: number;
	/** Exclusive, epoch ms. */
	end: number;
}

/** A resolved timeframe plus the zone its interval buckets align to. */
export interface ResolvedTimeframe extends TimeWindow {
	zone: Zone;
}

const RELATIVE = new RegExp(`^(this|previous)(?:_(\\d+))?_${UNIT_SOURCE}$`);
const SHORTHANDS: Record<string, string> = { today: 'this_day', yesterday: 'previous_day' };

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

function timeframeError(timeframe: unknown, why: string): Error {
	return badRequest(ErrorCode.timeframe, `Invalid timeframe ${JSON.stringify(timeframe)}: ${why}`);
}

/**
 * Strict ISO-8601 parsing. A string without an offset is UTC (docs/keen-api.md §7.4) — unlike
 * `Date.parse`, which reads offset-less date-times as server-local time. Returns undefined
 * when the text is not an ISO date/date-time or names an impossible date.
 */
export function parseIsoInstant(text: string): number | undefined {
	const match = ISO.exec(text.trim());
	if (!match) return undefined;
	const [, y, mo, d, h = '0', mi = '0', s = '0', fraction = '', offset] = match;
	const wall = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
	const date = new Date(wall);
	if (
		date.getUTCDate() !== Number(d) ||
		date.getUTCMonth() !== Number(mo) - 1 ||
		date.getUTCHours() !== Number(h) ||
		date.getUTCMinutes() !== Number(mi)
	) {
		return undefined;
	}
	const millis = Number(`${fraction}00`.slice(0, 3));
	return wall + millis - offsetMinutes(offset) * 60_000;
}

function offsetMinutes(offset: string | undefined): number {
	if (!offset || offset.toUpperCase() === 'Z') return 0;
	const digits = offset.slice(1).replace(':', '');
	const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0');
	return offset[0] === '-' ? -minutes : minutes;
}

function absoluteWindow(timeframe: Record<string, unknown>): TimeWindow {
	const bound = (key: 'start' | 'end'): number => {
		const value = timeframe[key];
		const parsed = typeof value === 'string' ? parseIsoInstant(value) : undefined;
		if (parsed === undefined) {
			throw timeframeError(timeframe, `'${key}' must be an ISO-8601 date-time string.`);
		}
		return parsed;
	};
	const window = { start: bound('start'), end: bound('end') };
	if (window.start >= window.end) throw timeframeError(timeframe, "'start' must be before 'end'.");
	return window;
}

/**
 * this_N_U = [floor(now,U) − (N−1)·U, floor(now,U) + 1·U): the current unit counts whole, up to
 * its end rather than `now` — the Java `this_month` + `weekly` fixture's last bucket ends at the
 * month's end (docs/keen-api.md §7.3). previous_N_U = [floor(now,U) − N·U, floor(now,U)).
 */
function relativeWindow(timeframe: string, zone: Zone, now: Date, thisEndsAtNow: boolean): TimeWindow {
	const match = RELATIVE.exec(SHORTHANDS[timeframe] ?? timeframe);
	if (!match) {
		throw timeframeError(
			timeframe,
			'use this_N_units or previous_N_units (minutes, hours, days, weeks, months, years), ' +
				'this_day/previous_week-style shorthands, today, yesterday, or {"start", "end"}.',
		);
	}
	const count = match[2] === undefined ? 1 : Number(match[2]);
	if (!Number.isSafeInteger(count) || count < 1) throw timeframeError(timeframe, 'N must be a positive integer.');
	const unit = match[3] as Unit;
	const current = floorTo(now.getTime(), unit, zone);
	if (match[1] !== 'this') return { start: shift(current, unit, -count, zone), end: current };
	const unitEnd = shift(current, unit, 1, zone);
	// Keen's docs say "up to now"; which one Keen does is a server variant (README).
	return { start: shift(current, unit, 1 - count, zone), end: thisEndsAtNow ? Math.min(unitEnd, now.getTime() + 1) : unitEnd };
}

/**
 * Resolves a timeframe and the zone its buckets use. The timezone only affects relative
 * timeframes; absolute ones carry their own offsets and bucket in UTC (docs/keen-api.md §7.4, §7.5,
 * §15.1) — the timezone is still validated so a typo is reported rather than ignored.
 */
export function resolveQueryTimeframe(timeframe: unknown, timezone: unknown, now: Date, thisEndsAtNow = false): ResolvedTimeframe {
	const zone = parseTimezone(timezone);
	const value = parseJsonText(timeframe);
	if (typeof value === 'string') return { ...relativeWindow(value.trim(), zone, now, thisEndsAtNow), zone };
	if (isPlainObject(value)) return { ...absoluteWindow(value), zone: UTC };
	if (Array.isArray(value)) throw timeframeError(timeframe, 'give exactly one timeframe, not a list (docs/keen-api.md §15.6).');
	throw timeframeError(timeframe, 'expected a relative string such as "this_7_days" or {"start", "end"}.');
}

/** The [start, end) window, in epoch ms, that a timeframe covers. */
export function resolveTimeframe(timeframe: unknown, timezone: unknown, now: Date, thisEndsAtNow = false): TimeWindow {
	const { start, end } = resolveQueryTimeframe(timeframe, timezone, now, thisEndsAtNow);
	return { start, end };
}
