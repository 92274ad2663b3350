import { fromLocal, toLocal, type Zone } from './timezone';

/** The calendar units shared by relative timeframes and intervals (docs/keen-api.md §7.3, §7.5). */
export type Unit = 'minute' | 'hour' | 'day' | 'week' | 'month' | 'year';

/** Regex source matching a unit name, singular or plural; capture group 1 is the singular. */
export const UNIT_SOURCE = '(minute|hour|day|week|month|year)s?';

const FIXED_LENGTH: Partial<Record<Unit, number>> = { minute: 60_000, hour: 3_600_000 };

/**
 * Start of the unit containing `utcMs`, on the zone's wall clock. Minutes and hours are floored in
 * elapsed time (a repeated DST hour is two separate hours); days and longer start at local
 * midnight. Weeks start on Sunday, with no override (docs/keen-api.md §7.3, keen-js #412).
 */
export function floorTo(utcMs: number, unit: Unit, zone: Zone): number {
	const local = toLocal(utcMs, zone);
	switch (unit) {
		case 'minute':
			return utcMs - local.second * 1000 - local.millisecond;
		case 'hour':
			return utcMs - (local.minute * 60 + local.second) * 1000 - local.millisecond;
		case 'day':
			return fromLocal(zone, local.year, local.month, local.day);
		case 'week':
			return fromLocal(zone, local.year, local.month, local.day - local.weekday);
		case 'month':
			return fromLocal(zone, local.year, local.month, 1);
		case 'year':
			return fromLocal(zone, local.year, 1, 1);
	}
}

/**
 * `count` units after the unit start `floored` (count may be negative). Calendar units move on the
 * local calendar, so a day across a DST change is 23 or 25 hours long; always computing from the
 * same anchor avoids drift when a local midnight had to be resolved out of a DST gap.
 */
export function shift(floored: number, unit: Unit, count: number, zone: Zone): number {
	const fixed = FIXED_LENGTH[unit];
	if (fixed !== undefined) return floored + count * fixed;
	const local = toLocal(floored, zone);
	switch (unit) {
		case 'week':
			return fromLocal(zone, local.year, local.month, local.day + 7 * count);
		case 'month':
			return fromLocal(zone, local.year, local.month + count, local.day);
		case 'year':
			return fromLocal(zone, local.year + count, local.month, local.day);
		default:
			return fromLocal(zone, local.year, local.month, local.day + count);
	}
}
