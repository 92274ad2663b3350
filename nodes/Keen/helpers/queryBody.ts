import type { IDataObject } from 'n8n-workflow';

import { KeenInputError } from './errors';
import { buildFilters, filtersFromJson, type FilterRow, type KeenFilter } from './filters';
import { buildInterval, buildTimeframe, buildTimezone, parseTimeframe } from './timeframe';

/*
 * Query bodies from the node's parameters (camelCase in, Keen's snake_case out: keen-api.md §7.2).
 * Every query is POSTed as JSON (§7.1), so long filters never meet URL limits.
 */

/** What distinguishes one simple analysis from another for the body. */
export interface AnalysisShape {
	/** Keen's analysis name, e.g. `count_unique`. */
	analysis: string;
	target: 'none' | 'required';
	percentile?: boolean;
}

/** The node parameters a query body is built from (names as in query.descriptions.ts). */
export type QueryParams = IDataObject;

function requiredText(value: unknown, field: string, what: string, hint: string): string {
	const text = typeof value === 'string' ? value.trim() : value === undefined || value === null ? '' : String(value);
	if (text === '') throw new KeenInputError(`${what} is empty`, field, hint);
	return text;
}

/** keen-api.md §7.2: a percentile lies in (0, 100] with at most two decimals. */
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

/** Property names from a multi-select (a list) or an expression (a list or comma-separated text). */
export function propertyList(value: unknown): string[] {
	const parts = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [];
	return parts.map((part) => String(part).trim()).filter((part) => part !== '');
}

function filtersOf(params: QueryParams): KeenFilter[] {
	if (params.filterMode === 'json') return filtersFromJson(params.filtersJson, 'filtersJson');
	const rows = ((params.filters as IDataObject | undefined)?.filter ?? []) as FilterRow[];
	return buildFilters(rows, 'filters');
}

/** timeframe, timezone and filters: the fields every query shares (keen-api.md §7.2). */
function commonFields(params: QueryParams, withFilters = true): IDataObject {
	const body: IDataObject = { timeframe: buildTimeframe(params) as IDataObject | string };
	const timezone = buildTimezone(params.timezone, params.customTimezone);
	if (timezone !== undefined) body.timezone = timezone;
	if (withFilters) {
		const filters = filtersOf(params);
		if (filters.length) body.filters = filters;
	}
	return body;
}

function collectionOf(params: QueryParams): string {
	return requiredText(params.collection, 'collection', 'The event collection', 'Pick the event collection to query.');
}

/** group_by, interval, order_by, limit and include_metadata, with Keen's rules checked (keen-api.md §7.2, §7.7). */
function groupingFields(params: QueryParams, body: IDataObject): void {
	const interval = buildInterval(params);
	if (interval) body.interval = interval;
	const groupBy = propertyList(params.groupBy);
	if (groupBy.length) body.group_by = groupBy.length === 1 ? groupBy[0] : groupBy;
	const options = (params.options ?? {}) as IDataObject;
	const order = (((options.orderBy as IDataObject | undefined)?.order ?? []) as IDataObject[]).filter(
		(entry) => String(entry.propertyName ?? '').trim() !== '',
	);
	if (order.length) {
		if (!groupBy.length) throw new KeenInputError('Order By needs Group By', 'options', 'Add a Group By property, or remove Order By.');
		body.order_by = order.map((entry) => {
			const property = String(entry.propertyName).trim();
			if (property !== 'result' && !groupBy.includes(property)) {
				throw new KeenInputError(`Order By "${property}" is neither "result" nor a Group By property`, 'options', `Order by "result" or one of: ${groupBy.join(', ')}.`);
			}
			return { property_name: property, direction: entry.direction === 'DESC' ? 'DESC' : 'ASC' };
		});
	}
	if (options.limit !== undefined && options.limit !== null && options.limit !== '') {
		const limit = Number(options.limit);
		if (!Number.isInteger(limit) || limit < 1) throw new KeenInputError(`The limit must be a whole number of at least 1, got ${JSON.stringify(options.limit)}`, 'options', 'Enter 1 or more.');
		if (!order.length) throw new KeenInputError('Limit needs Order By (and Group By)', 'options', 'Keen keeps the first N groups in the chosen order: add Order By, or remove Limit.');
		body.limit = limit;
	}
	if (options.includeMetadata === true) body.include_metadata = true;
}

/** The body of a simple analysis (count … standard_deviation), e.g. POST /queries/count_unique. */
export function buildQueryBody(shape: AnalysisShape, params: QueryParams): IDataObject {
	const body: IDataObject = { event_collection: collectionOf(params) };
	if (shape.target === 'required') {
		body.target_property = requiredText(params.targetProperty, 'targetProperty', 'The target property', 'Pick the property to analyse, e.g. price or user.id.');
	}
	if (shape.percentile) body.percentile = validatePercentile(params.percentile);
	Object.assign(body, commonFields(params));
	groupingFields(params, body);
	return body;
}

