import { runAnalysis, selectEvents } from '.';
import { at, contextWith, keenError } from './test-support';

const NOW = '2024-05-10T12:00:00Z';
const DAY = '2024-05-10T08:00:00Z';

function run(analysis: string, values: unknown[], extra: Record<string, unknown> = {}): unknown {
	const ctx = contextWith(NOW, { c: values.map((v) => at(DAY, v === undefined ? {} : { v })) });
	return runAnalysis(analysis, { event_collection: 'c', timeframe: 'this_day', target_property: 'v', ...extra }, ctx).result;
}

describe('numeric analyses', () => {
	it('match Keen on [10, 20] (docs/keen-api.md §7.8)', () => {
		expect(run('sum', [10, 20])).toBe(30);
		expect(run('average', [10, 20])).toBe(15);
		expect(run('minimum', [10, 20])).toBe(10);
		expect(run('maximum', [10, 20])).toBe(20);
		expect(run('count_unique', [10, 20])).toBe(2);
		expect(run('median', [10, 20])).toBe(10);
		expect(run('percentile', [10, 20], { percentile: 50 })).toBe(10);
		expect(run('percentile', [20, 10], { percentile: 100 })).toBe(20);
	});

	it('median and percentile pick existing values by nearest rank', () => {
		const values = [7, 3, 9, 1, 5, 10, 2, 8, 4, 6];
		const p = (percentile: number | string) => run('percentile', values, { percentile });
		expect([p(0.5), p(10), p(25), p(50), p(90), p(99.99), p(100), p('75')]).toEqual([1, 1, 3, 5, 9, 10, 10, 8]);
		expect(run('median', [3, 1, 2])).toBe(2);
		expect(run('median', [4, 1, 3, 2])).toBe(2);
		expect(run('median', [42])).toBe(42);
	});

	it('ignore non-numeric values and answer null without any (count answers 0)', () => {
		expect(run('sum', [1, '2', true, null, undefined, [3], 4])).toBe(5);
		expect(run('average', ['a', 'b'])).toBeNull();
		expect(run('median', [])).toBeNull();
		expect(run('minimum', [])).toBeNull();
		expect(run('count', [])).toBe(0);
		expect(run('count_unique', [])).toBe(0);
		expect(run('select_unique', [])).toEqual([]);
	});

	it('standard_deviation is the population deviation', () => {
		expect(run('standard_deviation', [2, 4, 4, 4, 5, 5, 7, 9])).toBe(2);
		expect(run('standard_deviation', [7])).toBe(0);
		expect(run('standard_deviation', [])).toBeNull();
	});

	it('count counts events, whatever their properties', () => {
		expect(run('count', [1, 'x', undefined])).toBe(3);
	});
});

describe('distinct values', () => {
	const values = [1, '1', true, 'true', 1, null, undefined, [1, 2], [1, 2], { a: 1 }, { a: 1 }, 'true'];

	it('count_unique is JSON-type aware and skips missing/null', () => {
		expect(run('count_unique', values)).toBe(6);
	});

	it('select_unique returns the distinct values in first-seen order', () => {
		expect(run('select_unique', values)).toEqual([1, '1', true, 'true', [1, 2], { a: 1 }]);
	});
});

describe('group_by, order_by and limit', () => {
	const ctx = contextWith(NOW, {
		c: [
			at(DAY, { country: 'US', device: { os: 'ios' }, price: 10 }),
			at(DAY, { country: 'US', device: { os: 'android' }, price: 30 }),
			at(DAY, { country: 'CA', device: { os: 'ios' }, price: 5 }),
			at(DAY, { country: 1, price: 7 }),
			at(DAY, { price: 1 }),
		],
	});
	const query = (analysis: string, params: Record<string, unknown>) =>
		runAnalysis(analysis, { event_collection: 'c', timeframe: 'this_day', ...params }, ctx).result;

	it('groups by one property, keeps JSON types and groups missing values under null', () => {
		expect(query('count', { group_by: 'country' })).toEqual([
			{ country: 'US', result: 2 },
			{ country: 'CA', result: 1 },
			{ country: 1, result: 1 },
			{ country: null, result: 1 },
		]);
	});

	it('groups by several nested properties under their dotted names', () => {
		expect(query('sum', { target_property: 'price', group_by: ['country', 'device.os'] })).toEqual([
			{ country: 'US', 'device.os': 'ios', result: 10 },
			{ country: 'US', 'device.os': 'android', result: 30 },
			{ country: 'CA', 'device.os': 'ios', result: 5 },
			{ country: 1, 'device.os': null, result: 7 },
			{ country: null, 'device.os': null, result: 1 },
		]);
	});

	it('orders by result or a group property, then limits', () => {
		expect(query('sum', { target_property: 'price', group_by: 'country', order_by: { property_name: 'result', direction: 'DESC' }, limit: 2 })).toEqual([
			{ country: 'US', result: 40 },
			{ country: 1, result: 7 },
		]);
		expect(query('count', { group_by: 'device.os', order_by: 'device.os' })).toEqual([
			{ 'device.os': null, result: 2 },
			{ 'device.os': 'android', result: 1 },
			{ 'device.os': 'ios', result: 2 },
		]);
		expect(
			query('count', { group_by: ['country', 'device.os'], order_by: [{ property_name: 'result', direction: 'desc' }, { property_name: 'country', direction: 'DESC' }, { property_name: 'device.os' }], limit: '3' }),
		).toEqual([
			{ country: 'US', 'device.os': 'android', result: 1 },
			{ country: 'US', 'device.os': 'ios', result: 1 },
			{ country: 'CA', 'device.os': 'ios', result: 1 },
		]);
	});

	it.each([
		['order_by without group_by', { order_by: 'result' }],
		['limit without group_by', { limit: 2 }],
		['order_by on an unknown property', { group_by: 'country', order_by: { property_name: 'price' } }],
		['a bad direction', { group_by: 'country', order_by: { property_name: 'result', direction: 'UP' } }],
		['a bad limit', { group_by: 'country', order_by: 'result', limit: 0 }],
		['a non-string group_by', { group_by: [1] }],
	])('rejects %s with 400 InvalidParameterError', (_label, params) => {
		const error = keenError(() => query('count', params));
		expect([error.status, error.errorCode]).toEqual([400, 'InvalidParameterError']);
	});
});

