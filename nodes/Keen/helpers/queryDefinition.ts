import type { IDataObject } from 'n8n-workflow';

import { KeenInputError } from './errors';
import { parseFieldList } from './eventBuilder';
import { filtersFromJson } from './filters';
import { groupByList } from './simplify';
import { validatePercentile } from './queryBody';
import { buildInterval, buildTimezone, isRelativeTimeframe, parseTimeframe } from './timeframe';
import { isPlainObject, parseJsonObject } from './json';

/** The simple fields of a query definition, as read from the node's parameters. */
export interface SimpleQueryFields {
	analysisType: string;
	collection: string;
	targetProperty?: string;
	percentile?: number;
	timeframe?: unknown;
	timezone?: string;
	interval?: string;
	groupBy?: unknown;
	filters?: unknown;
}

/** A JSON object field that may be left blank (→ `{}`). */
export function optionalJsonObject(value: unknown, field: string): IDataObject {
	if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) return {};
	return parseJsonObject(value, field);
}

/** An example filter list, for placeholders and hints. */
export const FILTERS_EXAMPLE = '[{"property_name": "price", "operator": "gte", "property_value": 10}]';

/** The `query` object of a saved query or dataset built from simple fields (keen-api.md §7.2, §8.1). */
export function buildQueryDefinition(fields: SimpleQueryFields): IDataObject {
	const query: IDataObject = { analysis_type: fields.analysisType };
	if (!fields.collection?.trim()) {
		throw new KeenInputError('An event collection is required', 'collection', 'Pick the collection the query runs on.');
	}
	query.event_collection = fields.collection.trim();
	if (fields.analysisType !== 'count') {
		if (!fields.targetProperty?.trim()) {
			throw new KeenInputError(
				`The ${fields.analysisType} analysis needs a target property`,
				'targetProperty',
				'Enter the property to analyse, e.g. price.',
			);
		}
		query.target_property = fields.targetProperty.trim();
	}
	if (fields.analysisType === 'percentile') query.percentile = validatePercentile(fields.percentile);
	const timeframe = parseTimeframe(fields.timeframe, 'timeframe');
	if (timeframe !== undefined) query.timeframe = timeframe;
	const timezone = buildTimezone(fields.timezone);
	if (timezone !== undefined) query.timezone = timezone;
	const interval = buildInterval({ interval: fields.interval });
	if (interval !== undefined) query.interval = interval;
	const groupBy = parseFieldList(fields.groupBy);
	if (groupBy.length) query.group_by = groupBy.length === 1 ? groupBy[0] : groupBy;
	const filters = filtersFromJson(fields.filters, 'filters');
	if (filters.length) query.filters = filters;
	return query;
}

/** A whole query given as JSON; it must say which analysis it is (keen-api.md §8.1). */
export function parseQueryJson(value: unknown, field: string): IDataObject {
	const query = optionalJsonObject(value, field);
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
 * Keen's rules for a cached dataset (keen-api.md §9.1): a relative timeframe, an interval, at least
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
 * The `index_by` query value of a dataset result request (keen-api.md §9.3): a plain value for a
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
