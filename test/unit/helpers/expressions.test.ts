import { deepFreeze, holdsExpression } from '../../../nodes/Keen/helpers/expressions';

describe('holdsExpression', () => {
	it.each([
		['={{ $json.type }}', true],
		['purchases', false],
		['', false],
		[undefined, false],
		[42, false],
		[{ __rl: true, mode: 'name', value: '={{ $json.collection }}' }, true],
		[{ __rl: true, mode: 'list', value: 'purchases' }, false],
		[{ filter: [{ propertyName: 'price', value: '={{ $json.min }}' }] }, true],
		[{ filter: [{ propertyName: 'price', value: '10' }] }, false],
		[['a', '={{ 1 }}'], true],
		[{ text: 'a = b' }, false],
	])('%j → %s', (value, expected) => expect(holdsExpression(value)).toBe(expected));
});

describe('deepFreeze', () => {
	it('freezes nested objects and lists and returns the same value', () => {
		const value = { a: { b: [1, { c: 2 }] } };
		expect(deepFreeze(value)).toBe(value);
		expect(Object.isFrozen(value.a)).toBe(true);
		expect(Object.isFrozen(value.a.b)).toBe(true);
		expect(Object.isFrozen(value.a.b[1])).toBe(true);
	});
	it.each([[1], ['text'], [null], [undefined]])('leaves %p as it is', (value) => expect(deepFreeze(value)).toBe(value));
});
