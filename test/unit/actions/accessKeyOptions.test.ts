import { keyOptionsOf } from '../../../nodes/Keen/actions/accessKey/attributes';

describe('keyOptionsOf', () => {
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
		expect(keyOptionsOf(fields, 'keyOptions')).toEqual(expected);
	});

	it.each([[{ optionsJson: '[1]' }], [{ writesAutofill: '{' }], [{ queryFilters: '{"x":' }]])('rejects %p naming the field', (fields) => {
		expect(() => keyOptionsOf(fields, 'keyOptions')).toThrow(expect.objectContaining({ field: 'keyOptions' }));
	});
});
