import type { IDataObject } from 'n8n-workflow';

import { KeenInputError } from '../helpers/errors';
import { validateFilter, type KeenFilter } from '../helpers/filters';
import { parseJson } from '../helpers/json';

/*
 * The adapter of the Filters rows (query.descriptions.ts filterFields): each row's Value Type decides
 * how its Value is read; the resulting Keen filter is then checked like one written as JSON.
 */

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

/** Keen's filter array from the node's filter rows; `field` names the Filters field for errors. */
export function filtersFromRows(rows: FilterRow[], field: string): KeenFilter[] {
	return rows.map((row, index) => validateFilter(rowToFilter(row, index, field), field, `Filter ${index + 1}`));
}
