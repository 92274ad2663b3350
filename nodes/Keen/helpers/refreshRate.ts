import { KeenInputError } from './errors';

/** keen-api.md §8.2: 0 = no caching, otherwise 4 to 48 hours (Explorer's current bounds). */
export const REFRESH_RATE_MIN_SECONDS = 14_400;
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
		? 'Use 0 to turn caching off, or 4 to 48 hours.'
		: `Use 0 to turn caching off, or ${REFRESH_RATE_MIN_SECONDS} to ${REFRESH_RATE_MAX_SECONDS} seconds (4 to 48 hours).`;
}
