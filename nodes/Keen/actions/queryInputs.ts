import type { IDataObject } from 'n8n-workflow';

import { KeenInputError } from '../helpers/errors';
import { filtersFromJson, type KeenFilter } from '../helpers/filters';
import { parseList, requiredText } from '../helpers/textInputs';
import { validatePercentile } from '../helpers/percentile';
import { type Analysis, type AnalysisRequest, type ExtractionRequest, type Grouping, type QueryScope } from '../helpers/queryBody';
import { buildQueryDefinition, parseQueryJson } from '../helpers/queryDefinition';
import {
	absoluteTimeframe,
	parseInterval,
	parseTimeframe,
	parseTimezone,
	positiveInteger,
	relativeTimeframe,
	TEXT_TIMEFRAME_HINT,
	timeUnit,
	type KeenTimeframe,
	type KeenTimezone,
} from '../helpers/timeframe';
import { filtersFromRows, type FilterRow } from './filterRows';
import type { RawParams } from './types';

/*
 * The adapters: one per group of UI fields (query.descriptions.ts, queryDefinition.descriptions.ts,
 * the extraction fields), each turning one item's parameters into the typed values the builders in
 * helpers/ take. Only here are the UI's field names known; an input error names the field at fault.
 */

/** What distinguishes one simple analysis from another: Keen's name and whether it needs a target and a percentile. */
export interface AnalysisShape {
	/** Keen's analysis name, e.g. `count_unique`. */
	analysis: string;
	target: 'none' | 'required';
	percentile?: boolean;
}

/** The Event Collection field. */
export function collectionOf(params: RawParams): string {
	return requiredText(params.collection, 'collection', 'The event collection', 'Pick the event collection to query.');
}

/** Timeframe Type and the fields it shows: a preset or custom relative timeframe, Start/End, or Text. */
export function timeframeOf(params: RawParams): KeenTimeframe {
	switch (params.timeframeType) {
		case 'absolute':
			return absoluteTimeframe(params.timeframeStart, params.timeframeEnd, 'timeframeStart', 'timeframeEnd');
		case 'text': {
			const timeframe = parseTimeframe(params.timeframeText, 'timeframeText');
			if (timeframe === undefined) throw new KeenInputError('The timeframe is empty', 'timeframeText', TEXT_TIMEFRAME_HINT);
			return timeframe;
		}
	}
	if (String(params.relativeTimeframe ?? '').trim() !== 'custom') return relativeTimeframe(params.relativeTimeframe, 'relativeTimeframe');
	const direction = params.timeframeDirection;
	if (direction !== 'this' && direction !== 'previous') {
		throw new KeenInputError(`Unknown timeframe direction ${JSON.stringify(direction)}`, 'timeframeDirection', 'Use "this" or "previous".');
	}
	const count = positiveInteger(params.timeframeCount, 'timeframeCount', 'The number of units');
	return `${direction}_${count}_${timeUnit(params.timeframeUnit, 'timeframeUnit')}`;
}

/** Timezone, or Other's Custom Timezone: an empty custom one is an error, not a silent UTC. */
export function timezoneOf(params: RawParams): KeenTimezone | undefined {
	if (params.timezone !== 'custom') return parseTimezone(params.timezone, 'timezone');
	const timezone = parseTimezone(params.customTimezone, 'customTimezone');
	if (timezone === undefined) {
		throw new KeenInputError(
			'The custom timezone is empty',
			'customTimezone',
			'Enter an IANA zone name such as Europe/Paris or an offset in seconds such as -28800, or pick a timezone from the list.',
		);
	}
	return timezone;
}

/** Interval: a named one, Custom (every N units) or Text; none gives undefined. */
export function intervalOf(params: RawParams): string | undefined {
	if (params.interval === 'text') return parseInterval(params.intervalText, 'intervalText');
	if (params.interval !== 'custom') return parseInterval(params.interval, 'interval');
	const count = positiveInteger(params.intervalCount, 'intervalCount', 'The interval length');
	return `every_${count}_${timeUnit(params.intervalUnit, 'intervalUnit')}`;
}

/** Filter rows, or Filters (JSON) when Filter Mode is JSON. */
export function filtersOf(params: RawParams): KeenFilter[] {
	if (params.filterMode === 'json') return filtersFromJson(params.filtersJson, 'filtersJson');
	return filtersFromRows(((params.filters as IDataObject | undefined)?.filter ?? []) as FilterRow[], 'filters');
}

