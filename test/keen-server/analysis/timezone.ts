import { badRequest, ErrorCode, isUnset } from './validation';

/** A query timezone: how far local wall-clock time is ahead of UTC at a given instant. */
export interface Zone {
	readonly name: string;
	offsetMs(utcMs: number): number;
}

/** Local wall-clock fields of an instant in a zone (month 1-12, weekday 0 = Sunday). */
export interface LocalTime {
	year: number;
	month: number;
	day: number;
	hour: number;
	minute: number;
	second: number;
	millisecond: number;
	weekday: number;
}

// ±18 h is the widest offset ISO-8601 / java.time allow; real zones stay within ±14 h.
const MAX_OFFSET_SECONDS = 18 * 3600;

function fixedZone(offsetSeconds: number, name: string): Zone {
	const offset = offsetSeconds * 1000;
	return { name, offsetMs: () => offset };
}

export const UTC: Zone = fixedZone(0, 'UTC');

/**
 * Named zones go through Intl so DST is right for every IANA zone Node knows, including Keen's
 * `US/Pacific`-style aliases (docs/keen-api.md §7.4). Formatter construction is the expensive part,
 * so one Zone (and one formatter) is cached per name.
 */
const namedZones = new Map<string, Zone>();

function namedZone(name: string): Zone | undefined {
	const cached = namedZones.get(name);
	if (cached) return cached;
	let format: Intl.DateTimeFormat;
	try {
		format = new Intl.DateTimeFormat('en-US', {
			timeZone: name,
			hourCycle: 'h23',
			year: 'numeric',
			month: 'numeric',
			day: 'numeric',
			hour: 'numeric',
			minute: 'numeric',
			second: 'numeric',
		});
	} catch {
		return undefined;
	}
	const zone: Zone = {
		name,
		offsetMs(utcMs) {
			const fields: Record<string, number> = {};
			for (const part of format.formatToParts(utcMs)) {
				if (part.type !== 'literal') fields[part.type] = Number(part.value);
			}
			const local = Date.UTC(fields.year, fields.month - 1, fields.day, fields.hour, fields.minute, fields.second);
			return local - (utcMs - mod(utcMs, 1000));
		},
	};
	namedZones.set(name, zone);
	return zone;
}

function mod(value: number, divisor: number): number {
	return ((value % divisor) + divisor) % divisor;
}

function offsetZone(seconds: number, raw: unknown): Zone {
	if (!Number.isInteger(seconds) || Math.abs(seconds) > MAX_OFFSET_SECONDS) {
		throw badRequest(
			ErrorCode.timezone,
			`Invalid timezone ${JSON.stringify(raw)}: an offset must be whole seconds within ±${MAX_OFFSET_SECONDS}.`,
		);
	}
	return fixedZone(seconds, String(seconds));
}

const HOURS_MINUTES = /^([+-])(\d{2}):?(\d{2})$/;

/**
 * Accepts what Keen clients send (docs/keen-api.md §7.2/§7.4): seconds offsets as numbers or numeric
 * strings (keen-analysis sends the browser offset), IANA names, and the `-08:00` form that
 * Keen's /timezones list shows as `utc_offset`. Absent → UTC ("all relative times are UTC by default").
 */
export function parseTimezone(timezone: unknown): Zone {
	if (isUnset(timezone)) return UTC;
	if (typeof timezone === 'number') return offsetZone(timezone, timezone);
	if (typeof timezone !== 'string') {
		throw badRequest(ErrorCode.timezone, `Invalid timezone ${JSON.stringify(timezone)}: use seconds or an IANA name.`);
	}
	const text = timezone.trim();
	if (/^[+-]?\d+$/.test(text)) return offsetZone(Number(text), timezone);
	const hoursMinutes = HOURS_MINUTES.exec(text);
	if (hoursMinutes) {
		const seconds = (Number(hoursMinutes[2]) * 3600 + Number(hoursMinutes[3]) * 60) * (hoursMinutes[1] === '-' ? -1 : 1);
		return offsetZone(seconds, timezone);
	}
	const zone = namedZone(text);
	if (!zone) {
		throw badRequest(ErrorCode.timezone, `Unknown timezone '${timezone}': use an IANA name such as 'US/Pacific' or an offset in seconds.`);
	}
	return zone;
}

export function toLocal(utcMs: number, zone: Zone): LocalTime {
	const shifted = new Date(utcMs + zone.offsetMs(utcMs));
	return {
		year: shifted.getUTCFullYear(),
		month: shifted.getUTCMonth() + 1,
		day: shifted.getUTCDate(),
		hour: shifted.getUTCHours(),
		minute: shifted.getUTCMinutes(),
		second: shifted.getUTCSeconds(),
		millisecond: shifted.getUTCMilliseconds(),
		weekday: shifted.getUTCDay(),
	};
}

/**
 * The instant at which the zone's clock shows the given wall time: guess with the offset at the
 * naive instant, correct once with the offset at the guess. If the result is still inconsistent
 * the wall time falls in a DST gap and the later candidate (just after the jump) is used; in a
 * DST overlap either consistent instant may be returned.
 */
export function fromLocal(
	zone: Zone,
	year: number,
	month: number,
	day: number,
	hour = 0,
	minute = 0,
	second = 0,
): number {
	const naive = Date.UTC(year, month - 1, day, hour, minute, second);
	const guess = naive - zone.offsetMs(naive);
	const corrected = naive - zone.offsetMs(guess);
	if (naive - zone.offsetMs(corrected) === corrected) return corrected;
	return Math.max(guess, corrected);
}
