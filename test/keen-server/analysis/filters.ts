import { parseIsoInstant } from './timeframe';
import { badRequest, ErrorCode, isPlainObject, isUnset, parseJsonText } from './validation';
import { compilePath, jsonEquals, type PropertyGetter } from './values';

export type EventPredicate = (event: Record<string, unknown>) => boolean;
type ValueTest = (value: unknown) => boolean;

const GEO_PROPERTY = 'keen.location.coordinates';
const EARTH_RADIUS_MILES = 3958.8;

function filterError(filter: unknown, why: string): Error {
	return badRequest(ErrorCode.filter, `Invalid filter ${JSON.stringify(filter)}: ${why}`);
}

/**
 * Missing and null are the same for equality, so the query-creator's `is_null` / `is_not_null`
 * (sent as `eq null` / `ne null`, docs/keen-api.md §7.6) mean "absent or null" / "present and not null".
 * `eq` against a list property is membership (§7.6).
 */
function equalsTest(expected: unknown): ValueTest {
	return (value) => {
		const actual = value === undefined ? null : value;
		if (Array.isArray(actual) && !Array.isArray(expected)) return actual.some((item) => jsonEquals(item, expected));
		return jsonEquals(actual, expected);
	};
}

/**
 * Numbers compare numerically, strings lexically — except when the filter value is an ISO
 * date-time: then the property must be a date-time string too and they compare as instants, so
 * `2024-05-01T00:00:00Z` equals `2024-05-01T00:00:00.000Z` (Keen types such strings as datetime,
 * docs/keen-api.md §2.6). Mixed types never match.
 */
function orderTest(filter: unknown, expected: unknown, accept: (sign: number) => boolean): ValueTest {
	if (typeof expected === 'number') {
		return (value) => typeof value === 'number' && accept(value - expected);
	}
	if (typeof expected !== 'string') throw filterError(filter, 'comparison operators need a number or a string.');
	const instant = parseIsoInstant(expected);
	if (instant !== undefined) {
		return (value) => {
			const valueInstant = typeof value === 'string' ? parseIsoInstant(value) : undefined;
			return valueInstant !== undefined && accept(valueInstant - instant);
		};
	}
	return (value) => typeof value === 'string' && accept(value < expected ? -1 : value > expected ? 1 : 0);
}

function containsTest(filter: unknown, needle: unknown): ValueTest {
	if (needle === undefined || (typeof needle === 'object' && needle !== null)) {
		throw filterError(filter, 'contains / not_contains need a string (or a scalar for list properties).');
	}
	return (value) => {
		if (typeof value === 'string') return typeof needle === 'string' && value.includes(needle);
		return Array.isArray(value) && value.some((item) => item === needle);
	};
}

function withinTest(filter: unknown, property: string, target: unknown): ValueTest {
	if (property !== GEO_PROPERTY) {
		throw badRequest(
			ErrorCode.geoFilter,
			`The 'within' operator only works on '${GEO_PROPERTY}', not on '${property}'.`,
		);
	}
	const center = isPlainObject(target) ? target.coordinates : undefined;
	const radius = isPlainObject(target) ? target.max_distance_miles : undefined;
	if (!isCoordinates(center) || typeof radius !== 'number' || !(radius >= 0)) {
		throw filterError(filter, "'within' needs {\"coordinates\": [longitude, latitude], \"max_distance_miles\": number}.");
	}
	return (value) => isCoordinates(value) && haversineMiles(center, value) <= radius;
}

function isCoordinates(value: unknown): value is [number, number] {
	return Array.isArray(value) && value.length === 2 && typeof value[0] === 'number' && typeof value[1] === 'number';
}

/** Great-circle distance between two [longitude, latitude] points (docs/keen-api.md §2.5 coordinate order). */
function haversineMiles([lon1, lat1]: [number, number], [lon2, lat2]: [number, number]): number {
	const radians = Math.PI / 180;
	const dLat = (lat2 - lat1) * radians;
	const dLon = (lon2 - lon1) * radians;
	const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * radians) * Math.cos(lat2 * radians) * Math.sin(dLon / 2) ** 2;
	return 2 * EARTH_RADIUS_MILES * Math.asin(Math.min(1, Math.sqrt(a)));
}

