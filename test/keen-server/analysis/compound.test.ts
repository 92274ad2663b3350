import { runAnalysis } from '.';
import { at, contextWith, keenError } from './test-support';

const NOW = '2024-05-10T12:00:00Z';

describe('extraction', () => {
	const ctx = contextWith(NOW, {
		c: [
			at('2024-05-10T03:00:00Z', { id: 3, user: { name: 'c', age: 30 } }),
			at('2024-05-10T01:00:00Z', { id: 1, user: { name: 'a', age: 10 } }),
			at('2024-05-10T02:00:00Z', { id: 2, user: { name: 'b' } }),
			at('2024-05-09T02:00:00Z', { id: 0 }),
		],
	});
	const extract = (params: Record<string, unknown>) =>
		runAnalysis('extraction', { event_collection: 'c', timeframe: 'this_day', ...params }, ctx);

	it('returns whole events oldest first', () => {
		const result = extract({}).result as Array<Record<string, unknown>>;
		expect(result.map((event) => event.id)).toEqual([1, 2, 3]);
		expect(result[0]).toEqual({ id: 1, user: { name: 'a', age: 10 }, keen: { timestamp: '2024-05-10T01:00:00.000Z' } });
	});

	it('latest keeps the N most recent', () => {
		expect((extract({ latest: 2 }).result as Array<Record<string, unknown>>).map((event) => event.id)).toEqual([2, 3]);
		expect(extract({ latest: 10 }).result).toHaveLength(3);
	});

	it('property_names keeps only those paths, rebuilding nesting; keen only when asked', () => {
		expect(extract({ property_names: ['id', 'user.age'] }).result).toEqual([{ id: 1, user: { age: 10 } }, { id: 2 }, { id: 3, user: { age: 30 } }]);
		expect(extract({ property_names: '["keen.timestamp"]', latest: 1 }).result).toEqual([{ keen: { timestamp: '2024-05-10T03:00:00.000Z' } }]);
	});

	it('filters and reports metadata', () => {
		const body = extract({ filters: [{ property_name: 'user.age', operator: 'exists', property_value: true }], include_metadata: true });
		expect((body.result as Array<Record<string, unknown>>).map((event) => event.id)).toEqual([1, 3]);
		expect(body.execution_metadata).toMatchObject({ events_scanned: 3, properties_per_event: 2 });
	});

	it('refuses more than 100,000 events with ExtractionTooLargeError, unless latest narrows it', () => {
		const many = contextWith(NOW, { big: Array.from({ length: 100_001 }, (_, i) => at('2024-05-10T01:00:00Z', { i })) });
		const params = { event_collection: 'big', timeframe: 'this_day' };
		const error = keenError(() => runAnalysis('extraction', params, many));
		expect([error.status, error.errorCode]).toEqual([400, 'ExtractionTooLargeError']);
		expect(runAnalysis('extraction', { ...params, latest: 100_000 }, many).result).toHaveLength(100_000);
	});

	it('validates latest and property_names', () => {
		expect(keenError(() => extract({ latest: -1 })).errorCode).toBe('InvalidParameterError');
		expect(keenError(() => extract({ property_names: [1] })).errorCode).toBe('InvalidParameterError');
	});
});

describe('funnel', () => {
	const ctx = contextWith(NOW, {
		signups: [at('2024-05-10T01:00:00Z', { user: 'a' }), at('2024-05-10T01:00:00Z', { user: 'b' }), at('2024-05-10T05:00:00Z', { user: 'c' }), at('2024-05-10T01:00:00Z', { user: 'd' })],
		views: [at('2024-05-10T02:00:00Z', { user: 'a' }), at('2024-05-10T02:00:00Z', { user: 'c' }), at('2024-05-10T02:00:00Z', { user: 'd' })],
		purchases: [
			at('2024-05-10T03:00:00Z', { user: 'a', price: 10 }),
			at('2024-05-10T00:30:00Z', { user: 'b', price: 10 }),
			at('2024-05-10T06:00:00Z', { user: 'b', price: 0 }),
			at('2024-05-10T04:00:00Z', { user: 'd', price: 0 }),
			at('2024-05-09T04:00:00Z', { user: 'c', price: 5 }),
		],
	});
	const step = (event_collection: string, extra: Record<string, unknown> = {}) => ({ event_collection, actor_property: 'user', ...extra });
	const funnel = (steps: unknown[], extra: Record<string, unknown> = {}) => runAnalysis('funnel', { timeframe: 'this_day', steps, ...extra }, ctx);

	it('counts actors completing each step in time order, with actors', () => {
		const body = funnel([step('signups'), step('views', { with_actors: true }), step('purchases', { with_actors: true })]);
		// c viewed before signing up; d viewed then purchased; b never viewed.
		expect(body.result).toEqual([4, 2, 2]);
		expect(body.actors).toEqual([null, ['a', 'd'], ['a', 'd']]);
	});

	it('applies step filters and echoes steps with defaults', () => {
		const paid = step('purchases', { filters: [{ property_name: 'price', operator: 'gt', property_value: 0 }], step_label: 'paid' });
		const body = funnel([step('signups'), paid], { timezone: 'UTC' });
		expect(body.result).toEqual([4, 1]);
		expect(body).not.toHaveProperty('actors');
		expect((body.steps as unknown[])[1]).toEqual({
			event_collection: 'purchases',
			actor_property: 'user',
			step_label: 'paid',
			timeframe: 'this_day',
			timezone: 'UTC',
			filters: [{ property_name: 'price', operator: 'gt', property_value: 0 }],
			optional: false,
			inverted: false,
			with_actors: false,
		});
	});

	it('supports optional and inverted steps', () => {
		const optional = funnel([step('signups'), step('views', { optional: true }), step('purchases', { with_actors: true })]);
		expect(optional.result).toEqual([4, 2, 3]);
		expect(optional.actors).toEqual([null, null, ['a', 'b', 'd']]);
		const inverted = funnel([step('signups'), step('views', { inverted: true, with_actors: true })]);
		expect(inverted.result).toEqual([4, 2]);
		expect(inverted.actors).toEqual([null, ['b', 'c']]);
	});

	it('lets a step use its own timeframe instead of the root one', () => {
		const body = runAnalysis('funnel', { steps: [step('purchases', { timeframe: 'previous_1_days' }), step('signups', { timeframe: 'this_day' })] }, ctx);
		expect(body.result).toEqual([1, 1]);
	});

	it.each([
		['no steps', {}, 'MissingRequiredRequestFieldError'],
		['an empty step list', { steps: [] }, 'InvalidParameterError'],
		['no timeframe anywhere', { steps: [step('signups')], timeframe: undefined }, 'MissingRequiredRequestFieldError'],
		['a step without actor_property', { steps: [{ event_collection: 'signups' }] }, 'MissingRequiredRequestFieldError'],
		['a step without event_collection', { steps: [{ actor_property: 'user' }] }, 'MissingRequiredRequestFieldError'],
		['an inverted first step', { steps: [step('signups', { inverted: true })] }, 'InvalidParameterError'],
	])('rejects %s', (_label, params, code) => {
		const error = keenError(() => runAnalysis('funnel', { timeframe: 'this_day', ...params }, ctx));
		expect([error.status, error.errorCode]).toEqual([400, code]);
	});
});

