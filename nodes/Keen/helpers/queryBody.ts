import type { IDataObject } from 'n8n-workflow';

import type { KeenFilter } from './filters';
import type { KeenTimeframe, KeenTimezone } from './timeframe';

/*
 * Query bodies from typed values (camelCase in, Keen's snake_case out: docs/keen-api.md §7.2). The
 * values are checked where they are read (the adapters in actions/queryInputs.ts, the trigger's
 * pollers), so the builders here neither parse nor throw. Every query is POSTed as JSON (§7.1),
 * so long filters never meet URL limits.
 */

/** What every query is about: a collection, a timeframe (optional only in a saved query's definition), a timezone and filters. */
export interface QueryScope {
	collection: string;
	timeframe?: KeenTimeframe;
	timezone?: KeenTimezone;
	filters?: KeenFilter[];
}

export interface OrderBy {
	property: string;
	direction: 'ASC' | 'DESC';
}

/** How a result is split: by interval and group, ordered and limited (docs/keen-api.md §7.2, §7.7). */
export interface Grouping {
	interval?: string;
	groupBy?: string[];
	orderBy?: OrderBy[];
	limit?: number;
	includeMetadata?: boolean;
	/** Seconds a cached result may be old for Keen to answer with it (docs/keen-api.md §7.2); unset: computed now. */
	maxAge?: number;
}

/** One analysis: Keen's name (`count`, `percentile` …) and what it needs. */
export interface Analysis {
	type: string;
	targetProperty?: string;
	percentile?: number;
}

/** A simple analysis (count … standard_deviation), a saved query's or dataset's query, or the trigger's metric. */
export interface AnalysisRequest extends QueryScope, Grouping {
	analysis: Analysis;
}

/** Labelled sub-analyses over one scope (docs/keen-api.md §7.11). */
export interface MultiAnalysisRequest extends QueryScope, Grouping {
	analyses: Array<{ label: string; analysis: Analysis }>;
}

export interface FunnelStep {
	collection: string;
	actorProperty: string;
	timeframe?: KeenTimeframe;
	filters?: KeenFilter[];
	optional?: boolean;
	inverted?: boolean;
	withActors?: boolean;
}

/** Ordered steps; the root timeframe applies to steps without their own (docs/keen-api.md §7.10). */
export interface FunnelRequest {
	timeframe: KeenTimeframe;
	timezone?: KeenTimezone;
	steps: FunnelStep[];
}

/** An extraction (docs/keen-api.md §7.9); `email` turns it into an emailed file. */
export interface ExtractionRequest extends QueryScope {
	latest?: number;
	propertyNames?: string[];
	email?: { address: string; contentType: string };
}

/** timeframe, timezone and filters, set when given (docs/keen-api.md §7.2). */
function scopeFields(scope: Omit<QueryScope, 'collection'>, body: IDataObject): IDataObject {
	if (scope.timeframe !== undefined) body.timeframe = scope.timeframe as IDataObject | string;
	if (scope.timezone !== undefined) body.timezone = scope.timezone;
	if (scope.filters?.length) body.filters = scope.filters;
	return body;
}

function groupingFields(grouping: Grouping, body: IDataObject): IDataObject {
	if (grouping.interval) body.interval = grouping.interval;
	const groupBy = grouping.groupBy ?? [];
	if (groupBy.length) body.group_by = groupBy.length === 1 ? groupBy[0] : groupBy;
	if (grouping.orderBy?.length) body.order_by = grouping.orderBy.map(({ property, direction }) => ({ property_name: property, direction }));
	if (grouping.limit !== undefined) body.limit = grouping.limit;
	if (grouping.includeMetadata === true) body.include_metadata = true;
	if (grouping.maxAge !== undefined) body.max_age = grouping.maxAge;
	return body;
}

function analysisFields(analysis: Analysis, body: IDataObject): IDataObject {
	if (analysis.targetProperty !== undefined) body.target_property = analysis.targetProperty;
	if (analysis.percentile !== undefined) body.percentile = analysis.percentile;
	return body;
}

/** The body of a simple analysis, e.g. POST /queries/count_unique. */
export function buildQueryBody(request: AnalysisRequest): IDataObject {
	const body = analysisFields(request.analysis, { event_collection: request.collection });
	return groupingFields(request, scopeFields(request, body));
}

/** The body of a multi-analysis: timeframe, filters, group_by and interval at the root only (docs/keen-api.md §7.11). */
export function buildMultiAnalysisBody(request: MultiAnalysisRequest): IDataObject {
	const analyses: IDataObject = {};
	for (const { label, analysis } of request.analyses) analyses[label] = analysisFields(analysis, { analysis_type: analysis.type });
	return groupingFields(request, scopeFields(request, { event_collection: request.collection, analyses }));
}

/** The body of a funnel: timeframe and timezone at the root, then the steps. */
export function buildFunnelBody(request: FunnelRequest): IDataObject {
	const body = scopeFields({ timeframe: request.timeframe, timezone: request.timezone }, {});
	body.steps = request.steps.map((step) => {
		const json: IDataObject = { event_collection: step.collection, actor_property: step.actorProperty };
		scopeFields({ timeframe: step.timeframe, filters: step.filters }, json);
		if (step.optional === true) json.optional = true;
		if (step.inverted === true) json.inverted = true;
		if (step.withActors === true) json.with_actors = true;
		return json;
	});
	return body;
}

/** The body of an extraction (docs/keen-api.md §7.9). */
export function buildExtractionBody(request: ExtractionRequest): IDataObject {
	const body = scopeFields(request, { event_collection: request.collection });
	if (request.latest !== undefined) body.latest = request.latest;
	if (request.propertyNames?.length) body.property_names = request.propertyNames;
	if (request.email) {
		body.email = request.email.address;
		body.content_type = request.email.contentType;
	}
	return body;
}