function regexTest(filter: unknown, pattern: unknown): ValueTest {
	if (typeof pattern !== 'string') throw filterError(filter, "'regex' needs a string pattern.");
	let regex: RegExp;
	try {
		regex = new RegExp(pattern);
	} catch (error) {
		throw filterError(filter, `the pattern does not compile (${(error as Error).message}).`);
	}
	return (value) => typeof value === 'string' && regex.test(value);
}

function existsTest(filter: unknown, flag: unknown): ValueTest {
	if (flag !== true && flag !== false && flag !== 'true' && flag !== 'false') {
		throw filterError(filter, "'exists' needs true or false.");
	}
	const wanted = flag === true || flag === 'true';
	return (value) => (value !== undefined && value !== null) === wanted;
}

/** `in`: the value (or, for a list property, any of its items) is one of the given values. */
function inTest(filter: unknown, options: unknown): ValueTest {
	if (!Array.isArray(options)) throw filterError(filter, "'in' needs a list of values.");
	const tests = options.map(equalsTest);
	return (value) => tests.some((test) => test(value));
}

function valueTest(filter: unknown, operator: string, property: string, expected: unknown): ValueTest {
	switch (operator) {
		case 'eq':
			return equalsTest(expected);
		case 'ne':
			return negate(equalsTest(expected));
		case 'lt':
			return orderTest(filter, expected, (sign) => sign < 0);
		case 'lte':
			return orderTest(filter, expected, (sign) => sign <= 0);
		case 'gt':
			return orderTest(filter, expected, (sign) => sign > 0);
		case 'gte':
			return orderTest(filter, expected, (sign) => sign >= 0);
		case 'exists':
			return existsTest(filter, expected);
		case 'in':
			return inTest(filter, expected);
		case 'contains':
			return containsTest(filter, expected);
		case 'not_contains':
			return negate(containsTest(filter, expected));
		case 'regex':
			return regexTest(filter, expected);
		case 'within':
			return withinTest(filter, property, expected);
		default:
			throw filterError(
				filter,
				`unknown operator '${operator}'; use eq, ne, lt, lte, gt, gte, exists, in, contains, not_contains, regex, within or or.`,
			);
	}
}

function negate(test: ValueTest): ValueTest {
	return (value) => !test(value);
}

function compileOne(filter: unknown): EventPredicate {
	if (!isPlainObject(filter)) throw filterError(filter, 'each filter must be an object.');
	const operator = filter.operator;
	if (typeof operator !== 'string' || operator === '') throw filterError(filter, "'operator' is required.");
	if (operator === 'or') {
		// "or" filters (docs/keen-api.md §7.6, shape UNCONFIRMED): any of `operands` matches.
		if (!Array.isArray(filter.operands) || filter.operands.length === 0) {
			throw filterError(filter, "'or' needs a non-empty 'operands' list of filters.");
		}
		const operands = filter.operands.map(compileOne);
		return (event) => operands.some((operand) => operand(event));
	}
	const property = filter.property_name;
	if (typeof property !== 'string' || property === '') throw filterError(filter, "'property_name' is required.");
	// 2012-era docs called it `value` (docs/keen-api.md §7.6).
	const expected = 'property_value' in filter ? filter.property_value : filter.value;
	if (expected === undefined) throw filterError(filter, "'property_value' is required.");
	const read: PropertyGetter = compilePath(property);
	const test = valueTest(filter, operator, property, expected);
	return (event) => test(read(event));
}

/**
 * Validates and compiles a filter list once into one predicate (AND of all filters, docs/keen-api.md
 * §7.6). Unknown keys such as the query-creator's `property_type` are ignored. null/undefined/[]
 * match everything.
 */
export function compileFilters(filters: unknown): EventPredicate {
	const list = parseJsonText(filters);
	if (isUnset(list)) return () => true;
	if (!Array.isArray(list)) throw filterError(filters, 'filters must be a list.');
	const predicates = list.map(compileOne);
	if (predicates.length === 0) return () => true;
	if (predicates.length === 1) return predicates[0];
	return (event) => predicates.every((predicate) => predicate(event));
}

/** Every property path a filter list reads (for execution_metadata.properties_per_event). */
export function filterProperties(filters: unknown): string[] {
	const list = parseJsonText(filters);
	if (!Array.isArray(list)) return [];
	return list.flatMap((filter) =>
		!isPlainObject(filter)
			? []
			: typeof filter.property_name === 'string'
				? [filter.property_name]
				: filterProperties(filter.operands),
	);
}
