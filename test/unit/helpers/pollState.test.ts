import type { IDataObject } from 'n8n-workflow';

import {
	canonicalJson,
	eventId,
	eventWindow,
	evaluateThreshold,
	fingerprint,
	initialEventState,
	latestEvents,
	metricRows,
	savedQueryPoll,
	selectNewEvents,
	storedState,
	thresholdSide,
	type MetricRow,
	type NewEventState,
	type ThresholdDirection,
} from '../../../nodes/Keen/helpers/pollState';

const T0 = Date.parse('2024-05-01T12:00:00.000Z');
const MIN = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();
const ev = (id: string, offsetMin: number, extra: IDataObject = {}): IDataObject => ({
	...extra,
	keen: { id, timestamp: iso(T0 + offsetMin * MIN), created_at: iso(T0) },
});
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
	it.each<[string, unknown, string, unknown]>([
		['matching scope', { scope: 's', state: { x: 1 } }, 's', { x: 1 }],
		['other scope (parameters changed)', { scope: 'old', state: { x: 1 } }, 's', undefined],
		['nothing stored', undefined, 's', undefined],
		['garbage', 'text', 's', undefined],
		['scope without state', { scope: 's' }, 's', undefined],
	])('%s', (_name, stored, scope, expected) => {
		expect(storedState(stored, scope)).toEqual(expected);
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

describe('initialEventState and eventWindow', () => {
	it.each<[string, number, string]>([
		['no backfill starts at now', 0, iso(T0)],
		['backfill starts that long before', 30 * MIN, iso(T0 - 30 * MIN)],
		['negative backfill is none', -5, iso(T0)],
	])('%s', (_name, backfill, cursor) => {
		expect(initialEventState(T0, backfill)).toEqual({ cursor, seen: {} });
	});

	it.each<[string, string, number, { start: string; end: string }]>([
		['cursor minus overlap to now', iso(T0), 5 * MIN, { start: iso(T0 - 5 * MIN), end: iso(T0 + 10 * MIN) }],
		['no overlap', iso(T0), 0, { start: iso(T0), end: iso(T0 + 10 * MIN) }],
		['a cursor in the future never starts after now', iso(T0 + 60 * MIN), 5 * MIN, { start: iso(T0 + 10 * MIN), end: iso(T0 + 10 * MIN) }],
	])('%s', (_name, cursor, overlap, expected) => {
		expect(eventWindow({ cursor, seen: {} }, T0 + 10 * MIN, overlap)).toEqual(expected);
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
	const start: NewEventState = { cursor: iso(T0), seen: {} };

	it.each<[string, NewEventState, IDataObject[], { maxEvents?: number }, string[], NewEventState]>([
		['nothing new keeps the state', start, [], {}, [], start],
		[
			'emits oldest first and moves the cursor to the newest',
			start,
			[ev('b', 2), ev('a', 1)],
			{},
			['a', 'b'],
			{ cursor: iso(T0 + 2 * MIN), seen: { a: iso(T0 + MIN), b: iso(T0 + 2 * MIN) } },
		],
		[
			'skips ids seen in the overlap window, emits a late one once',
			{ cursor: iso(T0 + 2 * MIN), seen: { a: iso(T0 + MIN), b: iso(T0 + 2 * MIN) } },
			[ev('a', 1), ev('late', 1.5), ev('b', 2)],
			{},
			['late'],
			{ cursor: iso(T0 + 2 * MIN), seen: { a: iso(T0 + MIN), b: iso(T0 + 2 * MIN), late: iso(T0 + 1.5 * MIN) } },
		],
		[
			'forgets ids that fall out of the next overlap window',
			{ cursor: iso(T0 + 2 * MIN), seen: { a: iso(T0 + MIN), b: iso(T0 + 2 * MIN) } },
			[ev('c', 10)],
			{},
			['c'],
			{ cursor: iso(T0 + 10 * MIN), seen: { c: iso(T0 + 10 * MIN) } },
		],
		[
			'caps the events per poll; the cursor stops at the last emitted',
			start,
			[ev('d', 4), ev('c', 3), ev('b', 2), ev('a', 1)],
			{ maxEvents: 2 },
			['a', 'b'],
			{ cursor: iso(T0 + 2 * MIN), seen: { a: iso(T0 + MIN), b: iso(T0 + 2 * MIN) } },
		],
		[
			'same timestamp: ordered by id, and duplicates in one answer count once',
			start,
			[ev('y', 1), ev('x', 1), ev('x', 1)],
			{},
			['x', 'y'],
			{ cursor: iso(T0 + MIN), seen: { x: iso(T0 + MIN), y: iso(T0 + MIN) } },
		],
		['events without a timestamp are ignored', start, [{ keen: { id: 'n' } }], {}, [], start],
	])('%s', (_name, previous, events, override, expectedIds, expectedState) => {
		const result = selectNewEvents(previous, events, { ...opts, ...override });
		expect(ids(result.events)).toEqual(expectedIds);
		expect(result.state).toEqual(expectedState);
	});

	it('never mutates the previous state', () => {
		const previous: NewEventState = { cursor: iso(T0), seen: { z: iso(T0) } };
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
		expect(ids(latestEvents([ev('a', 1), ev('c', 3), ev('b', 2)], 2))).toEqual(['c', 'b']);
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
