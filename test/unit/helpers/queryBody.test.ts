import type { IDataObject } from 'n8n-workflow';

import {
	buildExtractionBody,
	buildFunnelBody,
	buildMultiAnalysisBody,
	buildQueryBody,
	validatePercentile,
	type AnalysisShape,
} from '../../../nodes/Keen/helpers/queryBody';
import { inputErrorOf } from '../support';

const base: IDataObject = { collection: 'purchases', timeframeType: 'relative', relativeTimeframe: 'this_7_days', timezone: 'UTC' };
const sum: AnalysisShape = { analysis: 'sum', target: 'required' };
const count: AnalysisShape = { analysis: 'count', target: 'none' };
const percentile: AnalysisShape = { analysis: 'percentile', target: 'required', percentile: true };

describe('buildQueryBody', () => {
	it.each<[string, AnalysisShape, IDataObject, IDataObject]>([
		['count, no target', count, { targetProperty: 'ignored' }, { event_collection: 'purchases', timeframe: 'this_7_days', timezone: 'UTC' }],
		['sum with target', sum, { targetProperty: 'price' }, { event_collection: 'purchases', target_property: 'price', timeframe: 'this_7_days', timezone: 'UTC' }],
		[
			'percentile',
			percentile,
			{ targetProperty: 'price', percentile: 99.5 },
			{ event_collection: 'purchases', target_property: 'price', percentile: 99.5, timeframe: 'this_7_days', timezone: 'UTC' },
		],
		[
			'everything',
			count,
			{
				timezone: 'custom',
				customTimezone: '-28800',
				interval: 'custom',
				intervalCount: 2,
				intervalUnit: 'days',
				groupBy: ['item.id', 'country'],
				filters: { filter: [{ propertyName: 'price', operator: 'gt', value: '10' }] },
				options: { orderBy: { order: [{ propertyName: 'result', direction: 'DESC' }] }, limit: 5, includeMetadata: true },
			},
			{
				event_collection: 'purchases',
				timeframe: 'this_7_days',
				timezone: -28800,
				filters: [{ property_name: 'price', operator: 'gt', property_value: 10 }],
				interval: 'every_2_days',
				group_by: ['item.id', 'country'],
				order_by: [{ property_name: 'result', direction: 'DESC' }],
				limit: 5,
				include_metadata: true,
			},
		],
		[
			'group by from an expression, JSON filters',
			count,
			{ groupBy: 'country', filterMode: 'json', filtersJson: '[{"property_name":"a","operator":"exists","property_value":true}]' },
			{
				event_collection: 'purchases',
				timeframe: 'this_7_days',
				timezone: 'UTC',
				filters: [{ property_name: 'a', operator: 'exists', property_value: true }],
				group_by: 'country',
			},
		],
	])('%s', (_name, shape, params, expected) => expect(buildQueryBody(shape, { ...base, ...params })).toEqual(expected));

	it.each<[string, AnalysisShape, IDataObject, string, RegExp]>([
		['no collection', count, { collection: '' }, 'collection', /event collection is empty/],
		['no target', sum, { targetProperty: '' }, 'targetProperty', /target property is empty/],
		['percentile 0', percentile, { targetProperty: 'p', percentile: 0 }, 'percentile', /greater than 0/],
		['percentile 100.5', percentile, { targetProperty: 'p', percentile: 100.5 }, 'percentile', /at most 100/],
		['percentile 3 decimals', percentile, { targetProperty: 'p', percentile: 99.999 }, 'percentile', /two decimals/],
		['order by without group by', count, { options: { orderBy: { order: [{ propertyName: 'result' }] } } }, 'options', /needs Group By/],
		['order by an unknown property', count, { groupBy: ['a'], options: { orderBy: { order: [{ propertyName: 'b' }] } } }, 'options', /neither/],
		['limit without order by', count, { groupBy: ['a'], options: { limit: 3 } }, 'options', /needs Order By/],
		['invalid JSON filters', count, { filterMode: 'json', filtersJson: '[{' }, 'filtersJson', /could not be parsed as JSON/],
		['bad timeframe', count, { relativeTimeframe: 'custom', timeframeDirection: 'this', timeframeCount: 0, timeframeUnit: 'days' }, 'timeframeCount', /at least 1/],
	])('rejects %s', (_name, shape, params, field, message) => {
		const error = inputErrorOf(() => buildQueryBody(shape, { ...base, ...params }));
		expect(error.field).toBe(field);
		expect(error.message).toMatch(message);
	});

	it.each([[50], [0.01], [100], ['99.95'], [33.33]])('accepts percentile %s', (value) => expect(validatePercentile(value)).toBe(Number(value)));
});

