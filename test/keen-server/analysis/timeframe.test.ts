import { resolveTimeframe } from '.';
import { iso, keenError } from './test-support';

function window(timeframe: unknown, now: string, timezone?: unknown): [string, string] {
	const { start, end } = resolveTimeframe(timeframe, timezone, new Date(now));
	return [iso(start), iso(end)];
}

describe('relative timeframes (UTC)', () => {
	it('this_ includes the whole current unit; previous_ only complete units', () => {
		expect(window('this_2_days', '2024-05-10T13:45:00Z')).toEqual(['2024-05-09T00:00:00.000Z', '2024-05-11T00:00:00.000Z']);
		expect(window('previous_2_days', '2024-05-10T13:45:00Z')).toEqual(['2024-05-08T00:00:00.000Z', '2024-05-10T00:00:00.000Z']);
	});

	it('handles the last millisecond of a day', () => {
		const now = '2024-05-10T23:59:59.999Z';
		expect(window('this_day', now)).toEqual(['2024-05-10T00:00:00.000Z', '2024-05-11T00:00:00.000Z']);
		expect(window('today', now)).toEqual(window('this_day', now));
		expect(window('yesterday', now)).toEqual(['2024-05-09T00:00:00.000Z', '2024-05-10T00:00:00.000Z']);
		expect(window('this_day', '2024-05-11T00:00:00.000Z')).toEqual(['2024-05-11T00:00:00.000Z', '2024-05-12T00:00:00.000Z']);
	});

	it('starts weeks on Sunday', () => {
		// 2024-05-12 is a Sunday.
		expect(window('this_week', '2024-05-12T00:00:00Z')).toEqual(['2024-05-12T00:00:00.000Z', '2024-05-19T00:00:00.000Z']);
		expect(window('previous_week', '2024-05-12T00:00:00Z')).toEqual(['2024-05-05T00:00:00.000Z', '2024-05-12T00:00:00.000Z']);
		expect(window('this_week', '2024-05-11T23:59:59Z')).toEqual(['2024-05-05T00:00:00.000Z', '2024-05-12T00:00:00.000Z']);
		expect(window('this_2_weeks', '2024-05-15T08:00:00Z')).toEqual(['2024-05-05T00:00:00.000Z', '2024-05-19T00:00:00.000Z']);
	});

	it('handles month and year edges', () => {
		expect(window('this_month', '2024-02-29T23:59:59Z')).toEqual(['2024-02-01T00:00:00.000Z', '2024-03-01T00:00:00.000Z']);
		expect(window('previous_2_months', '2024-03-31T23:00:00Z')).toEqual(['2024-01-01T00:00:00.000Z', '2024-03-01T00:00:00.000Z']);
		expect(window('previous_3_months', '2024-02-10T00:00:00Z')).toEqual(['2023-11-01T00:00:00.000Z', '2024-02-01T00:00:00.000Z']);
		expect(window('this_year', '2024-01-01T00:00:00Z')).toEqual(['2024-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z']);
		expect(window('previous_year', '2024-01-01T00:00:00Z')).toEqual(['2023-01-01T00:00:00.000Z', '2024-01-01T00:00:00.000Z']);
		expect(window('this_2_years', '2024-12-31T23:59:59Z')).toEqual(['2023-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z']);
	});

	it('accepts minutes, hours, shorthands and singular units', () => {
		const now = '2024-05-10T13:45:30Z';
		expect(window('this_minute', now)).toEqual(['2024-05-10T13:45:00.000Z', '2024-05-10T13:46:00.000Z']);
		expect(window('previous_5_minutes', now)).toEqual(['2024-05-10T13:40:00.000Z', '2024-05-10T13:45:00.000Z']);
		expect(window('this_3_hours', now)).toEqual(['2024-05-10T11:00:00.000Z', '2024-05-10T14:00:00.000Z']);
		expect(window('previous_hour', now)).toEqual(['2024-05-10T12:00:00.000Z', '2024-05-10T13:00:00.000Z']);
		expect(window('this_1_day', now)).toEqual(window('this_day', now));
	});
});

