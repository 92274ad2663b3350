import type { IDataObject } from 'n8n-workflow';

import {
	canonicalJson,
	eventId,
	eventQueryScope,
	evaluateThreshold,
	fingerprint,
	initialEventState,
	latestEvents,
	metricRows,
	readNewEventState,
	readSavedQueryState,
	readThresholdState,
	savedQueryPoll,
	selectNewEvents,
	storedState,
	sweepDue,
	thresholdSide,
	type MetricRow,
	type NewEventState,
	type ThresholdDirection,
} from '../../../nodes/KeenTrigger/pollState';

const T0 = Date.parse('2024-05-01T12:00:00.000Z');
const MIN = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();
/** An event Keen received `offsetMin` minutes after T0, stamped `stampedBefore` minutes earlier (selection goes by receipt). */
const ev = (id: string, offsetMin: number, stampedBefore = 1): IDataObject => ({
	keen: { id, timestamp: iso(T0 + (offsetMin - stampedBefore) * MIN), created_at: iso(T0 + offsetMin * MIN) },
});
/** The same, stamped a day before its receipt: the sweep's. */
const lateEv = (id: string, offsetMin: number) => ev(id, offsetMin, 24 * 60);
const ids = (events: IDataObject[]) => events.map((e) => (e.keen as IDataObject).id);

describe('canonicalJson and fingerprint', () => {
	it.each<[string, unknown, string]>([
		['sorts keys at every level', { b: 1, a: { d: [1, { z: 0, y: 1 }], c: null } }, '{"a":{"c":null,"d":[1,{"y":1,"z":0}]},"b":1}'],
		['drops undefined members', { a: undefined, b: 2 }, '{"b":2}'],
		['keeps undefined array slots as null', [1, undefined], '[1,null]'],
		['scalars', 'x', '"x"'],
		['undefined at the top', undefined, 'null'],
	])('%s', (_name, value, expected) => {
		expect(canonicalJson(value)).toBe(expected);
	});

	it('gives equal fingerprints to equal values whatever their key order, and differs otherwise', () => {
		expect(fingerprint({ a: 1, b: [1, 2] })).toBe(fingerprint({ b: [1, 2], a: 1 }));
		expect(fingerprint({ a: 1, b: [1, 2] })).not.toBe(fingerprint({ a: 1, b: [2, 1] }));
		expect(fingerprint(42)).toMatch(/^[0-9a-f]{32}$/);
	});
});

describe('storedState', () => {
	const read = (state: IDataObject) => (typeof state.x === 'number' ? { x: state.x } : 'x is not a number');
	it.each<[string, unknown, unknown]>([
		['matching scope', { scope: 's', state: { x: 1 } }, { state: { x: 1 } }],
		['other scope (parameters changed): fresh, no problem', { scope: 'old', state: { x: 1 } }, {}],
		['nothing stored', undefined, {}],
		['null stored', null, {}],
		['a string', 'text', { problem: expect.stringMatching(/not an object with a scope/) }],
		['an array', [{ scope: 's', state: {} }], { problem: expect.stringMatching(/not an object with a scope/) }],
		['a numeric scope', { scope: 1, state: { x: 1 } }, { problem: expect.stringMatching(/not an object with a scope/) }],
		['scope without state', { scope: 's' }, { problem: 'the state is not an object' }],
		['state as an array', { scope: 's', state: [1] }, { problem: 'the state is not an object' }],
		['state the reader refuses', { scope: 's', state: { x: 'one' } }, { problem: 'x is not a number' }],
	])('%s', (_name, stored, expected) => {
		expect(storedState(stored, 's', read)).toEqual(expected);
	});
});