/** The body of a multi-analysis: labelled sub-analyses, with timeframe, filters, group_by and interval at the root only (keen-api.md §7.11). */
export function buildMultiAnalysisBody(params: QueryParams, targets: Record<string, 'none' | 'required'>): IDataObject {
	const rows = ((params.analyses as IDataObject | undefined)?.analysis ?? []) as IDataObject[];
	if (!rows.length) throw new KeenInputError('No analyses given', 'analyses', 'Add at least one analysis, e.g. label "total", Sum of price.');
	const analyses: IDataObject = {};
	rows.forEach((row, index) => {
		const label = requiredText(row.label, 'analyses', `The label of analysis ${index + 1}`, 'Give each analysis a label; it becomes the column name.');
		if (label in analyses) throw new KeenInputError(`The label "${label}" is used twice`, 'analyses', 'Give each analysis its own label.');
		const type = String(row.analysisType ?? '');
		if (!(type in targets)) {
			throw new KeenInputError(`Analysis "${label}" has unknown type ${JSON.stringify(type)}`, 'analyses', `Use one of: ${Object.keys(targets).join(', ')}.`);
		}
		const sub: IDataObject = { analysis_type: type };
		if (targets[type] === 'required') {
			sub.target_property = requiredText(row.targetProperty, 'analyses', `The target property of analysis "${label}"`, 'Name the property to analyse, e.g. price.');
		}
		if (type === 'percentile') sub.percentile = validatePercentile(row.percentile, 'analyses');
		analyses[label] = sub;
	});
	const body: IDataObject = { event_collection: collectionOf(params), analyses };
	Object.assign(body, commonFields(params));
	groupingFields(params, body);
	return body;
}

/** Runs a builder for one funnel step; its input error is reported on the Steps field, prefixed with the step. */
function inStep<T>(label: string, build: () => T): T {
	let failure: KeenInputError;
	try {
		return build();
	} catch (error) {
		failure = error instanceof KeenInputError ? error : new KeenInputError(String(error), 'steps');
	}
	throw new KeenInputError(`${label}: ${failure.message}`, 'steps', failure.hint);
}

/** The body of a funnel: ordered steps, each a collection and actor property; timeframe and timezone at the root (keen-api.md §7.10). */
export function buildFunnelBody(params: QueryParams): IDataObject {
	const rows = ((params.steps as IDataObject | undefined)?.step ?? []) as IDataObject[];
	if (!rows.length) throw new KeenInputError('No funnel steps given', 'steps', 'Add at least one step: an event collection and the actor property, e.g. user.id.');
	const steps = rows.map((row, index) => {
		const label = `Step ${index + 1}`;
		const step: IDataObject = {
			event_collection: requiredText(row.eventCollection, 'steps', `${label}: the event collection`, 'Name the event collection of this step.'),
			actor_property: requiredText(row.actorProperty, 'steps', `${label}: the actor property`, 'Name the property that identifies an actor, e.g. user.id.'),
		};
		const timeframe = inStep(label, () => parseTimeframe(row.timeframe, 'steps'));
		if (timeframe !== undefined) step.timeframe = timeframe as IDataObject | string;
		const filters = inStep(label, () => filtersFromJson(row.filtersJson, 'steps'));
		if (filters.length) step.filters = filters;
		if (row.optional === true) step.optional = true;
		if (row.inverted === true) step.inverted = true;
		if (row.withActors === true) step.with_actors = true;
		return step;
	});
	const body = commonFields(params, false);
	body.steps = steps;
	return body;
}

/** The body of an extraction (keen-api.md §7.9); `email` turns it into an emailed file. */
export function buildExtractionBody(params: QueryParams, email?: { address: string; contentType: string }): IDataObject {
	const body: IDataObject = { event_collection: collectionOf(params) };
	Object.assign(body, commonFields(params));
	const latest = params.latest;
	if (latest !== undefined && latest !== null && latest !== '' && latest !== 0) {
		const count = Number(latest);
		if (!Number.isInteger(count) || count < 1) throw new KeenInputError(`Latest must be a whole number of at least 1, got ${JSON.stringify(latest)}`, 'latest', 'Enter how many of the most recent events to extract, or 0 for all.');
		body.latest = count;
	}
	const propertyNames = propertyList(params.propertyNames);
	if (propertyNames.length) body.property_names = propertyNames;
	if (email) {
		const address = requiredText(email.address, 'email', 'The email address', 'Enter the address Keen should send the file to.');
		if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(address)) throw new KeenInputError(`"${address}" is not an email address`, 'email', 'Enter an address such as me@example.com.');
		body.email = address;
		body.content_type = email.contentType;
	}
	return body;
}