describe('buildMultiAnalysisBody', () => {
	const targets = { count: 'none', sum: 'required', percentile: 'required' } as const;
	it('puts labelled analyses in, timeframe and filters at the root', () => {
		expect(
			buildMultiAnalysisBody(
				{
					...base,
					groupBy: ['item.id'],
					analyses: {
						analysis: [
							{ label: 'total', analysisType: 'sum', targetProperty: 'price' },
							{ label: 'n', analysisType: 'count', targetProperty: '' },
							{ label: 'p90', analysisType: 'percentile', targetProperty: 'price', percentile: 90 },
						],
					},
				},
				targets,
			),
		).toEqual({
			event_collection: 'purchases',
			analyses: {
				total: { analysis_type: 'sum', target_property: 'price' },
				n: { analysis_type: 'count' },
				p90: { analysis_type: 'percentile', target_property: 'price', percentile: 90 },
			},
			timeframe: 'this_7_days',
			timezone: 'UTC',
			group_by: 'item.id',
		});
	});

	it.each<[string, IDataObject[], RegExp]>([
		['none', [], /No analyses/],
		['duplicate label', [{ label: 'a', analysisType: 'count' }, { label: 'a', analysisType: 'count' }], /used twice/],
		['missing target', [{ label: 'a', analysisType: 'sum' }], /target property/],
		['unknown type', [{ label: 'a', analysisType: 'funnel' }], /unknown type/],
		['bad percentile', [{ label: 'a', analysisType: 'percentile', targetProperty: 'p', percentile: 101 }], /percentile/],
	])('rejects %s', (_name, rows, message) => {
		const error = inputErrorOf(() => buildMultiAnalysisBody({ ...base, analyses: { analysis: rows } }, targets));
		expect(error.field).toBe('analyses');
		expect(error.message).toMatch(message);
	});
});

describe('buildFunnelBody', () => {
	it('builds steps with their options', () => {
		expect(
			buildFunnelBody({
				...base,
				steps: {
					step: [
						{ eventCollection: 'signups', actorProperty: 'user.id', timeframe: '', filtersJson: '[]' },
						{
							eventCollection: 'purchases',
							actorProperty: 'user.id',
							timeframe: '{"start":"2024-05-01","end":"2024-05-08"}',
							filtersJson: '[{"property_name":"price","operator":"gt","property_value":0}]',
							optional: true,
							inverted: false,
							withActors: true,
						},
					],
				},
			}),
		).toEqual({
			timeframe: 'this_7_days',
			timezone: 'UTC',
			steps: [
				{ event_collection: 'signups', actor_property: 'user.id' },
				{
					event_collection: 'purchases',
					actor_property: 'user.id',
					timeframe: { start: '2024-05-01T00:00:00.000Z', end: '2024-05-08T00:00:00.000Z' },
					filters: [{ property_name: 'price', operator: 'gt', property_value: 0 }],
					optional: true,
					with_actors: true,
				},
			],
		});
	});

	it.each<[string, IDataObject[], RegExp]>([
		['no steps', [], /No funnel steps/],
		['no actor property', [{ eventCollection: 'a', actorProperty: '' }], /Step 1: the actor property is empty/],
		['bad step timeframe', [{ eventCollection: 'a', actorProperty: 'u', timeframe: 'last_week' }], /Step 1: Unknown timeframe/],
		['bad step filters', [{ eventCollection: 'a', actorProperty: 'u', filtersJson: '[{' }], /Step 1: The filters could not be parsed as JSON/],
	])('rejects %s', (_name, rows, message) => {
		const error = inputErrorOf(() => buildFunnelBody({ ...base, steps: { step: rows } }));
		expect(error.field).toBe('steps');
		expect(error.message).toMatch(message);
	});
});

describe('buildExtractionBody', () => {
	it.each<[string, IDataObject, { address: string; contentType: string } | undefined, IDataObject]>([
		['plain', {}, undefined, { event_collection: 'purchases', timeframe: 'this_7_days', timezone: 'UTC' }],
		[
			'latest and property names',
			{ latest: 10, propertyNames: 'user.id, price' },
			undefined,
			{ event_collection: 'purchases', timeframe: 'this_7_days', timezone: 'UTC', latest: 10, property_names: ['user.id', 'price'] },
		],
		['latest 0 = all', { latest: 0 }, undefined, { event_collection: 'purchases', timeframe: 'this_7_days', timezone: 'UTC' }],
		[
			'email',
			{},
			{ address: 'me@example.com', contentType: 'text/csv' },
			{ event_collection: 'purchases', timeframe: 'this_7_days', timezone: 'UTC', email: 'me@example.com', content_type: 'text/csv' },
		],
	])('%s', (_name, params, email, expected) => expect(buildExtractionBody({ ...base, ...params }, email)).toEqual(expected));

	it.each<[string, IDataObject, { address: string; contentType: string } | undefined, string]>([
		['negative latest', { latest: -1 }, undefined, 'latest'],
		['bad email', {}, { address: 'not-an-address', contentType: 'text/csv' }, 'email'],
		['empty email', {}, { address: '', contentType: 'text/csv' }, 'email'],
	])('rejects %s', (_name, params, email, field) => expect(inputErrorOf(() => buildExtractionBody({ ...base, ...params }, email)).field).toBe(field));
});
