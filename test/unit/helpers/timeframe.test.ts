import { absoluteTimeframe, buildInterval, buildTimeframe, buildTimezone, type TimeframeInput } from '../../../nodes/Keen/helpers/timeframe';
import { fieldOf } from '../support';

describe('buildTimeframe', () => {
	const ok: Array<[string, TimeframeInput, unknown]> = [
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
	it.each(ok)('%s', (_name, input, expected) => expect(buildTimeframe(input)).toEqual(expected));

	const bad: Array<[string, TimeframeInput, string]> = [
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
	it.each(bad)('rejects %s naming the field', (_name, input, field) => expect(fieldOf(() => buildTimeframe(input))).toBe(field));
});

describe('buildTimeframe with a text timeframe (typed, or filled in by an AI model)', () => {
	const absolute = { start: '2024-05-01T00:00:00.000Z', end: '2024-05-08T00:00:00.000Z' };
	it.each([
		['a relative name', ' previous_2_weeks ', 'previous_2_weeks'],
		['a shorthand', 'yesterday', 'yesterday'],
		['start/end as JSON', '{"start": "2024-05-01", "end": "2024-05-08T02:00:00+02:00"}', absolute],
		['start/end as an object from an expression', { start: '2024-05-01T00:00:00Z', end: '2024-05-08T00:00:00Z' }, absolute],
		['an ISO 8601 interval', '2024-05-01T00:00:00Z/2024-05-08T00:00:00Z', absolute],
	])('reads %s', (_name, timeframeText, expected) => expect(buildTimeframe({ timeframeType: 'text', timeframeText })).toEqual(expected));

	it('says which forms it accepts', () => {
		expect(() => buildTimeframe({ timeframeType: 'text', timeframeText: 'last week' })).toThrow(
			expect.objectContaining({ message: 'Unknown timeframe "last week"', hint: expect.stringContaining('this_7_days, previous_2_weeks') }),
		);
	});
});

describe('buildInterval', () => {
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
	])('%j → %s', (input, expected) => expect(buildInterval(input)).toBe(expected));

	it.each([
		[{ interval: 'custom', intervalCount: 0, intervalUnit: 'days' }, 'intervalCount'],
		[{ interval: 'custom', intervalCount: 2, intervalUnit: 'decades' }, 'intervalUnit'],
		[{ interval: 'fortnightly' }, 'interval'],
		[{ interval: 'every_2_decades' }, 'interval'],
		[{ interval: 'text', intervalText: 'per day' }, 'intervalText'],
	])('rejects %j naming %s', (input, field) => expect(fieldOf(() => buildInterval(input))).toBe(field));
});

describe('buildTimezone', () => {
	it.each([
		['UTC', undefined, 'UTC'],
		['', undefined, undefined],
		['custom', 'America/Argentina/Buenos_Aires', 'America/Argentina/Buenos_Aires'],
		['custom', '-28800', -28800],
		['custom', 3600, 3600],
	])('%s / %s → %s', (zone, custom, expected) => expect(buildTimezone(zone, custom)).toBe(expected));

	it.each([
		['custom', '', 'customTimezone'],
		['custom', '99999', 'customTimezone'],
		['custom', 'not a zone!', 'customTimezone'],
		['Europe Paris', undefined, 'timezone'],
	])('rejects %s / %s naming %s', (zone, custom, field) => expect(fieldOf(() => buildTimezone(zone, custom))).toBe(field));
});

describe('absoluteTimeframe', () => {
	it('gives valid instants in UTC, start before end', () => {
		expect(absoluteTimeframe('2024-05-01T00:00:00Z', '2024-05-08T00:00:00+02:00', 'start', 'end')).toEqual({
			start: '2024-05-01T00:00:00.000Z',
			end: '2024-05-07T22:00:00.000Z',
		});
	});
	it.each([
		['an invalid start', 'not a date', '2024-05-08T00:00:00Z', 'start'],
		['an invalid end', '2024-05-01T00:00:00Z', '2024-02-30T99:00:00Z', 'end'],
		['an end before the start', '2024-05-08T00:00:00Z', '2024-05-01T00:00:00Z', 'end'],
		['an end equal to the start', '2024-05-01T00:00:00Z', '2024-05-01T00:00:00.000Z', 'end'],
	])('refuses %s, naming its field', (_case, start, end, field) => {
		expect(fieldOf(() => absoluteTimeframe(start, end, 'start', 'end'))).toBe(field);
	});
});