describe('include_metadata', () => {
	it('reports events scanned and the properties read', () => {
		const ctx = contextWith(NOW, { c: [at(DAY, { a: 1, b: 'x' }), at(DAY, { a: 2, b: 'y' }), at('2024-05-01T00:00:00Z', { a: 3 })] });
		const body = runAnalysis(
			'sum',
			{ event_collection: 'c', timeframe: 'this_day', target_property: 'a', group_by: 'b', filters: [{ property_name: 'a', operator: 'gt', property_value: 1 }], include_metadata: true },
			ctx,
		);
		expect(body.result).toEqual([{ b: 'y', result: 2 }]);
		const metadata = body.execution_metadata as Record<string, number>;
		expect(metadata).toMatchObject({ events_scanned: 2, properties_per_event: 3, total_properties_scanned: 6 });
		expect(metadata.total_processing_time).toBeGreaterThanOrEqual(0);
		expect(runAnalysis('count', { event_collection: 'c', timeframe: 'this_day' }, ctx)).toEqual({ result: 2 });
	});
});

describe('query errors', () => {
	const ctx = contextWith(NOW, {});
	const expectError = (analysis: string, params: Record<string, unknown>, status: number, code: string, text: string) => {
		const error = keenError(() => runAnalysis(analysis, params, ctx));
		expect([error.status, error.errorCode]).toEqual([status, code]);
		expect(error.message).toContain(text);
	};

	it('missing event_collection, target_property or timeframe → MissingRequiredRequestFieldError', () => {
		expectError('count', { timeframe: 'this_day' }, 400, 'MissingRequiredRequestFieldError', 'event_collection');
		expectError('sum', { event_collection: 'c', timeframe: 'this_day' }, 400, 'MissingRequiredRequestFieldError', 'target_property');
		expectError('count', { event_collection: 'c' }, 400, 'MissingRequiredRequestFieldError', 'timeframe');
		expectError('percentile', { event_collection: 'c', timeframe: 'this_day', target_property: 'v' }, 400, 'MissingRequiredRequestFieldError', 'percentile');
	});

	it.each([[0], [-5], [100.5], [12.345], ['abc'], [true]])('percentile %j → 400 InvalidParameterError', (percentile) => {
		expectError('percentile', { event_collection: 'c', timeframe: 'this_day', target_property: 'v', percentile }, 400, 'InvalidParameterError', 'percentile');
	});

	it('bad timeframe, interval and filters surface their own codes', () => {
		expectError('count', { event_collection: 'c', timeframe: 'last_7_days' }, 400, 'TimeframeDefinitionError', 'last_7_days');
		expectError('count', { event_collection: 'c', timeframe: 'this_day', interval: 'sometimes' }, 400, 'InvalidIntervalError', 'sometimes');
		expectError(
			'count',
			{ event_collection: 'c', timeframe: 'this_day', filters: [{ property_name: 'a', operator: 'like', property_value: 1 }] },
			400,
			'InvalidFilterError',
			'like',
		);
	});

	it('unknown analysis → 404 ResourceNotFoundError', () => {
		expectError('mode', { event_collection: 'c', timeframe: 'this_day' }, 404, 'ResourceNotFoundError', 'mode');
	});
});

describe('selectEvents', () => {
	const ctx = contextWith(NOW, { c: [at(DAY, { a: 1 }), at('2024-01-01T00:00:00Z', { a: 1 }), at(DAY, { a: 2 })] });

	it('applies filters, with an optional timeframe', () => {
		const filters = [{ property_name: 'a', operator: 'eq', property_value: 1 }];
		expect(selectEvents('c', { filters }, ctx)).toHaveLength(2);
		expect(selectEvents('c', { filters, timeframe: 'this_day' }, ctx).map((stored) => stored.event.a)).toEqual([1]);
		expect(selectEvents('c', {}, ctx)).toHaveLength(3);
		expect(selectEvents('missing', {}, ctx)).toEqual([]);
	});
});
