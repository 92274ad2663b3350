import type { IDataObject } from 'n8n-workflow';

import { KeenInputError } from './errors';
import { buildQueryBody, type AnalysisRequest } from './queryBody';
import { groupByList } from './simplify';
import { isRelativeTimeframe } from './timeframe';
import { filledJsonObject, isPlainObject, parseJsonObject } from './json';

/** A JSON object field that may be left blank (→ `{}`). */
export function optionalJsonObject(value: unknown, field: string): IDataObject {
	if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) return {};
	return parseJsonObject(value, field);
}

/** An example query, for the Query JSON field's placeholder and the hint when it is left empty. */
export const QUERY_EXAMPLE = '{ "analysis_type": "count", "event_collection": "purchases", "timeframe": "this_14_days" }';

/** An example filter list, for placeholders and hints. */
export const FILTERS_EXAMPLE = '[{"property_name": "price", "operator": "gte", "property_value": 10}]';

/** The `query` object of a saved query or cached dataset (docs/keen-api.md §8.1, §9.1): a simple analysis that says which it is. */
export function buildQueryDefinition(request: AnalysisRequest): IDataObject {
	return { analysis_type: request.analysis.type, ...buildQueryBody(request) };
}

/** A whole query given as JSON; it must say which analysis it is (docs/keen-api.md §8.1). */
export function parseQueryJson(value: unknown, field: string): IDataObject {
	const query = filledJsonObject(value, field, 'The query JSON', QUERY_EXAMPLE);
	if (typeof query.analysis_type !== 'string' || query.analysis_type === '') {
		throw new KeenInputError(
			'The query JSON has no "analysis_type"',
			field,
			'Include e.g. "analysis_type": "count" and "event_collection" in the query JSON.',
		);
	}
	return query;
}

/**
 * Keen's rules for a cached dataset (docs/keen-api.md §9.1): a relative timeframe, an interval, at least
 * one index_by property, none of them also in group_by. `fields` names where each part came from.
 */
export function validateDatasetDefinition(
	query: IDataObject,
	indexBy: string[],
	fields: { timeframe: string; interval: string; indexBy: string },
): void {
	if (typeof query.timeframe !== 'string' || !isRelativeTimeframe(query.timeframe)) {
		throw new KeenInputError(
			'A cached dataset needs a relative timeframe',
			fields.timeframe,
			'Use a relative timeframe such as this_90_days; datasets do not accept absolute ones.',
		);
	}
	if (typeof query.interval !== 'string' || query.interval === '') {
		throw new KeenInputError('A cached dataset needs an interval', fields.interval, 'Set an interval such as daily or hourly.');
	}
	if (indexBy.length === 0) {
		throw new KeenInputError('A cached dataset needs at least one Index By property', fields.indexBy, 'Enter e.g. product.id.');
	}
	const groupBy = groupByList(query.group_by);
	const clash = indexBy.find((property) => groupBy.includes(property));
	if (clash) {
		throw new KeenInputError(
			`"${clash}" is both an Index By property and a Group By property`,
			fields.indexBy,
			'Remove it from Group By: the dataset is already split by its index.',
		);
	}
}

/**
 * The `index_by` query value of a dataset result request (docs/keen-api.md §9.3): a plain value for a
 * single-index dataset, or a JSON object mapping every index property to a value.
 */
export function datasetIndexValue(value: unknown, field: string): string {
	if (isPlainObject(value)) return JSON.stringify(value);
	const text = typeof value === 'number' || typeof value === 'boolean' ? String(value) : typeof value === 'string' ? value.trim() : '';
	if (text === '') {
		throw new KeenInputError('An index value is required', field, 'Enter the value of the index property, e.g. product-123, or {"product.id": "p1"}.');
	}
	if (!text.startsWith('{')) return text;
	return JSON.stringify(parseJsonObject(text, field));
}
