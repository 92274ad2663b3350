import type { IDataObject } from 'n8n-workflow';

import { funnel } from '../../../nodes/Keen/actions/query/funnel.operation';
import { multiAnalysis } from '../../../nodes/Keen/actions/query/multiAnalysis.operation';
import { analysisRequestOf, extractionRequestOf, intervalOf, timeframeOf, timezoneOf, type AnalysisShape } from '../../../nodes/Keen/actions/queryInputs';
import { buildExtractionBody, buildQueryBody } from '../../../nodes/Keen/helpers/queryBody';
import { validatePercentile } from '../../../nodes/Keen/helpers/percentile';
import { fieldOf, inputErrorOf } from '../support';

/*
 * The adapters read one item's parameters into typed values; the builders turn those into Keen's
 * bodies. These tables go from parameters to the body, through both.
 */
const buildAnalysis = (shape: AnalysisShape, params: IDataObject) => buildQueryBody(analysisRequestOf(shape, params));
const buildMulti = (params: IDataObject) => multiAnalysis.body!(params);
const buildFunnel = (params: IDataObject) => funnel.body!(params);
const buildExtraction = (params: IDataObject, contentType?: string) => buildExtractionBody(extractionRequestOf(params, contentType));

const base: IDataObject = { collection: 'purchases', timeframeType: 'relative', relativeTimeframe: 'this_7_days', timezone: 'UTC' };
const sum: AnalysisShape = { analysis: 'sum', target: 'required' };
const count: AnalysisShape = { analysis: 'count', target: 'none' };
const percentile: AnalysisShape = { analysis: 'percentile', target: 'required', percentile: true };

describe('a simple analysis', () => {
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
	])('%s', (_name, shape, params, expected) => expect(buildAnalysis(shape, { ...base, ...params })).toEqual(expected));

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
		const error = inputErrorOf(() => buildAnalysis(shape, { ...base, ...params }));
		expect(error.field).toBe(field);
		expect(error.message).toMatch(message);
	});

	it.each([[50], [0.01], [100], ['99.95'], [33.33]])('accepts percentile %s', (value) => expect(validatePercentile(value)).toBe(Number(value)));
});

