import type { IDataObject } from 'n8n-workflow';

import { simplifyResult } from '../../../nodes/Keen/helpers/simplify';

const day1 = { start: '2024-05-01T00:00:00.000Z', end: '2024-05-02T00:00:00.000Z' };
const day2 = { start: '2024-05-02T00:00:00.000Z', end: '2024-05-03T00:00:00.000Z' };

describe('simplifyResult', () => {
	const cases: Array<[string, string, IDataObject, unknown, IDataObject[]]> = [
		['plain count', 'count', {}, { result: 42 }, [{ value: 42 }]],
		['null result', 'average', {}, { result: null }, [{ value: null }]],
		[
			'grouped',
			'sum',
			{ group_by: 'item.id' },
			{ result: [{ 'item.id': 7, result: 240 }, { 'item.id': 9, result: 12 }] },
			[{ 'item.id': 7, value: 240 }, { 'item.id': 9, value: 12 }],
		],
		[
			'grouped by two',
			'count',
			{ group_by: ['browser', 'os'] },
			{ result: [{ browser: 'ff', os: 'linux', result: 3 }] },
			[{ browser: 'ff', os: 'linux', value: 3 }],
		],
		[
			'interval',
			'count',
			{ interval: 'daily' },
			{ result: [{ value: 3, timeframe: day1 }, { value: 0, timeframe: day2 }] },
			[
				{ timeframe_start: day1.start, timeframe_end: day1.end, value: 3 },
				{ timeframe_start: day2.start, timeframe_end: day2.end, value: 0 },
			],
		],
		[
			'interval × group',
			'count',
			{ interval: 'daily', group_by: 'country' },
			{ result: [{ timeframe: day1, value: [{ country: 'CA', result: 2 }, { country: 'US', result: 5 }] }, { timeframe: day2, value: [] }] },
			[
				{ timeframe_start: day1.start, timeframe_end: day1.end, country: 'CA', value: 2 },
				{ timeframe_start: day1.start, timeframe_end: day1.end, country: 'US', value: 5 },
			],
		],
		['select_unique plain', 'select_unique', {}, { result: ['a', 'b'] }, [{ value: 'a' }, { value: 'b' }]],
		[
			'select_unique grouped',
			'select_unique',
			{ group_by: 'os' },
			{ result: [{ os: 'linux', result: ['ff', 'chrome'] }] },
			[{ os: 'linux', value: 'ff' }, { os: 'linux', value: 'chrome' }],
		],
		[
			'select_unique interval',
			'select_unique',
			{ interval: 'daily' },
			{ result: [{ timeframe: day1, value: ['x'] }] },
			[{ timeframe_start: day1.start, timeframe_end: day1.end, value: 'x' }],
		],
		[
			'multi_analysis plain',
			'multi_analysis',
			{ analyses: { total: {}, buyers: {} } },
			{ result: { total: 10.5, buyers: 3 } },
			[{ total: 10.5, buyers: 3 }],
		],
		[
			'multi_analysis grouped',
			'multi_analysis',
			{ analyses: { total: {}, buyers: {} }, group_by: 'item.id' },
			{ result: [{ 'item.id': 2, total: 314.49, buyers: 8 }] },
			[{ 'item.id': 2, total: 314.49, buyers: 8 }],
		],
		[
			'multi_analysis interval',
			'multi_analysis',
			{ analyses: { total: {} }, interval: 'daily' },
			{ result: [{ timeframe: day1, value: { total: 1 } }] },
			[{ timeframe_start: day1.start, timeframe_end: day1.end, total: 1 }],
		],
		[
			'funnel with actors',
			'funnel',
			{ steps: [{ event_collection: 'signups', actor_property: 'user.id' }, { event_collection: 'purchases', actor_property: 'user.id', with_actors: true }] },
			{ result: [3, 1], actors: [null, ['u1']] },
			[
				{ step: 1, event_collection: 'signups', actor_property: 'user.id', count: 3 },
				{ step: 2, event_collection: 'purchases', actor_property: 'user.id', count: 1, actors: ['u1'] },
			],
		],
		['extraction', 'extraction', {}, { result: [{ a: 1 }, { a: 2 }] }, [{ a: 1 }, { a: 2 }]],
		['email extraction acknowledgement', 'extraction', { email: 'a@b.c' }, { result: 'Processing. Check your email.' }, [{ result: 'Processing. Check your email.' }]],
	];
	it.each(cases)('%s', (_name, analysis, request, response, expected) => {
		expect(simplifyResult(analysis, request, response)).toEqual(expected);
	});

	it('does not mutate the response', () => {
		const response = { result: [{ timeframe: day1, value: [{ country: 'CA', result: 2 }] }] };
		const copy = structuredClone(response);
		simplifyResult('count', { interval: 'daily', group_by: 'country' }, response);
		expect(response).toEqual(copy);
	});

	// Its speed is measured by the benchmark (npm run bench), not asserted here.
	it('turns 1,000 groups × 100 intervals into 100,000 rows', () => {
		const groups = Array.from({ length: 1000 }, (_, g) => ({ country: `c${g}`, 'user.plan': g % 3, result: g }));
		const result = Array.from({ length: 100 }, (_, i) => ({
			timeframe: { start: new Date(Date.UTC(2024, 0, 1, i)).toISOString(), end: new Date(Date.UTC(2024, 0, 1, i + 1)).toISOString() },
			value: groups,
		}));
		const rows = simplifyResult('count', { interval: 'hourly', group_by: ['country', 'user.plan'] }, { result });
		expect(rows).toHaveLength(100_000);
		expect(rows[100_000 - 1]).toEqual({
			timeframe_start: result[99].timeframe.start,
			timeframe_end: result[99].timeframe.end,
			country: 'c999',
			'user.plan': 0,
			value: 999,
		});
	});
});
