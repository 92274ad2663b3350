import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { KeenInputError } from '../../helpers/errors';
import type { KeenFilter } from '../../helpers/filters';
import { keenPath } from '../../helpers/path';
import type { KeenTimeframe, KeenTimezone } from '../../helpers/timeframe';
import { collectionRlc } from '../common.descriptions';
import { filterFields, timeframeFields, timezoneFields } from '../query.descriptions';
import { filtersOf, timeframeOf, timezoneOf } from '../queryInputs';
import type { KeenOperation, RawParams } from '../types';
import { ALL_TIME, collectionName, collectionPath } from './collection.common';
import { ROUTES } from '../../transport/routes';

function withTimeframeSwitch(field: INodeProperties): INodeProperties {
	return { ...field, displayOptions: { show: { limitTimeframe: [true], ...field.displayOptions?.show } } };
}

const properties: INodeProperties[] = [
	collectionRlc,
	...filterFields.map((field) => (field.name === 'filters' ? { ...field, description: 'Only events matching all these filters are deleted' } : field)),
	{
		displayName: 'Limit to Timeframe',
		name: 'limitTimeframe',
		type: 'boolean',
		default: false,
		description: 'Whether to delete only events whose keen.timestamp lies in a timeframe',
	},
	...[...timeframeFields, ...timezoneFields].map(withTimeframeSwitch),
	{
		displayName: 'Dry Run',
		name: 'dryRun',
		type: 'boolean',
		default: false,
		description: 'Whether to only count the matching events (with the read key) instead of deleting them',
	},
];

interface Scope {
	filters: KeenFilter[];
	timeframe?: KeenTimeframe;
	timezone?: KeenTimezone;
}

function scopeOf(params: RawParams): Scope {
	const filters = filtersOf(params);
	const scope: Scope = { filters };
	if (params.limitTimeframe === true) {
		scope.timeframe = timeframeOf(params);
		scope.timezone = timezoneOf(params);
	}
	if (filters.length === 0 && scope.timeframe === undefined) {
		throw new KeenInputError(
			'Delete Events needs filters or a timeframe',
			params.filterMode === 'json' ? 'filtersJson' : 'filters',
			'Without either Keen would delete the whole collection. Add a filter or turn on Limit to Timeframe; to delete everything use Collection → Delete. Nothing was deleted.',
		);
	}
	return scope;
}

/** docs/keen-api.md §6: DELETE ignores any body, so filters, timeframe and timezone go JSON-encoded in the query string. */
function deleteQuery({ filters, timeframe, timezone }: Scope): IDataObject {
	const qs: IDataObject = {};
	if (filters.length) qs.filters = JSON.stringify(filters);
	if (timeframe !== undefined) qs.timeframe = typeof timeframe === 'string' ? timeframe : JSON.stringify(timeframe);
	if (timezone !== undefined) qs.timezone = String(timezone);
	return qs;
}

export const deleteEvents: KeenOperation = {
	resource: 'collection',
	value: 'deleteEvents',
	name: 'Delete Events',
	action: 'Delete events from a collection',
	description: 'Delete the events of a collection that match filters and/or a timeframe, or count them in a dry run',
	routes: [ROUTES.deleteEvents, ROUTES.runAnalysis],
	properties,
	run: async (ctx, params) => {
		const collection = collectionName(params);
		// Built first, so a refused name stops the dry run too.
		const path = collectionPath(params);
		const scope = scopeOf(params);
		if (params.dryRun === true) {
			const body: IDataObject = { event_collection: collection, timeframe: (scope.timeframe ?? ALL_TIME) as IDataObject | string };
			if (scope.filters.length) body.filters = scope.filters;
			if (scope.timezone !== undefined) body.timezone = scope.timezone;
			const answer = (await ctx.request({ method: 'POST', path: keenPath('queries', 'count'), body })) as IDataObject;
			return [{ json: { dryRun: true, collection, matchingEvents: answer?.result as number } }];
		}
		await ctx.request({ method: 'DELETE', path, qs: deleteQuery(scope) });
		const json: IDataObject = { deleted: true, collection };
		if (scope.filters.length) json.filters = scope.filters;
		if (scope.timeframe !== undefined) json.timeframe = scope.timeframe as IDataObject | string;
		if (scope.timezone !== undefined) json.timezone = scope.timezone;
		return [{ json }];
	},
};
