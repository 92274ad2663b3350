import type { IDataObject } from 'n8n-workflow';

import { queryFromParams } from '../../../nodes/Keen/actions/queryInputs';
import { datasetIndexValue, parseQueryJson, validateDatasetDefinition } from '../../../nodes/Keen/helpers/queryDefinition';
import { parseTimeframe } from '../../../nodes/Keen/helpers/timeframe';
import { fieldOf } from '../support';

const count: IDataObject = { analysisType: 'count', collection: 'purchases', timeframe: 'this_7_days' };

describe('queryFromParams with simple fields (adapter and buildQueryDefinition)', () => {
	it.each<[string, IDataObject, object]>([
		['count needs no target', count, { analysis_type: 'count', event_collection: 'purchases', timeframe: 'this_7_days' }],
		[
			'sum with interval, timezone, one group and filters',
			{
				analysisType: 'sum',
				collection: ' purchases ',
				targetProperty: 'price',
				timeframe: 'previous_2_weeks',
				timezone: 'Europe/Paris',
				interval: 'daily',
				groupBy: 'country',
				filters: '[{"property_name":"price","operator":"gte","property_value":10}]',
			},
			{
				analysis_type: 'sum',
				event_collection: 'purchases',
				target_property: 'price',
				timeframe: 'previous_2_weeks',
				timezone: 'Europe/Paris',
				interval: 'daily',
				group_by: 'country',
				filters: [{ property_name: 'price', operator: 'gte', property_value: 10 }],
			},
		],
		[
			'several groups become a list; an absolute timeframe an object',
			{ ...count, groupBy: 'a, b', timeframe: '{"start":"2024-01-01T00:00:00Z","end":"2024-02-01T00:00:00Z"}' },
			{
				analysis_type: 'count',
				event_collection: 'purchases',
				group_by: ['a', 'b'],
				timeframe: { start: '2024-01-01T00:00:00.000Z', end: '2024-02-01T00:00:00.000Z' },
			},
		],
		[
			'percentile carries its percentile',
			{ ...count, analysisType: 'percentile', targetProperty: 'price', percentile: 95 },
			{ analysis_type: 'percentile', event_collection: 'purchases', target_property: 'price', percentile: 95, timeframe: 'this_7_days' },
		],
	])('%s', (_case, fields, expected) => {
		expect(queryFromParams(fields)).toEqual(expected);
	});

	it.each<[string, IDataObject, string]>([
		['no collection', { ...count, collection: ' ' }, 'collection'],
		['no target for sum', { ...count, analysisType: 'sum' }, 'targetProperty'],
		['unknown timeframe', { ...count, timeframe: 'last week' }, 'timeframe'],
		['absolute timeframe without end', { ...count, timeframe: '{"start":"2024-01-01"}' }, 'timeframe'],
		['absolute timeframe ending before it starts', { ...count, timeframe: '{"start":"2024-02-01","end":"2024-01-01"}' }, 'timeframe'],
		['absolute timeframe with an invalid date', { ...count, timeframe: '{"start":"2024-13-45","end":"2024-01-01"}' }, 'timeframe'],
		['percentile over 100', { ...count, analysisType: 'percentile', targetProperty: 'price', percentile: 101 }, 'percentile'],
		['percentile with three decimals', { ...count, analysisType: 'percentile', targetProperty: 'price', percentile: 2.555 }, 'percentile'],
		['unknown interval', { ...count, interval: 'fortnightly' }, 'interval'],
		['filters not JSON', { ...count, filters: '[{' }, 'filters'],
	])('rejects %s', (_case, fields, field) => {
		expect(fieldOf(() => queryFromParams(fields))).toBe(field);
	});
});

describe('parseQueryJson', () => {
	it('accepts a query with analysis_type, as text or object', () => {
		expect(parseQueryJson('{"analysis_type":"funnel","steps":[]}', 'queryJson')).toEqual({ analysis_type: 'funnel', steps: [] });
		expect(parseQueryJson({ analysis_type: 'count' }, 'queryJson')).toEqual({ analysis_type: 'count' });
	});
	it.each([['{"event_collection":"x"}'], ['[]'], ['{']])('rejects %p', (value) => {
		expect(fieldOf(() => parseQueryJson(value, 'queryJson'))).toBe('queryJson');
	});
});

describe('parseTimeframe (the one parser of timeframe text)', () => {
	const utc = { start: '2024-05-01T00:00:00.000Z', end: '2024-05-08T00:00:00.000Z' };
	it.each<[unknown, unknown]>([
		['', undefined],
		['this_7_days', 'this_7_days'],
		['previous_2_weeks', 'previous_2_weeks'],
		[' yesterday ', 'yesterday'],
		['{"start": "2024-05-01T00:00:00Z", "end": "2024-05-08T00:00:00Z"}', utc],
		['{"start": "2024-05-01T02:00:00+02:00", "end": "2024-05-08"}', utc],
		[{ start: '2024-05-01T00:00:00Z', end: '2024-05-08T00:00:00Z' }, utc],
	])('%p → %p', (value, expected) => {
		expect(parseTimeframe(value, 'timeframe')).toEqual(expected);
	});
	it.each([['last week'], ['{"start": "2024-05-01"}'], ['{"start": "a", "end": "b"}'], ['{"start": "2024-05-08", "end": "2024-05-01"}'], ['{oops']])(
		'refuses %p naming the field',
		(value) => expect(fieldOf(() => parseTimeframe(value, 'timeframe'))).toBe('timeframe'),
	);
});

describe('validateDatasetDefinition', () => {
	const fields = { timeframe: 'timeframe', interval: 'interval', indexBy: 'indexBy' };
	const good = { analysis_type: 'count', event_collection: 'p', timeframe: 'this_90_days', interval: 'daily', group_by: ['country'] };
	it.each<[string, IDataObject, string[], string | undefined]>([
		['a valid dataset', good, ['product.id'], undefined],
		['an absolute timeframe', { ...good, timeframe: { start: 'a', end: 'b' } }, ['product.id'], 'timeframe'],
		['no timeframe', { ...good, timeframe: undefined }, ['product.id'], 'timeframe'],
		['no interval', { ...good, interval: undefined }, ['product.id'], 'interval'],
		['no index', good, [], 'indexBy'],
		['an index also grouped by (list)', good, ['product.id', 'country'], 'indexBy'],
		['an index also grouped by (string)', { ...good, group_by: 'country' }, ['country'], 'indexBy'],
	])('%s', (_case, query, indexBy, field) => {
		expect(fieldOf(() => validateDatasetDefinition(query, indexBy, fields))).toBe(field);
	});
});

describe('datasetIndexValue', () => {
	it.each([
		['product-123', 'product-123'],
		[' p1 ', 'p1'],
		[42, '42'],
		['{"product.id": "p1", "store": "s"}', '{"product.id":"p1","store":"s"}'],
		[{ 'product.id': 'p1' }, '{"product.id":"p1"}'],
	])('%p → %p', (value, expected) => {
		expect(datasetIndexValue(value, 'indexValue')).toBe(expected);
	});
	it.each([[''], ['{bad'], [undefined]])('rejects %p', (value) => {
		expect(fieldOf(() => datasetIndexValue(value, 'indexValue'))).toBe('indexValue');
	});
});