describe('state readers', () => {
	const cursor = iso(T0);
	const sweep = { cursor: iso(T0 - MIN), seen: { b: iso(T0 - MIN) }, sweptAt: cursor };
	it.each<[string, IDataObject, unknown]>([
		['a whole state', { since: cursor, cursor, seen: { a: cursor }, late: sweep }, { since: cursor, cursor, seen: { a: cursor }, late: sweep }],
		['a sweep that has not finished yet', { since: cursor, cursor, seen: {}, late: { cursor, seen: {} } }, { since: cursor, cursor, seen: {}, late: { cursor, seen: {} } }],
		[
			'a state from before the sweep: the sweep starts at its cursor and ids, due now',
			{ since: cursor, cursor, seen: { a: cursor } },
			{ since: cursor, cursor, seen: { a: cursor }, late: { cursor, seen: { a: cursor } } },
		],
		['an older state without since starts at its cursor', { cursor, seen: {} }, { since: cursor, cursor, seen: {}, late: { cursor, seen: {} } }],
		['a cursor that is not a date', { cursor: 'yesterday', seen: {} }, 'the cursor is not a date'],
		['a numeric cursor', { cursor: T0, seen: {} }, 'the cursor is not a date'],
		['no cursor', { seen: {} }, 'the cursor is not a date'],
		['since that is not a date', { since: 'x', cursor, seen: {} }, 'the start ("since") is not a date'],
		['seen: null', { cursor, seen: null }, 'the list of events seen is not an object'],
		['seen as an array', { cursor, seen: ['a'] }, 'the list of events seen is not an object'],
		['a seen entry without a date', { cursor, seen: { a: 5 } }, 'the event seen "a" has no date'],
		['late as an array', { cursor, seen: {}, late: [] }, 'the sweep\'s state ("late") is not an object'],
		['a sweep cursor that is not a date', { cursor, seen: {}, late: { cursor: 5, seen: {} } }, 'the sweep\'s cursor is not a date'],
		['a sweep without its ids', { cursor, seen: {}, late: { cursor } }, 'the sweep\'s list of events seen is not an object'],
		['a sweep time that is not a date', { cursor, seen: {}, late: { cursor, seen: {}, sweptAt: 'soon' } }, 'the time of the last sweep is not a date'],
	])('New Event: %s', (_name, state, expected) => {
		expect(readNewEventState(state)).toEqual(expected);
	});

	it.each<[string, IDataObject, unknown]>([
		['empty', {}, {}],
		['a fingerprint', { fingerprint: 'f' }, { fingerprint: 'f' }],
		['a numeric fingerprint', { fingerprint: 5 }, 'the result fingerprint is not a string'],
	])('Saved Query Result: %s', (_name, state, expected) => {
		expect(readSavedQueryState(state)).toEqual(expected);
	});

	it.each<[string, IDataObject, unknown]>([
		['sides per group', { '': 'above', '["US"]': 'below' }, { '': 'above', '["US"]': 'below' }],
		['another value', { '': 'over' }, 'the side of group  is neither "above" nor "below"'],
		['null', { g: null }, 'the side of group g is neither "above" nor "below"'],
	])('Metric Threshold: %s', (_name, state, expected) => {
		expect(readThresholdState(state)).toEqual(expected);
	});
});

describe('savedQueryPoll', () => {
	const f = fingerprint({ result: 1 });
	it.each<[string, { fingerprint?: string }, unknown, 'everyPoll' | 'change', boolean]>([
		['first result counts as a change', {}, { result: 1 }, 'change', true],
		['same result does not emit', { fingerprint: f }, { result: 1 }, 'change', false],
		['changed result emits', { fingerprint: f }, { result: 2 }, 'change', true],
		['every poll emits the same result', { fingerprint: f }, { result: 1 }, 'everyPoll', true],
	])('%s', (_name, previous, result, emit, expected) => {
		const decision = savedQueryPoll(previous, result, emit);
		expect(decision.emit).toBe(expected);
		expect(decision.state).toEqual({ fingerprint: fingerprint(result) });
	});
});

