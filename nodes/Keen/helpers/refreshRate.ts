import { KeenInputError } from './errors';

/**
 * docs/keen-api.md §8.2: 0 = no caching, otherwise the union of what Keen's sources allow — 1 hour
 * (docs quoted in 2017) to 48 hours (Explorer) — so no rate Keen may accept is refused here;
 * Keen decides within that, and its refusal gets a hint (transport/errors.ts).
 */
export const REFRESH_RATE_MIN_SECONDS = 3_600;
export const REFRESH_RATE_MAX_SECONDS = 172_800;

export type RefreshRateUnit = 'hours' | 'seconds';

const SECONDS_PER_UNIT: Record<RefreshRateUnit, number> = { hours: 3_600, seconds: 1 };

/** A refresh rate given in hours or seconds as Keen's `refresh_rate` in whole seconds; out of bounds → KeenInputError. */
export function toRefreshRateSeconds(value: unknown, unit: RefreshRateUnit = 'seconds', field = 'refreshRate'): number {
	const amount = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof amount !== 'number' || !Number.isFinite(amount)) {
		throw new KeenInputError(`Refresh rate must be a number, got "${String(value)}"`, field, boundsHint(unit));
	}
	const seconds = Math.round(amount * SECONDS_PER_UNIT[unit]);
	if (seconds !== 0 && (seconds < REFRESH_RATE_MIN_SECONDS || seconds > REFRESH_RATE_MAX_SECONDS)) {
		throw new KeenInputError(
			`Refresh rate ${amount} ${unit} is outside what Keen accepts`,
			field,
			boundsHint(unit),
		);
	}
	return seconds;
}

function boundsHint(unit: RefreshRateUnit): string {
	return unit === 'hours'
		? 'Use 0 to turn caching off, or 1 to 48 hours (Keen documents 4 hours as the minimum).'
		: `Use 0 to turn caching off, or ${REFRESH_RATE_MIN_SECONDS} to ${REFRESH_RATE_MAX_SECONDS} seconds (1 to 48 hours; Keen documents 4 hours as the minimum).`;
}
