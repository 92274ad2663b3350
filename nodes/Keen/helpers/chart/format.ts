import { KeenInputError } from '../errors';
import { parseAsUtc } from '../timeframe';

const numberFormats = new Map<string, Intl.NumberFormat>();

/**
 * `1234567.891` → `1,234,567.89`: thousands separators, at most `decimals` decimals, no trailing
 * zeros. With a `locale` ('de-DE' → `1.234.567,89`), that locale's separators and digits.
 */
export function formatNumber(value: number, decimals = 2, locale?: string): string {
	if (!Number.isFinite(value)) return String(value);
	if (locale) {
		const key = `${locale}|${decimals}`;
		let format = numberFormats.get(key);
		if (!format) {
			format = new Intl.NumberFormat(locale, { maximumFractionDigits: decimals });
			numberFormats.set(key, format);
		}
		// What rounds to zero is written 0, not -0.
		return format.format(Math.abs(value) < 0.5 * 10 ** -decimals ? 0 : value);
	}
	const negative = value < 0;
	// toFixed writes 1e21 and above in exponent form; BigInt spells out every digit.
	const fixed = Math.abs(value) >= 1e21 ? BigInt(Math.abs(value)).toString() : Math.abs(value).toFixed(decimals);
	const [whole, fraction = ''] = fixed.split('.');
	const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
	const trimmed = fraction.replace(/0+$/, '');
	const text = trimmed ? `${grouped}.${trimmed}` : grouped;
	return negative && /[1-9]/.test(text) ? `-${text}` : text;
}

/** Decimals that tell apart ticks `step` apart: 0 for 1, 5, 100; 1 for 0.5; 2 for 0.25. */
export function decimalsFor(step: number): number {
	let decimals = 0;
	while (decimals < 10 && Math.abs(Math.round(step * 10 ** decimals) - step * 10 ** decimals) > 1e-6) decimals++;
	return decimals;
}

/** Round tick values from `min` to `max`, about `count` of them, at a 1-2-5 step. */
export function niceTicks(min: number, max: number, count: number): { ticks: number[]; step: number } {
	if (min === max) max = min === 0 ? 1 : min + Math.abs(min);
	const rough = (max - min) / Math.max(1, count);
	const magnitude = 10 ** Math.floor(Math.log10(rough));
	const step = [1, 2, 5, 10].map((f) => f * magnitude).find((s) => s >= rough) ?? 10 * magnitude;
	const first = Math.floor(min / step + 1e-9) * step;
	const ticks: number[] = [];
	for (let tick = first; tick < max + step - 1e-9 * step; tick += step) ticks.push(Number(tick.toPrecision(12)));
	return { ticks, step };
}

/** A timezone as Keen takes it: seconds east of UTC, or a named zone. */
export type Timezone = number | string;

