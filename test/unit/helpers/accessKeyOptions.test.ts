import {
	buildAccessKeyOptions,
	validateAccessKeyName,
	validatePermitted,
} from '../../../nodes/Keen/helpers/accessKeyOptions';
import { KeenInputError } from '../../../nodes/Keen/helpers/errors';

describe('buildAccessKeyOptions', () => {
	it.each([
		['nothing given', {}, {}],
		['blank JSON fields', { optionsJson: '', queryFilters: '[]', writesAutofill: '{}' }, {}],
		[
			'friendly fields',
			{
				queryFilters: '[{"property_name":"customer.id","operator":"eq","property_value":"42"}]',
				writesAutofill: '{"customer":{"id":"42"}}',
				savedQueriesAllowed: 'q1, q2',
				cachedQueriesAllowed: 'daily',
			},
			{
				queries: { filters: [{ property_name: 'customer.id', operator: 'eq', property_value: '42' }] },
				writes: { autofill: { customer: { id: '42' } } },
				saved_queries: { allowed: ['q1', 'q2'] },
				cached_queries: { allowed: ['daily'] },
			},
		],
		[
			'friendly fields merged over the raw JSON',
			{ optionsJson: '{"saved_queries":{"allowed":["old"],"blocked":["b"]},"datasets":{"operations":["read"]}}', savedQueriesAllowed: 'new' },
			{ saved_queries: { allowed: ['new'], blocked: ['b'] }, datasets: { operations: ['read'] } },
		],
	])('%s', (_case, fields, expected) => {
		expect(buildAccessKeyOptions(fields, 'keyOptions')).toEqual(expected);
	});

	it.each([[{ optionsJson: '[1]' }], [{ writesAutofill: '{' }], [{ queryFilters: '{"x":' }]])('rejects %p naming the field', (fields) => {
		expect(() => buildAccessKeyOptions(fields, 'keyOptions')).toThrow(expect.objectContaining({ field: 'keyOptions' }));
	});
});

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
