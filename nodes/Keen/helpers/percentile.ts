import { KeenInputError } from './errors';

/** docs/keen-api.md §7.2: a percentile lies in (0, 100] with at most two decimals. */
export function validatePercentile(raw: unknown, field = 'percentile'): number {
	const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
	if (typeof value !== 'number' || Number.isNaN(value) || value <= 0 || value > 100) {
		throw new KeenInputError(`The percentile must be greater than 0 and at most 100, got ${JSON.stringify(raw)}`, field, 'Enter e.g. 50 for the median or 99 for the 99th percentile.');
	}
	if (Math.abs(Math.round(value * 100) - value * 100) > 1e-6) {
		throw new KeenInputError(`The percentile ${value} has more than two decimals`, field, 'Keen accepts at most two decimals, e.g. 99.95.');
	}
	return value;
}