interface DateParts {
	year: number;
	month: number;
	day: number;
	hour: number;
	minute: number;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Reads a number locale field: '' → none (1,234.5), else a BCP 47 tag the runtime knows. */
export function parseLocale(value: unknown, field: string): string | undefined {
	const tag = String(value ?? '').trim();
	if (tag === '') return undefined;
	try {
		if (Intl.NumberFormat.supportedLocalesOf([tag]).length > 0) return tag;
	} catch {
		// an ill-formed tag: the error below
	}
	throw new KeenInputError(`Unknown locale '${tag}' in Number Locale`, field, "Use a language tag such as 'en-US', 'de-DE' or 'fr-FR', or leave it empty for 1,234.5.");
}

/**
 * Reads a timezone field: '' → none, digits (optionally signed) → seconds east of UTC, else a
 * named zone the runtime knows (e.g. 'US/Pacific'); anything else is a KeenInputError on `field`.
 */
export function parseTimezone(value: unknown, field: string): Timezone | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	if (typeof value === 'number' || /^[+-]?\d+$/.test(String(value).trim())) {
		const seconds = Number(value);
		if (Number.isInteger(seconds) && Math.abs(seconds) <= 14 * 3600) return seconds;
	} else {
		const name = String(value).trim();
		try {
			new Intl.DateTimeFormat('en-US', { timeZone: name });
			return name;
		} catch {
			// fall through to the error below
		}
	}
	throw new KeenInputError(
		`Unknown timezone '${String(value)}' in Timezone`,
		field,
		"Use a named zone such as 'US/Pacific' or 'Europe/Paris', or seconds east of UTC such as -28800; leave it empty to use the result's own.",
	);
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Zones that are UTC by name: computed without Intl, which is slow on its first use. */
const UTC_NAMES = new Set(['UTC', 'Etc/UTC', 'GMT', 'Etc/GMT']);

function partsIn(ms: number, zone: Timezone): DateParts {
	if (typeof zone === 'string' && UTC_NAMES.has(zone)) zone = 0;
	if (typeof zone === 'number') {
		const shifted = new Date(ms + zone * 1000);
		return {
			year: shifted.getUTCFullYear(),
			month: shifted.getUTCMonth(),
			day: shifted.getUTCDate(),
			hour: shifted.getUTCHours(),
			minute: shifted.getUTCMinutes(),
		};
	}
	let formatter = formatters.get(zone);
	if (!formatter) {
		formatter = new Intl.DateTimeFormat('en-US', {
			timeZone: zone,
			year: 'numeric',
			month: 'numeric',
			day: 'numeric',
			hour: 'numeric',
			minute: 'numeric',
			hourCycle: 'h23',
		});
		formatters.set(zone, formatter);
	}
	const parts: Record<string, number> = {};
	for (const part of formatter.formatToParts(ms)) if (part.type !== 'literal') parts[part.type] = Number(part.value);
	return { year: parts.year, month: parts.month - 1, day: parts.day, hour: parts.hour % 24, minute: parts.minute };
}

/** The offset written in an ISO timestamp, in seconds (Z → 0), or undefined when it has none. */
function writtenOffset(text: string): number | undefined {
	const match = /(Z|([+-])(\d{2}):?(\d{2}))$/.exec(text);
	if (!match) return undefined;
	if (match[1] === 'Z') return 0;
	return (match[2] === '-' ? -1 : 1) * (Number(match[3]) * 3600 + Number(match[4]) * 60);
}

/** How precisely dates of a series are shown, from the length of its buckets. */
export type DateDetail = 'minute' | 'day' | 'month' | 'year';

export function detailFor(bucketMs: number): DateDetail {
	const day = 86_400_000;
	if (bucketMs < day) return 'minute';
	if (bucketMs < 28 * day) return 'day';
	if (bucketMs < 365 * day) return 'month';
	return 'year';
}

/**
 * A Keen timestamp shown in `zone` (or, without one, in the offset it was written with):
 * 'May 1 14:00', 'May 1', 'May 2024' or '2024'. Text that is not a date comes back unchanged.
 */
export function formatDate(text: string, detail: DateDetail, zone: Timezone | undefined, withYear = false): string {
	const ms = parseAsUtc(text);
	if (!Number.isFinite(ms)) return text;
	const p = partsIn(ms, zone ?? writtenOffset(text) ?? 0);
	const pad = (n: number) => String(n).padStart(2, '0');
	const date = `${MONTHS[p.month]} ${p.day}${withYear ? `, ${p.year}` : ''}`;
	if (detail === 'minute') return `${date} ${pad(p.hour)}:${pad(p.minute)}`;
	if (detail === 'day') return date;
	if (detail === 'month') return `${MONTHS[p.month]} ${p.year}`;
	return String(p.year);
}

/** A timezone as a reader sees it: 'US/Pacific', 'UTC-08:00'. */
export function timezoneLabel(zone: Timezone): string {
	if (typeof zone === 'string') return zone;
	const sign = zone < 0 ? '-' : '+';
	const minutes = Math.abs(zone) / 60;
	return `UTC${sign}${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** Keen's relative timeframe as words: 'this_7_days' → 'This 7 days', 'previous_month' → 'Previous month'. */
export function relativeTimeframeLabel(timeframe: string): string {
	const words = timeframe.split('_').join(' ');
	return words.charAt(0).toUpperCase() + words.slice(1);
}
