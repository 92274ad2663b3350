import { isPlainObject, parseJson, parseJsonObject } from '../../../nodes/Keen/helpers/json';
import { inputErrorOf } from '../support';

describe('parseJson', () => {
	it.each([
		['[1, 2]', [1, 2]],
		['"text"', 'text'],
		['null', null],
		['{"a": {"b": true}}', { a: { b: true } }],
	])('parses %s', (text, expected) => expect(parseJson(text, 'field')).toEqual(expected));

	it('names the field, says what was being read and how to fix it', () => {
		const error = inputErrorOf(() => parseJson('[1,', 'filtersJson', 'The filters', 'Write a JSON array.'));
		expect(error.field).toBe('filtersJson');
		expect(error.message).toMatch(/^The filters could not be parsed as JSON \(.+\)$/);
		expect(error.hint).toBe('Write a JSON array.');
	});
});

describe('parseJsonObject', () => {
	it('parses a string', () => expect(parseJsonObject('{"a": 1}', 'jsonBody')).toEqual({ a: 1 }));
	it('takes an object from an expression as is', () => expect(parseJsonObject({ a: 1 }, 'jsonBody')).toEqual({ a: 1 }));
	it.each([
		['invalid JSON', '{a: 1}', /could not be parsed as JSON/],
		['a list', '[1]', /not an object/],
		['a number', '3', /not an object/],
	])('refuses %s', (_case, input, message) => {
		const error = inputErrorOf(() => parseJsonObject(input, 'jsonBody'));
		expect(error.field).toBe('jsonBody');
		expect(error.message).toMatch(message);
	});
});

describe('isPlainObject', () => {
	it.each([
		[{}, true],
		[{ a: 1 }, true],
		[[], false],
		[null, false],
		['{}', false],
		[3, false],
	])('%p → %s', (value, expected) => expect(isPlainObject(value)).toBe(expected));
});
