import { KeenError } from '../errors';

/**
 * error_code values this engine answers with. Keen documents only some of them (docs/keen-api.md §2.2);
 * the invented ones follow Keen's `Invalid…Error` naming and are listed in README.md.
 */
export const ErrorCode = {
	missingField: 'MissingRequiredRequestFieldError',
	timeframe: 'TimeframeDefinitionError',
	timezone: 'InvalidTimezoneError',
	interval: 'InvalidIntervalError',
	filter: 'InvalidFilterError',
	geoFilter: 'InvalidPropertyNameForGeoFilter',
	parameter: 'InvalidParameterError',
	extractionTooLarge: 'ExtractionTooLargeError',
	notFound: 'ResourceNotFoundError',
} as const;

export type ErrorCodeName = (typeof ErrorCode)[keyof typeof ErrorCode];

export function badRequest(code: ErrorCodeName, message: string): KeenError {
	return new KeenError(400, code, message);
}

/** A parameter that was not given; query strings turn absent values into '' (docs/keen-api.md §7.1). */
export function isUnset(value: unknown): value is undefined | null | '' {
	return value === undefined || value === null || value === '';
}

// One home for the check (events.ts); re-exported for the analysis modules that import their helpers from here.
export { isPlainObject } from '../events';

/** A required, non-empty string parameter (event_collection, target_property, actor_property…). */
export function requireString(params: Record<string, unknown>, key: string, context = ''): string {
	const value = params[key];
	if (isUnset(value)) {
		throw badRequest(ErrorCode.missingField, `${context}'${key}' is required.`);
	}
	if (typeof value !== 'string') {
		throw badRequest(ErrorCode.parameter, `${context}'${key}' must be a string.`);
	}
	return value;
}

/** Booleans may arrive as strings from query strings (docs/keen-api.md §7.1). */
export function optionalBoolean(params: Record<string, unknown>, key: string, context = ''): boolean {
	const value = params[key];
	if (value === undefined || value === null || value === false || value === 'false') return false;
	if (value === true || value === 'true') return true;
	throw badRequest(ErrorCode.parameter, `${context}'${key}' must be true or false.`);
}

/** A positive integer, accepting numeric strings; undefined/null mean "not given". */
export function optionalPositiveInteger(params: Record<string, unknown>, key: string): number | undefined {
	const raw = params[key];
	if (isUnset(raw)) return undefined;
	const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
	if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
		throw badRequest(ErrorCode.parameter, `'${key}' must be a positive integer, got ${JSON.stringify(raw)}.`);
	}
	return value;
}

/** Structured params may still be JSON text when they come from a query string (docs/keen-api.md §7.1). */
export function parseJsonText(value: unknown): unknown {
	if (typeof value !== 'string') return value;
	const text = value.trim();
	if (!text.startsWith('[') && !text.startsWith('{')) return value;
	try {
		return JSON.parse(text);
	} catch {
		return value;
	}
}
