import { validateAccessKeyName, validatePermitted } from '../../../nodes/Keen/helpers/accessKeys';
import { KeenInputError } from '../../../nodes/Keen/helpers/errors';

describe('validateAccessKeyName', () => {
	it.each([
		[' dash ', 'dash'],
		['x'.repeat(256), 'x'.repeat(256)],
	])('accepts %p', (name, expected) => {
		expect(validateAccessKeyName(name, 'keyName')).toBe(expected);
	});
	it.each([[''], ['x'.repeat(257)], [undefined]])('rejects %p', (name) => {
		expect(() => validateAccessKeyName(name, 'keyName')).toThrow(KeenInputError);
	});
});

describe('validatePermitted', () => {
	it.each([
		[['queries', 'writes'], ['queries', 'writes']],
		[[], []],
		['schema, datasets', ['schema', 'datasets']],
	])('%p → %p', (value, expected) => {
		expect(validatePermitted(value, 'permitted')).toEqual(expected);
	});
	it('rejects an unknown permission, listing the valid ones', () => {
		expect(() => validatePermitted(['reads'], 'permitted')).toThrow(expect.objectContaining({ field: 'permitted', hint: expect.stringContaining('saved_queries') }));
	});
});
