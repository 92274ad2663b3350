import { floorTo, shift, UNIT_SOURCE, type Unit } from './calendar';
import type { ResolvedTimeframe } from './timeframe';
import { badRequest, ErrorCode } from './validation';

/** Keen's newer limit on sub-timeframes per query (docs/keen-api.md §7.5, §13; the older docs said 2,500). */
export const MAX_BUCKETS = 9000;

interface Interval {
	unit: Unit;
	every: number;
}

const NAMED: Record<string, Unit> = {
	minutely: 'minute',
	hourly: 'hour',
	daily: 'day',
	weekly: 'week',
	monthly: 'month',
	yearly: 'year',
};
const CUSTOM = new RegExp(`^every_(\\d+)_${UNIT_SOURCE}$`);

function parseInterval(interval: unknown): Interval {
	if (typeof interval === 'string') {
		const named = NAMED[interval.trim()];
		if (named) return { unit: named, every: 1 };
		const custom = CUSTOM.exec(interval.trim());
		const every = custom ? Number(custom[1]) : 0;
		if (custom && Number.isSafeInteger(every) && every >= 1) return { unit: custom[2] as Unit, every };
	}
	throw badRequest(
		ErrorCode.interval,
		`Invalid interval ${JSON.stringify(interval)}: use minutely, hourly, daily, weekly, monthly, yearly or every_N_units (e.g. every_7_days).`,
	);
}

/**
 * Bucket boundaries for an interval: aligned to calendar units in the timeframe's zone, every N
 * units counted from the unit containing the timeframe start, and clipped to the timeframe at
 * both ends (docs/keen-api.md §7.5, Java weekly fixture). Returns B with bucket i = [B[i], B[i+1]).
 */
export function buildBuckets(interval: unknown, timeframe: ResolvedTimeframe): number[] {
	const { unit, every } = parseInterval(interval);
	const anchor = floorTo(timeframe.start, unit, timeframe.zone);
	const bounds = [timeframe.start];
	for (let step = 1; ; step++) {
		const boundary = shift(anchor, unit, step * every, timeframe.zone);
		if (boundary >= timeframe.end) break;
		if (bounds.length >= MAX_BUCKETS) {
			throw badRequest(
				ErrorCode.interval,
				`Interval '${String(interval)}' splits the timeframe into more than ${MAX_BUCKETS} buckets; use a longer interval or a shorter timeframe.`,
			);
		}
		bounds.push(boundary);
	}
	bounds.push(timeframe.end);
	return bounds;
}

/** Index of the bucket containing `ts` (binary search); the caller guarantees bounds[0] <= ts < last. */
export function bucketIndex(bounds: readonly number[], ts: number): number {
	let low = 0;
	let high = bounds.length - 2;
	while (low < high) {
		const middle = (low + high + 1) >> 1;
		if (bounds[middle] <= ts) low = middle;
		else high = middle - 1;
	}
	return low;
}

export function bucketTimeframe(bounds: readonly number[], index: number): { start: string; end: string } {
	return { start: new Date(bounds[index]).toISOString(), end: new Date(bounds[index + 1]).toISOString() };
}