describe('savedQueryPoll sees every change of a result, and only changes', () => {
	const grouped = [
		{ country: 'NL', result: 3 },
		{ country: 'US', result: { nested: [1, 2] } },
	];
	const emitsAfter = (before: unknown, after: unknown) => savedQueryPoll(savedQueryPoll({}, before, 'change').state, after, 'change').emit;
	it.each<[string, unknown, boolean]>([
		['the same result', [{ country: 'NL', result: 3 }, { country: 'US', result: { nested: [1, 2] } }], false],
		['the same result with keys in another order', [{ result: 3, country: 'NL' }, { result: { nested: [1, 2] }, country: 'US' }], false],
		['a value deep inside changed', [{ country: 'NL', result: 3 }, { country: 'US', result: { nested: [1, 3] } }], true],
		['a number became a string', [{ country: 'NL', result: '3' }, { country: 'US', result: { nested: [1, 2] } }], true],
		['rows swapped', [grouped[1], grouped[0]], true],
		['a row more', [...grouped, { country: 'DE', result: 0 }], true],
		['a row less', [grouped[0]], true],
		['a group renamed', [{ country: 'NL', result: 3 }, { country: 'UK', result: { nested: [1, 2] } }], true],
		['null instead of the list', null, true],
	])('%s', (_name, after, emits) => {
		expect(emitsAfter(grouped, after)).toBe(emits);
	});
});

describe('initialEventState, sweepDue and eventQueryScope', () => {
	it.each<[string, number, string]>([
		['no backfill starts at now', 0, iso(T0)],
		['backfill starts that long before', 30 * MIN, iso(T0 - 30 * MIN)],
		['negative backfill is none', -5, iso(T0)],
	])('%s', (_name, backfill, since) => {
		expect(initialEventState(T0, backfill)).toEqual({ since, cursor: since, seen: {}, late: { cursor: since, seen: {} } });
	});

	const HOUR = 60 * MIN;
	const state = (since: number, cursor: number, lateCursor = cursor, sweptAt?: number): NewEventState => ({
		since: iso(since),
		cursor: iso(cursor),
		seen: {},
		late: { cursor: iso(lateCursor), seen: {}, ...(sweptAt === undefined ? {} : { sweptAt: iso(sweptAt) }) },
	});

	it.each<[string, NewEventState, number, boolean]>([
		['never swept: due', state(T0, T0), 24 * HOUR, true],
		['swept less than the cadence ago: not due', state(T0, T0, T0, T0 + 10 * MIN - 59 * MIN), 24 * HOUR, false],
		['swept the cadence ago: due', state(T0, T0, T0, T0 + 10 * MIN - HOUR), 24 * HOUR, true],
		["n8n's clock went back past the last sweep: due", state(T0, T0, T0, T0 + 11 * MIN), 24 * HOUR, true],
		['a look-back no wider than the recent scan: never', state(T0, T0), 15 * MIN, false],
	])('sweepDue: %s', (_name, previous, lookBack, expected) => {
		expect(sweepDue(previous, T0 + 10 * MIN, lookBack, HOUR)).toBe(expected);
	});

	it.each<[string, NewEventState, number, number, boolean, { start: number; end: number; from: number }]>([
		['steady state: receipt from the cursor minus the overlap, timestamps 15 minutes before it', state(T0 - HOUR, T0), 24 * HOUR, 5 * MIN, false, { from: T0 - 5 * MIN, start: T0 - 20 * MIN, end: T0 + 10 * MIN + 25 * HOUR }],
		['a sweep: the whole look-back window', state(T0 - HOUR, T0), 24 * HOUR, 5 * MIN, true, { from: T0 - 5 * MIN, start: T0 - 5 * MIN - 24 * HOUR, end: T0 + 10 * MIN + 25 * HOUR }],
		['a sweep reaches back to its own cursor', state(T0 - 2 * HOUR, T0, T0 - HOUR), 24 * HOUR, 5 * MIN, true, { from: T0 - HOUR - 5 * MIN, start: T0 - 25 * HOUR - 5 * MIN, end: T0 + 10 * MIN + 25 * HOUR }],
		['never before since (nothing from before the activation)', state(T0, T0), 24 * HOUR, 5 * MIN, true, { from: T0, start: T0 - 24 * HOUR, end: T0 + 10 * MIN + 25 * HOUR }],
		['no look-back: timestamps from the receipt on, an hour past now for clock skew', state(T0 - HOUR, T0), 0, 0, false, { from: T0, start: T0, end: T0 + 10 * MIN + HOUR }],
		['a look-back shorter than the recent scan bounds it', state(T0 - HOUR, T0), 5 * MIN, 0, false, { from: T0, start: T0 - 5 * MIN, end: T0 + 15 * MIN + HOUR }],
		["a cursor ahead of n8n's clock still ends after it", state(T0, T0 + HOUR), 0, 0, false, { from: T0 + HOUR, start: T0 + HOUR, end: T0 + 2 * HOUR }],
	])('eventQueryScope: %s', (_name, previous, lookBack, overlap, sweep, expected) => {
		const scope = eventQueryScope(previous, T0 + 10 * MIN, lookBack, overlap, sweep);
		expect(scope).toEqual({ receivedFrom: iso(expected.from), timeframe: { start: iso(expected.start), end: iso(expected.end) } });
	});
});