describe('relative timeframes in a timezone', () => {
	it('floors in America/New_York and renders UTC', () => {
		// 02:00Z on April 1 is 22:00 on March 31 in New York (EDT, -4 h).
		expect(window('this_month', '2024-04-01T02:00:00Z', 'America/New_York')).toEqual([
			'2024-03-01T05:00:00.000Z',
			'2024-04-01T04:00:00.000Z',
		]);
		expect(window('today', '2024-04-01T02:00:00Z', 'US/Eastern')).toEqual(['2024-03-31T04:00:00.000Z', '2024-04-01T04:00:00.000Z']);
	});

	it('makes DST days 23 and 25 hours long', () => {
		expect(window('previous_day', '2024-03-11T12:00:00Z', 'America/New_York')).toEqual([
			'2024-03-10T05:00:00.000Z',
			'2024-03-11T04:00:00.000Z',
		]);
		expect(window('previous_day', '2024-11-04T12:00:00Z', 'America/New_York')).toEqual([
			'2024-11-03T04:00:00.000Z',
			'2024-11-04T05:00:00.000Z',
		]);
		expect(window('previous_day', '2024-04-01T12:00:00Z', 'Europe/London')).toEqual([
			'2024-03-31T00:00:00.000Z',
			'2024-03-31T23:00:00.000Z',
		]);
	});

	it('accepts numeric offsets in seconds, numeric strings and ±HH:MM', () => {
		// 03:00Z is 19:00 the previous day at -08:00.
		const expected = ['2024-05-09T08:00:00.000Z', '2024-05-10T08:00:00.000Z'];
		expect(window('this_day', '2024-05-10T03:00:00Z', -28800)).toEqual(expected);
		expect(window('this_day', '2024-05-10T03:00:00Z', '-28800')).toEqual(expected);
		expect(window('this_day', '2024-05-10T03:00:00Z', '-08:00')).toEqual(expected);
		expect(window('this_hour', '2024-05-10T03:10:00Z', '+05:30')).toEqual(['2024-05-10T02:30:00.000Z', '2024-05-10T03:30:00.000Z']);
	});
});

describe('absolute timeframes', () => {
	it('reads offset-less strings as UTC and honours explicit offsets', () => {
		expect(window({ start: '2024-05-01T00:00:00', end: '2024-05-02' }, '2024-06-01T00:00:00Z')).toEqual([
			'2024-05-01T00:00:00.000Z',
			'2024-05-02T00:00:00.000Z',
		]);
		expect(window({ start: '2024-05-01T00:00:00.250-04:00', end: '2024-05-02T00:00:00+0200' }, '2024-06-01T00:00:00Z')).toEqual([
			'2024-05-01T04:00:00.250Z',
			'2024-05-01T22:00:00.000Z',
		]);
	});

	it('ignores the timezone', () => {
		const timeframe = { start: '2024-05-01T00:00:00Z', end: '2024-05-02T00:00:00Z' };
		expect(window(timeframe, '2024-06-01T00:00:00Z', 'US/Pacific')).toEqual(window(timeframe, '2024-06-01T00:00:00Z'));
	});

	it('accepts JSON text from a query string', () => {
		expect(window('{"start":"2024-05-01","end":"2024-05-03"}', '2024-06-01T00:00:00Z')).toEqual([
			'2024-05-01T00:00:00.000Z',
			'2024-05-03T00:00:00.000Z',
		]);
	});
});

describe('timeframe errors', () => {
	const now = new Date('2024-05-10T00:00:00Z');
	it.each([
		['last_7_days'],
		['this_0_days'],
		['this_7_fortnights'],
		[['this_7_days', 'this_2_days']],
		[{ start: '2024-05-01T00:00:00Z' }],
		[{ start: '2024-05-02T00:00:00Z', end: '2024-05-01T00:00:00Z' }],
		[{ start: '2024-02-30T00:00:00Z', end: '2024-03-01T00:00:00Z' }],
		[{ start: 'yesterday', end: 'today' }],
		[42],
	])('rejects %j with 400 TimeframeDefinitionError', (timeframe) => {
		const error = keenError(() => resolveTimeframe(timeframe, undefined, now));
		expect([error.status, error.errorCode]).toEqual([400, 'TimeframeDefinitionError']);
		expect(error.message).toContain('Invalid timeframe');
	});

	it.each([['Mars/Olympus'], [100000], [1.5], [{}]])('rejects timezone %j with 400 InvalidTimezoneError', (timezone) => {
		const error = keenError(() => resolveTimeframe('this_day', timezone, now));
		expect([error.status, error.errorCode]).toEqual([400, 'InvalidTimezoneError']);
	});
});
