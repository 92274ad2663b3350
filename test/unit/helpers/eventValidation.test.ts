import {
	normaliseTimestamp,
	validateCollectionName,
	validateEvent,
	validateEventSize,
} from '../../../nodes/Keen/helpers/eventValidation';
import { inputErrorOf } from '../support';

describe('validateCollectionName', () => {
	it.each(['purchases', 'User posts.new', 'a'.repeat(64), 'sign-ups_2024'])('accepts %s', (name) => {
		expect(validateCollectionName(name, 'collection')).toBe(name);
	});
	const bad: Array<[string, unknown, RegExp]> = [
		['empty', '', /empty/],
		['blank', '   ', /empty/],
		['not a string', undefined, /empty/],
		['too long', 'a'.repeat(65), /longer than 64/],
		['leading underscore', '_private', /starts with _/],
		['leading dot', '.hidden', /dot/],
		['trailing dot', 'end.', /dot/],
		['dollar', 'pay$', /contains \$/],
		['non-ASCII', 'café', /ASCII/],
	];
	it.each(bad)('refuses %s', (_case, name, message) => {
		const error = inputErrorOf(() => validateCollectionName(name, 'collection'));
		expect(error.field).toBe('collection');
		expect(error.message).toMatch(message);
		expect(error.hint).toBeTruthy();
	});
});

describe('validateEvent', () => {
	it.each([
		['flat', { item: 'gadget', price: 10 }],
		['nested', { user: { id: 'u1', address: { city: 'Paris' } } }],
		['keen object', { keen: { timestamp: '2024-05-01T00:00:00Z' } }],
		['list of objects', { tags: [{ name: 'a' }, 'b', 3] }],
		['string of 9,999 chars', { text: 'x'.repeat(9_999) }],
		['name of 255 chars', { ['n'.repeat(255)]: 1 }],
	])('accepts %s', (_case, event) => expect(validateEvent(event, 'jsonBody')).toBe(event));

	const bad: Array<[string, unknown, RegExp]> = [
		['not an object', [1, 2], /not a JSON object/],
		['null', null, /not a JSON object/],
		['dot in name', { 'user.id': 1 }, /"user\.id" contains a dot/],
		['leading $', { $set: 1 }, /starts with \$/],
		['name of 256 chars', { ['n'.repeat(256)]: 1 }, /longer than 255/],
		['nested dot', { user: { 'first.name': 'a' } }, /"user\.first\.name" contains a dot/],
		['dot inside a list', { list: [{ 'a.b': 1 }] }, /"list\[0\]\.a\.b" contains a dot/],
		['keen not an object', { keen: 'now' }, /root "keen" property is not an object/],
		['string of 10,000 chars', { text: 'x'.repeat(10_000) }, /10000 characters/],
		['long string deep in a list', { a: [['x'.repeat(10_000)]] }, /"a\[0\]\[0\]"/],
	];
	it.each(bad)('refuses %s', (_case, event, message) => {
		const error = inputErrorOf(() => validateEvent(event, 'jsonBody'));
		expect(error.field).toBe('jsonBody');
		expect(error.message).toMatch(message);
		expect(error.hint).toBeTruthy();
	});
});

describe('validateEventSize', () => {
	it('accepts 900,000 bytes', () => expect(() => validateEventSize(900_000, 'jsonBody')).not.toThrow());
	it('refuses 900,001 bytes', () => expect(inputErrorOf(() => validateEventSize(900_001, 'jsonBody')).message).toMatch(/900001 bytes/));
});

describe('normaliseTimestamp', () => {
	it.each([
		['2024-05-01T12:00:00Z', '2024-05-01T12:00:00.000Z'],
		['2024-05-01T12:00:00.123Z', '2024-05-01T12:00:00.123Z'],
		['2024-05-01T14:00:00+02:00', '2024-05-01T12:00:00.000Z'],
		['2024-05-01T12:00', '2024-05-01T12:00:00.000Z'],
		['2024-05-01', '2024-05-01T00:00:00.000Z'],
		[' 2024-05-01T12:00:00Z ', '2024-05-01T12:00:00.000Z'],
	])('%s → %s', (input, expected) => expect(normaliseTimestamp(input, 'timestampField')).toBe(expected));

	it.each([['yesterday'], ['05/01/2024'], [1714564800000], ['2024-13-01T00:00:00Z'], [undefined], ['']])('refuses %p', (input) => {
		expect(inputErrorOf(() => normaliseTimestamp(input, 'timestampField')).field).toBe('timestampField');
	});
});

describe('issue 10 case 9: events nested too deep and days that do not exist', () => {
	it('refuses an event nested 20,000 levels deep with an input error, not a stack overflow', () => {
		const deep = Array.from({ length: 20_000 }).reduce<Record<string, unknown>>((inner) => ({ a: inner }), { leaf: true });
		expect(() => validateEvent(deep, 'eventContent')).toThrow(expect.objectContaining({ field: 'eventContent', message: expect.stringMatching(/nested more than 1000 levels deep/) }));
	});

	it.each(['2024-02-30T00:00:00Z', '2023-02-29', '2024-04-31T10:00:00+02:00', '2024-00-10', '2024-13-01'])('refuses %s', (text) => {
		expect(() => normaliseTimestamp(text, 'timestampField')).toThrow(/not a valid date/);
	});

	it('keeps 29 February of a leap year', () => {
		expect(normaliseTimestamp('2024-02-29T12:00:00Z', 'timestampField')).toBe('2024-02-29T12:00:00.000Z');
	});
});

describe('issue 22 item 3: values JSON cannot carry are refused, naming the path', () => {
	const circular: Record<string, unknown> = { name: 'loop', inner: { list: [1] } };
	(circular.inner as Record<string, unknown>).back = circular;
	it.each<[string, unknown, string]>([
		['NaN', { ratio: NaN }, 'The value in "ratio" is NaN'],
		['Infinity', { a: { b: Infinity } }, 'The value in "a.b" is Infinity'],
		['-Infinity', { list: [1, -Infinity] }, 'The value in "list[1]" is -Infinity'],
		['undefined inside a list', { tags: ['a', undefined] }, 'The value in "tags[1]" is undefined'],
		['a hole in a list', { tags: new Array(3).fill(1, 2) }, 'The value in "tags[0]" is undefined'],
		['a function', { handler: () => 1 }, 'The value in "handler" is a function'],
		['a BigInt', { id: { big: 12345678901234567890n } }, 'The value in "id.big" is a BigInt (12345678901234567890n)'],
		['a symbol', { s: Symbol('x') }, 'The value in "s" is a symbol'],
		['a circular reference', circular, 'The value in "inner.back" is the object it sits in (a circular reference)'],
	])('%s', (_case, event, message) => {
		const error = inputErrorOf(() => validateEvent(event, 'jsonBody'));
		expect(error.message).toBe(message);
		expect(error.field).toBe('jsonBody');
		expect(error.hint).toMatch(/Number\.isFinite/);
	});

	it('accepts what JSON carries: finite numbers, null, booleans, an undefined property (left out), a shared object that is no cycle', () => {
		const shared = { x: 1 };
		expect(() => validateEvent({ n: -0.5, big: Number.MAX_VALUE, z: null, t: true, gone: undefined, a: shared, b: [shared, shared] }, 'jsonBody')).not.toThrow();
	});
});