describe('eventId', () => {
	it('uses keen.id, else a fingerprint of the event', () => {
		expect(eventId(ev('abc', 0))).toBe('abc');
		expect(eventId({ a: 1 })).toBe(fingerprint({ a: 1 }));
		expect(eventId({ keen: 'oops' })).toBe(fingerprint({ keen: 'oops' }));
	});
});

describe('selectNewEvents', () => {
	const opts = { overlapMs: 5 * MIN, maxEvents: 1000 };
	const late = { cursor: iso(T0), seen: {} };
	const start: NewEventState = { since: iso(T0), cursor: iso(T0), seen: {}, late };
	const at = (cursor: string, seen: Record<string, string>): NewEventState => ({ since: iso(T0), cursor, seen, late });

	it.each<[string, NewEventState, IDataObject[], { maxEvents?: number }, string[], NewEventState]>([
		['nothing new keeps the state', start, [], {}, [], start],
		[
			'emits oldest first and moves the cursor to the newest',
			start,
			[ev('b', 2), ev('a', 1)],
			{},
			['a', 'b'],
			at(iso(T0 + 2 * MIN), { a: iso(T0 + MIN), b: iso(T0 + 2 * MIN) }),
		],
		[
			'skips ids seen in the overlap window, emits a late one once',
			at(iso(T0 + 2 * MIN), { a: iso(T0 + MIN), b: iso(T0 + 2 * MIN) }),
			[ev('a', 1), ev('late', 1.5), ev('b', 2)],
			{},
			['late'],
			at(iso(T0 + 2 * MIN), { a: iso(T0 + MIN), b: iso(T0 + 2 * MIN), late: iso(T0 + 1.5 * MIN) }),
		],
		[
			'forgets ids that fall out of the next overlap window',
			at(iso(T0 + 2 * MIN), { a: iso(T0 + MIN), b: iso(T0 + 2 * MIN) }),
			[ev('c', 10)],
			{},
			['c'],
			at(iso(T0 + 10 * MIN), { c: iso(T0 + 10 * MIN) }),
		],
		[
			'caps the events per poll; the cursor stops at the last emitted',
			start,
			[ev('d', 4), ev('c', 3), ev('b', 2), ev('a', 1)],
			{ maxEvents: 2 },
			['a', 'b'],
			at(iso(T0 + 2 * MIN), { a: iso(T0 + MIN), b: iso(T0 + 2 * MIN) }),
		],
		[
			'same timestamp: ordered by id, and duplicates in one answer count once',
			start,
			[ev('y', 1), ev('x', 1), ev('x', 1)],
			{},
			['x', 'y'],
			at(iso(T0 + MIN), { x: iso(T0 + MIN), y: iso(T0 + MIN) }),
		],
		['events without a receipt time are ignored', start, [{ keen: { id: 'n', timestamp: iso(T0) } }], {}, [], start],
		[
			"the recent pass leaves late events to the sweep, its cursor passing over them",
			start,
			[ev('a', 1), lateEv('old stamp', 2), ev('stamped 15 minutes before', 3, 15), ev('stamped 16 minutes before', 4, 16)],
			{},
			['a', 'stamped 15 minutes before'],
			at(iso(T0 + 4 * MIN), { a: iso(T0 + MIN), 'stamped 15 minutes before': iso(T0 + 3 * MIN) }),
		],
		[
			'events before its own window (a sweeping answer reaching back) were emitted already',
			at(iso(T0 + 20 * MIN), {}),
			[ev('long emitted', 10), ev('inside the overlap', 16)],
			{},
			['inside the overlap'],
			at(iso(T0 + 20 * MIN), { 'inside the overlap': iso(T0 + 16 * MIN) }),
		],
		['events received before since are not emitted', start, [ev('before', -1), ev('after', 1)], {}, ['after'], at(iso(T0 + MIN), { after: iso(T0 + MIN) })],
	])('%s', (_name, previous, events, override, expectedIds, expectedState) => {
		const result = selectNewEvents(previous, events, { ...opts, ...override });
		expect(ids(result.events)).toEqual(expectedIds);
		expect(result.state).toEqual(expectedState);
		expect(result.complete).toBe(override.maxEvents === undefined);
	});

	it('the sweep emits only late events, keeps its own cursor and ids, and says when it has not finished', () => {
		const events = [ev('recent', 1), lateEv('l1', 2), lateEv('l2', 3), ev('recent too', 4)];
		const first = selectNewEvents(start, events, { ...opts, maxEvents: 1 }, 'late');
		expect([ids(first.events), first.complete]).toEqual([['l1'], false]);
		expect(first.state).toEqual({ ...start, late: { cursor: iso(T0 + 2 * MIN), seen: { l1: iso(T0 + 2 * MIN) } } });
		const second = selectNewEvents(first.state, events, opts, 'late');
		expect([ids(second.events), second.complete]).toEqual([['l2'], true]);
		expect(second.state.late).toEqual({ cursor: iso(T0 + 4 * MIN), seen: { l1: iso(T0 + 2 * MIN), l2: iso(T0 + 3 * MIN) } });
		expect(selectNewEvents(second.state, events, opts, 'late').events).toEqual([]);
	});

	it('never mutates the previous state', () => {
		const previous: NewEventState = at(iso(T0), { z: iso(T0) });
		const copy = JSON.parse(JSON.stringify(previous));
		selectNewEvents(previous, [ev('a', 1)], opts);
		expect(previous).toEqual(copy);
	});

	it('the rest of a capped batch follows on the next poll, none twice', () => {
		const all = [ev('a', 1), ev('b', 1), ev('c', 1), ev('d', 2), ev('e', 3)];
		let state = start;
		const emitted: string[] = [];
		for (let poll = 0; poll < 4; poll++) {
			const result = selectNewEvents(state, all, { ...opts, maxEvents: 2 });
			emitted.push(...(ids(result.events) as string[]));
			state = result.state;
		}
		expect(emitted).toEqual(['a', 'b', 'c', 'd', 'e']);
	});
});