describe('Multi-Analysis', () => {
	it('puts labelled analyses in, timeframe and filters at the root', () => {
		expect(
			buildMulti({
					...base,
					groupBy: ['item.id'],
					analyses: {
						analysis: [
							{ label: 'total', analysisType: 'sum', targetProperty: 'price' },
							{ label: 'n', analysisType: 'count', targetProperty: '' },
							{ label: 'p90', analysisType: 'percentile', targetProperty: 'price', percentile: 90 },
						],
					},
			}),
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
		const error = inputErrorOf(() => buildMulti({ ...base, analyses: { analysis: rows } }));
		expect(error.field).toBe('analyses');
		expect(error.message).toMatch(message);
	});
});

describe('Funnel', () => {
	it('builds steps with their options', () => {
		expect(
			buildFunnel({
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
		const error = inputErrorOf(() => buildFunnel({ ...base, steps: { step: rows } }));
		expect(error.field).toBe('steps');
		expect(error.message).toMatch(message);
	});
});

describe('an extraction', () => {
	it.each<[string, IDataObject, string | undefined, IDataObject]>([
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
			{ email: 'me@example.com' },
			'text/csv',
			{ event_collection: 'purchases', timeframe: 'this_7_days', timezone: 'UTC', email: 'me@example.com', content_type: 'text/csv' },
		],
	])('%s', (_name, params, contentType, expected) => expect(buildExtraction({ ...base, ...params }, contentType)).toEqual(expected));

	it.each<[string, IDataObject, string | undefined, string]>([
		['negative latest', { latest: -1 }, undefined, 'latest'],
		['bad email', { email: 'not-an-address' }, 'text/csv', 'email'],
		['empty email', { email: '' }, 'text/csv', 'email'],
	])('rejects %s', (_name, params, contentType, field) => expect(inputErrorOf(() => buildExtraction({ ...base, ...params }, contentType)).field).toBe(field));
});

describe('timeframeOf', () => {
	const ok: Array<[string, IDataObject, unknown]> = [
		['preset', { timeframeType: 'relative', relativeTimeframe: 'this_7_days' }, 'this_7_days'],
		['shorthand today', { timeframeType: 'relative', relativeTimeframe: 'today' }, 'today'],
		['shorthand previous_month', { relativeTimeframe: 'previous_month' }, 'previous_month'],
		['custom this', { relativeTimeframe: 'custom', timeframeDirection: 'this', timeframeCount: 3, timeframeUnit: 'hours' }, 'this_3_hours'],
		['custom previous, count as text', { relativeTimeframe: 'custom', timeframeDirection: 'previous', timeframeCount: '2', timeframeUnit: 'weeks' }, 'previous_2_weeks'],
		[
			'absolute, normalised to UTC ISO',
			{ timeframeType: 'absolute', timeframeStart: '2024-05-01T02:00:00+02:00', timeframeEnd: '2024-05-08' },
			{ start: '2024-05-01T00:00:00.000Z', end: '2024-05-08T00:00:00.000Z' },
		],
	];
	it.each(ok)('%s', (_name, input, expected) => expect(timeframeOf(input)).toEqual(expected));

	const bad: Array<[string, IDataObject, string]> = [
		['count 0', { relativeTimeframe: 'custom', timeframeDirection: 'this', timeframeCount: 0, timeframeUnit: 'days' }, 'timeframeCount'],
		['count fractional', { relativeTimeframe: 'custom', timeframeDirection: 'this', timeframeCount: 1.5, timeframeUnit: 'days' }, 'timeframeCount'],
		['unknown unit', { relativeTimeframe: 'custom', timeframeDirection: 'this', timeframeCount: 2, timeframeUnit: 'fortnights' }, 'timeframeUnit'],
		['unknown direction', { relativeTimeframe: 'custom', timeframeDirection: 'next', timeframeCount: 2, timeframeUnit: 'days' }, 'timeframeDirection'],
		['unknown preset', { relativeTimeframe: 'last_7_days' }, 'relativeTimeframe'],
		['empty preset', { relativeTimeframe: '' }, 'relativeTimeframe'],
		['invalid start', { timeframeType: 'absolute', timeframeStart: 'yesterday-ish', timeframeEnd: '2024-05-08' }, 'timeframeStart'],
		['missing end', { timeframeType: 'absolute', timeframeStart: '2024-05-01' }, 'timeframeEnd'],
		['start after end', { timeframeType: 'absolute', timeframeStart: '2024-05-09', timeframeEnd: '2024-05-08' }, 'timeframeEnd'],
		['start equals end', { timeframeType: 'absolute', timeframeStart: '2024-05-08', timeframeEnd: '2024-05-08' }, 'timeframeEnd'],
		['text: unknown name', { timeframeType: 'text', timeframeText: 'last_7_days' }, 'timeframeText'],
		['text: empty', { timeframeType: 'text', timeframeText: '' }, 'timeframeText'],
		['text: broken JSON', { timeframeType: 'text', timeframeText: '{"start": "2024-05-01"' }, 'timeframeText'],
		['text: object without end', { timeframeType: 'text', timeframeText: { start: '2024-05-01' } }, 'timeframeText'],
		['text: interval ending first', { timeframeType: 'text', timeframeText: '2024-05-08/2024-05-01' }, 'timeframeText'],
	];
	it.each(bad)('rejects %s naming the field', (_name, input, field) => expect(fieldOf(() => timeframeOf(input))).toBe(field));
});

describe('timeframeOf with a text timeframe (typed, or filled in by an AI model)', () => {
	const absolute = { start: '2024-05-01T00:00:00.000Z', end: '2024-05-08T00:00:00.000Z' };
	it.each([
		['a relative name', ' previous_2_weeks ', 'previous_2_weeks'],
		['a shorthand', 'yesterday', 'yesterday'],
		['start/end as JSON', '{"start": "2024-05-01", "end": "2024-05-08T02:00:00+02:00"}', absolute],
		['start/end as an object from an expression', { start: '2024-05-01T00:00:00Z', end: '2024-05-08T00:00:00Z' }, absolute],
		['an ISO 8601 interval', '2024-05-01T00:00:00Z/2024-05-08T00:00:00Z', absolute],
	])('reads %s', (_name, timeframeText, expected) => expect(timeframeOf({ timeframeType: 'text', timeframeText })).toEqual(expected));

	it('says which forms it accepts', () => {
		expect(() => timeframeOf({ timeframeType: 'text', timeframeText: 'last week' })).toThrow(
			expect.objectContaining({ message: 'Unknown timeframe "last week"', hint: expect.stringContaining('this_7_days, previous_2_weeks') }),
		);
	});
});

describe('intervalOf', () => {
	it.each([
		[{ interval: 'none' }, undefined],
		[{}, undefined],
		[{ interval: 'daily' }, 'daily'],
		[{ interval: 'custom', intervalCount: 7, intervalUnit: 'days' }, 'every_7_days'],
		[{ interval: 'every_2_hours' }, 'every_2_hours'],
		[{ interval: 'text', intervalText: ' weekly ' }, 'weekly'],
		[{ interval: 'text', intervalText: 'every_6_hours' }, 'every_6_hours'],
		[{ interval: 'text', intervalText: 'none' }, undefined],
		[{ interval: 'text', intervalText: '' }, undefined],
	])('%j → %s', (input, expected) => expect(intervalOf(input)).toBe(expected));

	it.each([
		[{ interval: 'custom', intervalCount: 0, intervalUnit: 'days' }, 'intervalCount'],
		[{ interval: 'custom', intervalCount: 2, intervalUnit: 'decades' }, 'intervalUnit'],
		[{ interval: 'fortnightly' }, 'interval'],
		[{ interval: 'every_2_decades' }, 'interval'],
		[{ interval: 'text', intervalText: 'per day' }, 'intervalText'],
	])('rejects %j naming %s', (input, field) => expect(fieldOf(() => intervalOf(input))).toBe(field));
});

describe('timezoneOf', () => {
	it.each([
		['UTC', undefined, 'UTC'],
		['', undefined, undefined],
		['custom', 'America/Argentina/Buenos_Aires', 'America/Argentina/Buenos_Aires'],
		['custom', '-28800', -28800],
		['custom', 3600, 3600],
	])('%s / %s → %s', (zone, custom, expected) => expect(timezoneOf({ timezone: zone, customTimezone: custom })).toBe(expected));

	it.each([
		['custom', '', 'customTimezone'],
		['custom', '99999', 'customTimezone'],
		['custom', 'not a zone!', 'customTimezone'],
		['Europe Paris', undefined, 'timezone'],
	])('rejects %s / %s naming %s', (zone, custom, field) => expect(fieldOf(() => timezoneOf({ timezone: zone, customTimezone: custom }))).toBe(field));
});