/** Interval, Group By and the Options Order By / Limit / Include Metadata, with Keen's rules checked (docs/keen-api.md §7.2, §7.7). */
export function groupingOf(params: RawParams): Grouping {
	const grouping: Grouping = { interval: intervalOf(params), groupBy: parseList(params.groupBy) };
	const groupBy = grouping.groupBy ?? [];
	const options = (params.options ?? {}) as IDataObject;
	const order = (((options.orderBy as IDataObject | undefined)?.order ?? []) as IDataObject[]).filter(
		(entry) => String(entry.propertyName ?? '').trim() !== '',
	);
	if (order.length) {
		if (!groupBy.length) throw new KeenInputError('Order By needs Group By', 'options', 'Add a Group By property, or remove Order By.');
		grouping.orderBy = order.map((entry) => {
			const property = String(entry.propertyName).trim();
			if (property !== 'result' && !groupBy.includes(property)) {
				throw new KeenInputError(`Order By "${property}" is neither "result" nor a Group By property`, 'options', `Order by "result" or one of: ${groupBy.join(', ')}.`);
			}
			return { property, direction: entry.direction === 'DESC' ? 'DESC' : 'ASC' };
		});
	}
	if (options.limit !== undefined && options.limit !== null && options.limit !== '') {
		const limit = Number(options.limit);
		if (!Number.isInteger(limit) || limit < 1) throw new KeenInputError(`The limit must be a whole number of at least 1, got ${JSON.stringify(options.limit)}`, 'options', 'Enter 1 or more.');
		if (!order.length) throw new KeenInputError('Limit needs Order By (and Group By)', 'options', 'Keen keeps the first N groups in the chosen order: add Order By, or remove Limit.');
		grouping.limit = limit;
	}
	if (options.includeMetadata === true) grouping.includeMetadata = true;
	if (options.maxAge !== undefined && options.maxAge !== null && options.maxAge !== '') {
		const maxAge = Number(options.maxAge);
		if (!Number.isInteger(maxAge) || maxAge < 1) {
			throw new KeenInputError(`Max Age must be a whole number of seconds of at least 1, got ${JSON.stringify(options.maxAge)}`, 'options', 'Enter how old a cached result may be, e.g. 300 for five minutes.');
		}
		grouping.maxAge = maxAge;
	}
	return grouping;
}

/** The timeframe, timezone and filter fields, read in that order. */
export function scopeOf(params: RawParams): Omit<QueryScope, 'collection'> & { timeframe: KeenTimeframe } {
	return { timeframe: timeframeOf(params), timezone: timezoneOf(params), filters: filtersOf(params) };
}

/** Target Property and Percentile, as the analysis needs them. */
export function analysisOf(shape: AnalysisShape, params: RawParams): Analysis {
	const analysis: Analysis = { type: shape.analysis };
	if (shape.target === 'required') {
		analysis.targetProperty = requiredText(params.targetProperty, 'targetProperty', 'The target property', 'Pick the property to analyse, e.g. price or user.id.');
	}
	if (shape.percentile) analysis.percentile = validatePercentile(params.percentile);
	return analysis;
}

/** A simple analysis (count … standard_deviation) from its fields. */
export function analysisRequestOf(shape: AnalysisShape, params: RawParams): AnalysisRequest {
	// Read in the order of the fields, so the first error is the first faulty field.
	const collection = collectionOf(params);
	const analysis = analysisOf(shape, params);
	return { collection, analysis, ...scopeOf(params), ...groupingOf(params) };
}

/** An extraction from its fields; `emailContentType` (Send by Email) reads the Email field too. */
export function extractionRequestOf(params: RawParams, emailContentType?: string): ExtractionRequest {
	const collection = collectionOf(params);
	const request: ExtractionRequest = { collection, ...scopeOf(params) };
	const latest = params.latest;
	if (latest !== undefined && latest !== null && latest !== '' && latest !== 0) {
		const count = Number(latest);
		if (!Number.isInteger(count) || count < 1) throw new KeenInputError(`Latest must be a whole number of at least 1, got ${JSON.stringify(latest)}`, 'latest', 'Enter how many of the most recent events to extract, or 0 for all.');
		request.latest = count;
	}
	request.propertyNames = parseList(params.propertyNames);
	if (emailContentType !== undefined) {
		const address = requiredText(params.email, 'email', 'The email address', 'Enter the address Keen should send the file to.');
		if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(address)) throw new KeenInputError(`"${address}" is not an email address`, 'email', 'Enter an address such as me@example.com.');
		request.email = { address, contentType: emailContentType };
	}
	return request;
}

/** The query of a saved query or cached dataset, for one item's parameters: Query JSON, or the simple fields. */
export function queryFromParams(params: RawParams): IDataObject {
	if (params.definitionMode === 'json') return parseQueryJson(params.queryJson, 'queryJson');
	const type = String(params.analysisType);
	const collection = String(params.collection ?? '').trim();
	if (!collection) throw new KeenInputError('An event collection is required', 'collection', 'Pick the collection the query runs on.');
	const analysis: Analysis = { type };
	if (type !== 'count') {
		const target = String(params.targetProperty ?? '').trim();
		if (!target) throw new KeenInputError(`The ${type} analysis needs a target property`, 'targetProperty', 'Enter the property to analyse, e.g. price.');
		analysis.targetProperty = target;
	}
	if (type === 'percentile') analysis.percentile = validatePercentile(Number(params.percentile));
	return buildQueryDefinition({
		analysis,
		collection,
		timeframe: parseTimeframe(params.timeframe, 'timeframe'),
		timezone: parseTimezone(String(params.timezone ?? ''), 'timezone'),
		interval: parseInterval(params.interval, 'interval'),
		groupBy: parseList(params.groupBy),
		filters: filtersFromJson(params.filters, 'filters'),
	});
}
