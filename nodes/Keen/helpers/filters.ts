import type { IDataObject } from 'n8n-workflow';

import { KeenInputError } from './errors';
import { isPlainObject, parseJson } from './json';

/** Every operator Keen documents (keen-api.md §7.6); `or` combines filters and is only reachable through raw JSON. */
export const FILTER_OPERATORS = [
	'eq',
	'ne',
	'lt',
	'lte',
	'gt',
	'gte',
	'exists',
	'in',
	'contains',
	'not_contains',
	'regex',
	'within',
] as const;
export type FilterOperator = (typeof FILTER_OPERATORS)[number];

/** keen-api.md §7.6: `within` is only allowed on this property (else 400 InvalidPropertyNameForGeoFilter). */
export const GEO_PROPERTY = 'keen.location.coordinates';

export type FilterValueType = 'auto' | 'string' | 'number' | 'boolean' | 'null' | 'json';

/** One row of the node's Filters fixedCollection. */
export interface FilterRow {
	propertyName?: string;
	operator?: string;
	valueType?: FilterValueType | string;
	value?: unknown;
	longitude?: number | string;
	latitude?: number | string;
	maxDistanceMiles?: number | string;
}

export interface KeenFilter extends IDataObject {
	property_name?: string;
	operator: string;
	property_value?: IDataObject[keyof IDataObject];
	operands?: KeenFilter[];
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function autoScalar(text: string): IDataObject[keyof IDataObject] {
	const trimmed = text.trim();
	if (trimmed === 'true') return true;
	if (trimmed === 'false') return false;
	if (trimmed === 'null') return null;
	if (NUMBER.test(trimmed)) return Number(trimmed);
	return text;
}

function parseJsonValue(text: string, field: string, label: string): IDataObject[keyof IDataObject] {
	return parseJson(text, field, `${label}: the value`, 'Write a JSON value, e.g. ["a", "b"] for a list or 42 for a number.') as IDataObject[keyof IDataObject];
}

/** The value of one filter row, typed as the row asks (`auto` guesses from the text and the operator). */
function typedValue(row: FilterRow, operator: string, field: string, label: string): IDataObject[keyof IDataObject] {
	const raw = row.value;
	const text = typeof raw === 'string' ? raw : raw === undefined || raw === null ? '' : JSON.stringify(raw);
	switch (row.valueType ?? 'auto') {
		case 'string':
			return typeof raw === 'string' ? raw : text;
		case 'number': {
			const value = typeof raw === 'number' ? raw : NUMBER.test(text.trim()) ? Number(text) : NaN;
			if (Number.isNaN(value)) throw new KeenInputError(`${label}: ${JSON.stringify(text)} is not a number`, field, 'Enter a number such as 42 or 3.5, or change the value type.');
			return value;
		}
		case 'boolean': {
			if (typeof raw === 'boolean') return raw;
			const lower = text.trim().toLowerCase();
			if (lower !== 'true' && lower !== 'false') throw new KeenInputError(`${label}: ${JSON.stringify(text)} is not true or false`, field, 'Enter true or false, or change the value type.');
			return lower === 'true';
		}
		case 'null':
			return null;
		case 'json':
			return typeof raw === 'string' ? parseJsonValue(raw, field, label) : (raw as IDataObject[keyof IDataObject]);
		case 'auto':
			break;
		default:
			throw new KeenInputError(`${label}: unknown value type ${JSON.stringify(row.valueType)}`, field, 'Use Auto, String, Number, Boolean, Null or JSON.');
	}
	if (typeof raw !== 'string') return (raw ?? '') as IDataObject[keyof IDataObject];
	if (operator === 'exists') return text.trim() === '' ? true : autoScalar(text);
	const trimmed = text.trim();
	if (trimmed.startsWith('[') || (trimmed.startsWith('{') && operator !== 'regex')) return parseJsonValue(trimmed, field, label);
	// `in` takes a list: a comma-separated text is the friendly way to write one.
	if (operator === 'in') return trimmed === '' ? [] : trimmed.split(',').map((part) => autoScalar(part.trim()));
	return operator === 'regex' || operator === 'contains' || operator === 'not_contains' ? text : autoScalar(text);
}

function coordinate(raw: unknown, field: string, label: string, what: string, limit: number): number {
	const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
	if (typeof value !== 'number' || Number.isNaN(value) || Math.abs(value) > limit) {
		throw new KeenInputError(`${label}: the ${what} must be a number between -${limit} and ${limit}`, field, 'Enter decimal degrees, e.g. -122.42 for longitude and 37.77 for latitude.');
	}
	return value;
}

function rowToFilter(row: FilterRow, index: number, field: string): KeenFilter {
	const operator = String(row.operator ?? '');
	const label = `Filter ${index + 1}`;
	const filter: KeenFilter = { property_name: String(row.propertyName ?? '').trim(), operator };
	if (operator === 'within') {
		filter.property_value = {
			coordinates: [
				coordinate(row.longitude, field, label, 'longitude', 180),
				coordinate(row.latitude, field, label, 'latitude', 90),
			],
			max_distance_miles: Number(row.maxDistanceMiles),
		};
	} else {
		filter.property_value = typedValue(row, operator, field, label);
	}
	return filter;
}

function isScalar(value: unknown): boolean {
	return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

/** Checks one Keen filter the way Keen would (keen-api.md §7.6), so the mistake is reported before a query is spent. */
function validateFilter(filter: unknown, field: string, label: string): KeenFilter {
	if (!isPlainObject(filter)) {
		throw new KeenInputError(`${label} is not an object`, field, 'Each filter is an object with property_name, operator and property_value.');
	}
	const operator = filter.operator;
	if (operator === undefined && filter.property_name === undefined) {
		const keys = Object.keys(filter).slice(0, 5).map((key) => JSON.stringify(key)).join(', ') || 'none';
		throw new KeenInputError(
			`${label} is not a Keen filter: it has no "operator" and no "property_name" (its keys: ${keys})`,
			field,
			'Write each filter as {"property_name": "price", "operator": "gt", "property_value": 10}, in a JSON array.',
		);
	}
	const fail = (problem: string, hint: string): never => {
		throw new KeenInputError(`${label} (${String(filter.property_name ?? '')} ${String(operator)}): ${problem}`, field, hint);
	};
	if (operator === 'or') {
		const operands = filter.operands;
		if (!Array.isArray(operands) || operands.length === 0) fail('"or" needs a non-empty operands list', 'Write {"operator": "or", "operands": [filter, filter]}.');
		(operands as unknown[]).forEach((operand, index) => validateFilter(operand, field, `${label}, operand ${index + 1}`));
		return filter as KeenFilter;
	}
	if (typeof operator !== 'string' || !(FILTER_OPERATORS as readonly string[]).includes(operator)) {
		fail(`unknown operator ${JSON.stringify(operator)}`, `Use one of: ${FILTER_OPERATORS.join(', ')}.`);
	}
	const property = filter.property_name;
	if (typeof property !== 'string' || property.trim() === '') fail('the property name is empty', 'Name the event property to filter on, e.g. user.id.');
	const value = filter.property_value;
	switch (operator) {
		case 'in':
			if (!Array.isArray(value)) fail('"in" needs a list of values', 'Give a list such as ["US", "CA"] (or, with value type Auto, US, CA).');
			break;
		case 'exists':
			if (typeof value !== 'boolean') fail('"exists" needs true or false', 'Enter true (the property is set) or false (it is not).');
			break;
		case 'lt':
		case 'lte':
		case 'gt':
		case 'gte':
			if (typeof value !== 'number' && typeof value !== 'string') fail('comparisons need a number, a string or a date', 'Enter a number such as 10 or a date such as 2024-05-01T00:00:00Z.');
			break;
		case 'regex':
			if (typeof value !== 'string') fail('"regex" needs a pattern as text', 'Enter a regular expression such as ^user-\\d+$.');
			try {
				new RegExp(value as string);
			} catch (error) {
				fail(`the regular expression does not compile (${(error as Error).message})`, 'Fix the pattern; Keen uses RE2 syntax.');
			}
			break;
		case 'within': {
			if (property !== GEO_PROPERTY) fail(`"within" only works on ${GEO_PROPERTY}`, `Set the property name to ${GEO_PROPERTY}, or use another operator.`);
			const geo = isPlainObject(value) ? value : {};
			const coordinates = geo.coordinates;
			const miles = geo.max_distance_miles;
			if (!Array.isArray(coordinates) || coordinates.length !== 2 || !coordinates.every((c) => typeof c === 'number')) {
				fail('"within" needs coordinates [longitude, latitude]', 'Give {"coordinates": [-122.42, 37.77], "max_distance_miles": 10}.');
			}
			if (typeof miles !== 'number' || !(miles > 0)) fail('"within" needs a max distance in miles greater than 0', 'Enter the radius in miles, e.g. 10.');
			break;
		}
		default:
			if (!isScalar(value)) fail('the value must be a single text, number, boolean or null', 'Use "in" to match any of several values.');
	}
	return filter as KeenFilter;
}

/**
 * Keen's filter array from the node's filter rows, or from raw JSON text (an array of Keen filters).
 * `field` names the parameter the input came from, for errors.
 */
export function buildFilters(source: FilterRow[] | string | undefined, field: string): KeenFilter[] {
	if (source === undefined) return [];
	if (typeof source === 'string') {
		if (source.trim() === '') return [];
		const parsed = parseJson(
			source,
			field,
			'The filters',
			'Write a JSON array such as [{"property_name": "price", "operator": "gt", "property_value": 10}].',
		);
		const list = isPlainObject(parsed) ? [parsed] : parsed;
		if (!Array.isArray(list)) throw new KeenInputError('The filters must be a JSON array of filter objects', field, 'Wrap the filters in [ ].');
		return list.map((filter, index) => validateFilter(filter, field, `Filter ${index + 1}`));
	}
	return source.map((row, index) => validateFilter(rowToFilter(row, index, field), field, `Filter ${index + 1}`));
}

/** Filters from a JSON field: text as typed, or the array an expression returned (keen-api.md §7.6). */
export function filtersFromJson(value: unknown, field: string): KeenFilter[] {
	if (value === undefined || value === null) return [];
	return buildFilters(typeof value === 'string' ? value : JSON.stringify(value), field);
}
