import { absoluteTimeframe, parseInterval, parseTimezone, relativeTimeframe } from '../../../nodes/Keen/helpers/timeframe';
import { fieldOf } from '../support';

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

describe('the value parsers the adapters and the trigger share, blaming the field they are given', () => {
	it.each([
		['daily', 'daily'],
		[' every_6_hours ', 'every_6_hours'],
		['none', undefined],
		['', undefined],
		[undefined, undefined],
	])('parseInterval(%p) → %p', (text, expected) => expect(parseInterval(text, 'interval')).toBe(expected));
	// "custom" and "text" are choices of the node's Interval list, not intervals: typed as text they are refused.
	it.each([['fortnightly'], ['custom'], ['text'], ['every_0_days']])('parseInterval refuses %p', (text) => {
		expect(fieldOf(() => parseInterval(text, 'someInterval'))).toBe('someInterval');
	});

	it.each([
		['Europe/Paris', 'Europe/Paris'],
		['-28800', -28800],
		[3600, 3600],
		['', undefined],
	])('parseTimezone(%p) → %p', (raw, expected) => expect(parseTimezone(raw, 'timezone')).toBe(expected));
	it.each([['Europe Paris'], [99999], ['+50401']])('parseTimezone refuses %p', (raw) => expect(fieldOf(() => parseTimezone(raw, 'tz'))).toBe('tz'));

	it('relativeTimeframe takes names, not the Custom choice', () => {
		expect(relativeTimeframe(' this_1_hours ', 'relativeTimeframe')).toBe('this_1_hours');
		expect(fieldOf(() => relativeTimeframe('custom', 'relativeTimeframe'))).toBe('relativeTimeframe');
		expect(fieldOf(() => relativeTimeframe(undefined, 'relativeTimeframe'))).toBe('relativeTimeframe');
	});
});