describe('latestEvents', () => {
	it('returns the newest first, at most count', () => {
		const stamped = (id: string, offsetMin: number) => ({ keen: { id, timestamp: iso(T0 + offsetMin * MIN) } });
		expect(ids(latestEvents([stamped('a', 1), stamped('c', 3), stamped('b', 2)], 2))).toEqual(['c', 'b']);
	});
});

describe('metricRows', () => {
	it.each<[string, unknown, string[], MetricRow[]]>([
		['plain result', { result: 7 }, [], [{ key: '', group: {}, value: 7 }]],
		['null result', { result: null }, [], [{ key: '', group: {}, value: null }]],
		[
			'grouped result',
			{ result: [{ country: 'US', result: 3 }, { country: null, result: 1 }] },
			['country'],
			[
				{ key: '["US"]', group: { country: 'US' }, value: 3 },
				{ key: '[null]', group: { country: null }, value: 1 },
			],
		],
		[
			'two group properties',
			{ result: [{ a: 1, b: 'x', result: 2 }] },
			['a', 'b'],
			[{ key: '[1,"x"]', group: { a: 1, b: 'x' }, value: 2 }],
		],
	])('%s', (_name, response, groupBy, expected) => {
		expect(metricRows(response, groupBy)).toEqual(expected);
	});
});

