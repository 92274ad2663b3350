import type { IDataObject } from 'n8n-workflow';

import { KeenInputError } from './errors';
import { isPlainObject, parseJson } from './json';

/** Every operator Keen documents (docs/keen-api.md §7.6); `or` combines filters and is only reachable through raw JSON. */
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

/** docs/keen-api.md §7.6: `within` is only allowed on this property (else 400 InvalidPropertyNameForGeoFilter). */
export const GEO_PROPERTY = 'keen.location.coordinates';

/** One Keen filter (docs/keen-api.md §7.6); `or` holds its operands instead of a property and value. */
export interface KeenFilter extends IDataObject {
	property_name?: string;
	operator: string;
	property_value?: IDataObject[keyof IDataObject];
	operands?: KeenFilter[];
}

function isScalar(value: unknown): boolean {
	return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

/** Checks one Keen filter the way Keen would (docs/keen-api.md §7.6), so the mistake is reported before a query is spent. */
export function validateFilter(filter: unknown, field: string, label: string): KeenFilter {
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

/** Filters from a JSON field (docs/keen-api.md §7.6): an array of Keen filters (or one filter) as text, or as the value an expression returned. */
export function filtersFromJson(value: unknown, field: string): KeenFilter[] {
	if (value === undefined || value === null) return [];
	const text = typeof value === 'string' ? value : JSON.stringify(value);
	if (text.trim() === '') return [];
	const parsed = parseJson(
		text,
		field,
		'The filters',
		'Write a JSON array such as [{"property_name": "price", "operator": "gt", "property_value": 10}].',
	);
	const list = isPlainObject(parsed) ? [parsed] : parsed;
	if (!Array.isArray(list)) throw new KeenInputError('The filters must be a JSON array of filter objects', field, 'Wrap the filters in [ ].');
	return list.map((filter, index) => validateFilter(filter, field, `Filter ${index + 1}`));
}