describe('multi_analysis', () => {
	const ctx = contextWith(NOW, {
		c: [
			at('2024-05-09T01:00:00Z', { item: 'x', price: 10, user: 'a' }),
			at('2024-05-10T01:00:00Z', { item: 'x', price: 20, user: 'b' }),
			at('2024-05-10T02:00:00Z', { item: 'y', price: 5, user: 'a' }),
		],
	});
	const analyses = {
		total: { analysis_type: 'sum', target_property: 'price' },
		buyers: { analysis_type: 'count_unique', target_property: 'user' },
		p50: { analysis_type: 'percentile', target_property: 'price', percentile: 50 },
		events: { analysis_type: 'count' },
	};
	const multi = (params: Record<string, unknown>) =>
		runAnalysis('multi_analysis', { event_collection: 'c', timeframe: 'this_2_days', analyses, ...params }, ctx).result;

	it('plain → label map', () => {
		expect(multi({})).toEqual({ total: 35, buyers: 2, p50: 10, events: 3 });
	});

	it('grouped → rows with labels as columns, orderable by label', () => {
		expect(multi({ group_by: 'item', order_by: { property_name: 'total', direction: 'ASC' } })).toEqual([
			{ item: 'y', total: 5, buyers: 1, p50: 5, events: 1 },
			{ item: 'x', total: 30, buyers: 2, p50: 10, events: 2 },
		]);
	});

	it('interval → each value is the label map, or rows when grouped', () => {
		expect(multi({ interval: 'daily' })).toEqual([
			{ value: { total: 10, buyers: 1, p50: 10, events: 1 }, timeframe: { start: '2024-05-09T00:00:00.000Z', end: '2024-05-10T00:00:00.000Z' } },
			{ value: { total: 25, buyers: 2, p50: 5, events: 2 }, timeframe: { start: '2024-05-10T00:00:00.000Z', end: '2024-05-11T00:00:00.000Z' } },
		]);
		expect((multi({ interval: 'daily', group_by: 'item' }) as Array<{ value: unknown }>)[0].value).toEqual([{ item: 'x', total: 10, buyers: 1, p50: 10, events: 1 }]);
	});

	it.each([
		['a sub-analysis timeframe', { analyses: { a: { analysis_type: 'count', timeframe: 'this_day' } } }, 'MissingRequiredRequestFieldError'],
		['a sub-analysis group_by', { analyses: { a: { analysis_type: 'count', group_by: 'item' } } }, 'MissingRequiredRequestFieldError'],
		['no analyses', { analyses: undefined }, 'MissingRequiredRequestFieldError'],
		['an empty analyses map', { analyses: {} }, 'InvalidParameterError'],
		['a funnel sub-analysis', { analyses: { a: { analysis_type: 'funnel' } } }, 'InvalidParameterError'],
		['a sub-analysis without target_property', { analyses: { a: { analysis_type: 'sum' } } }, 'MissingRequiredRequestFieldError'],
		['a bad sub-analysis percentile', { analyses: { a: { analysis_type: 'percentile', target_property: 'price', percentile: 0 } } }, 'InvalidParameterError'],
		['no root timeframe', { timeframe: undefined }, 'MissingRequiredRequestFieldError'],
	])('rejects %s', (_label, params, code) => {
		const error = keenError(() => multi(params));
		expect([error.status, error.errorCode]).toEqual([400, code]);
	});
});