describe('thresholdSide', () => {
	it.each<[number, number, ThresholdDirection, ThresholdDirection]>([
		[11, 10, 'above', 'above'],
		[10, 10, 'above', 'below'],
		[9, 10, 'above', 'below'],
		[9, 10, 'below', 'below'],
		[10, 10, 'below', 'above'],
		[11, 10, 'below', 'above'],
	])('%d vs %d watching %s → %s', (value, threshold, direction, expected) => {
		expect(thresholdSide(value, threshold, direction)).toBe(expected);
	});
});

describe('evaluateThreshold', () => {
	const row = (key: string, value: number | null): MetricRow => ({ key, group: key ? { g: key } : {}, value });
	const above = { threshold: 10, direction: 'above' as const, emit: 'crossing' as const };

	it.each<[string, Record<string, ThresholdDirection>, MetricRow[], typeof above | { threshold: number; direction: ThresholdDirection; emit: 'crossing' | 'everyPoll' }, string[], Record<string, ThresholdDirection>]>([
		['first value already past counts as a crossing', {}, [row('', 12)], above, [''], { '': 'above' }],
		['first value below: nothing', {}, [row('', 3)], above, [], { '': 'below' }],
		['crossing up', { '': 'below' }, [row('', 12)], above, [''], { '': 'above' }],
		['staying above emits once only', { '': 'above' }, [row('', 15)], above, [], { '': 'above' }],
		['going back arms it again', { '': 'above' }, [row('', 5)], above, [], { '': 'below' }],
		['every poll while past', { '': 'above' }, [row('', 15)], { ...above, emit: 'everyPoll' }, [''], { '': 'above' }],
		['every poll: not while before it', { '': 'below' }, [row('', 5)], { ...above, emit: 'everyPoll' }, [], { '': 'below' }],
		['falling below', { '': 'above' }, [row('', 5)], { ...above, direction: 'below' }, [''], { '': 'below' }],
		['no value keeps the previous side', { '': 'below' }, [row('', null)], above, [], { '': 'below' }],
		[
			'per group, vanished groups dropped',
			{ US: 'below', CA: 'above', FR: 'below' },
			[row('US', 20), row('CA', 20), row('DE', 30)],
			above,
			['US', 'DE'],
			{ US: 'above', CA: 'above', DE: 'above' },
		],
	])('%s', (_name, previous, rows, options, expectedKeys, expectedState) => {
		const { hits, state } = evaluateThreshold(previous, rows, options);
		expect(hits.map((hit) => hit.key)).toEqual(expectedKeys);
		expect(state).toEqual(expectedState);
	});

	it('reports the previous side of a crossing when known', () => {
		const { hits } = evaluateThreshold({ '': 'below' }, [row('', 12)], above);
		expect(hits[0]).toEqual({ key: '', group: {}, value: 12, previous: 'below' });
	});
});
