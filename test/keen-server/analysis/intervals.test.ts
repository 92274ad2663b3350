import { runAnalysis } from '.';
import { at, contextWith, keenError } from './test-support';

interface Bucket {
	value: unknown;
	timeframe: { start: string; end: string };
}

function buckets(params: Record<string, unknown>, now: string, events: Array<Record<string, unknown>> = [], analysis = 'count'): Bucket[] {
	const ctx = contextWith(now, { c: events });
	return runAnalysis(analysis, { event_collection: 'c', ...params }, ctx).result as Bucket[];
}

const spans = (result: Bucket[]): string[][] => result.map(({ timeframe }) => [timeframe.start, timeframe.end]);
const hours = (result: Bucket[]): number[] =>
	result.map(({ timeframe }) => (Date.parse(timeframe.end) - Date.parse(timeframe.start)) / 3_600_000);

describe('interval buckets', () => {
	it('aligns weekly buckets on Sundays and clips them to the timeframe (Java this_month fixture)', () => {
		expect(spans(buckets({ timeframe: 'this_month', interval: 'weekly' }, '2015-06-15T12:00:00Z'))).toEqual([
			['2015-06-01T00:00:00.000Z', '2015-06-07T00:00:00.000Z'],
			['2015-06-07T00:00:00.000Z', '2015-06-14T00:00:00.000Z'],
			['2015-06-14T00:00:00.000Z', '2015-06-21T00:00:00.000Z'],
			['2015-06-21T00:00:00.000Z', '2015-06-28T00:00:00.000Z'],
			['2015-06-28T00:00:00.000Z', '2015-07-01T00:00:00.000Z'],
		]);
		expect(spans(buckets({ timeframe: 'this_year', interval: 'weekly' }, '2015-03-01T00:00:00Z'))[0]).toEqual([
			'2015-01-01T00:00:00.000Z',
			'2015-01-04T00:00:00.000Z',
		]);
	});

	it('makes daily buckets 23 h and 25 h long across DST in America/New_York', () => {
		const march = buckets({ timeframe: 'previous_3_days', timezone: 'America/New_York', interval: 'daily' }, '2024-03-12T12:00:00Z');
		expect(spans(march)[0][0]).toBe('2024-03-09T05:00:00.000Z');
		expect(hours(march)).toEqual([24, 23, 24]);
		const november = buckets({ timeframe: 'previous_3_days', timezone: 'America/New_York', interval: 'daily' }, '2024-11-05T12:00:00Z');
		expect(spans(november)[0][0]).toBe('2024-11-02T04:00:00.000Z');
		expect(hours(november)).toEqual([24, 25, 24]);
	});

	it('keeps hourly buckets one real hour long through the repeated hour', () => {
		const result = buckets({ timeframe: 'previous_1_days', timezone: 'America/New_York', interval: 'hourly' }, '2024-11-04T12:00:00Z');
		expect(result).toHaveLength(25);
		expect(new Set(hours(result))).toEqual(new Set([1]));
	});

	it('aligns monthly buckets to local month starts in Europe/London', () => {
		expect(spans(buckets({ timeframe: 'previous_2_months', timezone: 'Europe/London', interval: 'monthly' }, '2024-05-10T00:00:00Z'))).toEqual([
			['2024-03-01T00:00:00.000Z', '2024-03-31T23:00:00.000Z'],
			['2024-03-31T23:00:00.000Z', '2024-04-30T23:00:00.000Z'],
		]);
	});

	it('aligns to a numeric offset', () => {
		expect(spans(buckets({ timeframe: 'this_2_days', timezone: -28800, interval: 'daily' }, '2024-05-10T03:00:00Z'))).toEqual([
			['2024-05-08T08:00:00.000Z', '2024-05-09T08:00:00.000Z'],
			['2024-05-09T08:00:00.000Z', '2024-05-10T08:00:00.000Z'],
		]);
	});

	it('uses UTC boundaries for absolute timeframes, clipping partial buckets', () => {
		const timeframe = { start: '2024-05-01T06:00:00Z', end: '2024-05-03T12:00:00Z' };
		expect(spans(buckets({ timeframe, timezone: 'US/Pacific', interval: 'daily' }, '2024-06-01T00:00:00Z'))).toEqual([
			['2024-05-01T06:00:00.000Z', '2024-05-02T00:00:00.000Z'],
			['2024-05-02T00:00:00.000Z', '2024-05-03T00:00:00.000Z'],
			['2024-05-03T00:00:00.000Z', '2024-05-03T12:00:00.000Z'],
		]);
	});

	it.each([
		['minutely', 'this_minute', '2024-05-10T10:00:30Z', 1],
		['minutely', 'previous_10_minutes', '2024-05-10T10:00:30Z', 10],
		['hourly', 'this_day', '2024-05-10T10:00:00Z', 24],
		['daily', 'this_month', '2024-02-10T10:00:00Z', 29],
		['weekly', 'previous_4_weeks', '2024-05-10T10:00:00Z', 4],
		['monthly', 'this_year', '2024-05-10T10:00:00Z', 12],
		['yearly', 'previous_3_years', '2024-05-10T10:00:00Z', 3],
		['every_7_days', 'this_month', '2024-05-10T10:00:00Z', 5],
		['every_2_hours', 'this_day', '2024-05-10T10:00:00Z', 12],
		['every_5_minutes', 'this_hour', '2024-05-10T10:00:00Z', 12],
		['every_2_months', 'this_year', '2024-05-10T10:00:00Z', 6],
		['every_1_weeks', 'previous_2_weeks', '2024-05-10T10:00:00Z', 2],
		['every_2_years', 'previous_5_years', '2024-05-10T10:00:00Z', 3],
	])('%s over %s yields the expected bucket count', (interval, timeframe, now, count) => {
		expect(buckets({ timeframe, interval }, now)).toHaveLength(count);
	});

	it('counts every_N_units from the unit containing the timeframe start', () => {
		expect(spans(buckets({ timeframe: 'this_month', interval: 'every_7_days' }, '2024-05-10T10:00:00Z')).map(([start]) => start)).toEqual([
			'2024-05-01T00:00:00.000Z',
			'2024-05-08T00:00:00.000Z',
			'2024-05-15T00:00:00.000Z',
			'2024-05-22T00:00:00.000Z',
			'2024-05-29T00:00:00.000Z',
		]);
	});

	it('puts events in their bucket and fills empty buckets (count 0, other analyses null, select_unique [])', () => {
		const events = [at('2024-05-08T10:00:00Z', { v: 2 }), at('2024-05-08T23:59:59.999Z', { v: 4 }), at('2024-05-10T00:00:00Z', { v: 6 })];
		const params = { timeframe: 'previous_3_days', interval: 'daily', target_property: 'v' };
		const now = '2024-05-11T01:00:00Z';
		expect(buckets(params, now, events).map((b) => b.value)).toEqual([2, 0, 1]);
		expect(buckets(params, now, events, 'sum').map((b) => b.value)).toEqual([6, null, 6]);
		expect(buckets(params, now, events, 'select_unique').map((b) => b.value)).toEqual([[2, 4], [], [6]]);
	});

	it('nests group rows in each bucket when grouped', () => {
		const events = [at('2024-05-08T10:00:00Z', { c: 'US' }), at('2024-05-08T11:00:00Z', { c: 'CA' }), at('2024-05-08T12:00:00Z', { c: 'US' })];
		const result = buckets({ timeframe: 'previous_2_days', interval: 'daily', group_by: 'c' }, '2024-05-10T01:00:00Z', events);
		expect(result.map((b) => b.value)).toEqual([[{ c: 'US', result: 2 }, { c: 'CA', result: 1 }], []]);
	});
});

describe('interval errors', () => {
	it.each([['fortnightly'], ['every_0_days'], ['every_2_fortnights'], [7]])('rejects interval %j with 400 InvalidIntervalError', (interval) => {
		const error = keenError(() => buckets({ timeframe: 'this_day', interval }, '2024-05-10T00:00:00Z'));
		expect([error.status, error.errorCode]).toEqual([400, 'InvalidIntervalError']);
	});

	it('rejects more than 9,000 buckets', () => {
		expect(buckets({ timeframe: 'previous_9000_minutes', interval: 'minutely' }, '2024-05-10T00:00:00Z')).toHaveLength(9000);
		const error = keenError(() => buckets({ timeframe: 'this_7_days', interval: 'minutely' }, '2024-05-10T00:00:00Z'));
		expect([error.status, error.errorCode]).toEqual([400, 'InvalidIntervalError']);
		expect(error.message).toContain('9000');
	});
});
