import { filtersFromJson } from '../../../nodes/Keen/helpers/filters';
import { inputErrorOf } from '../support';

describe('filtersFromJson', () => {
	it.each([
		['empty text', '', []],
		['empty list', '[]', []],
		['a list', '[{"property_name":"price","operator":"gt","property_value":10}]', [{ property_name: 'price', operator: 'gt', property_value: 10 }]],
		['one object', '{"property_name":"a","operator":"exists","property_value":true}', [{ property_name: 'a', operator: 'exists', property_value: true }]],
		[
			'or',
			'[{"operator":"or","operands":[{"property_name":"a","operator":"eq","property_value":1},{"property_name":"b","operator":"eq","property_value":2}]}]',
			[{ operator: 'or', operands: [{ property_name: 'a', operator: 'eq', property_value: 1 }, { property_name: 'b', operator: 'eq', property_value: 2 }] }],
		],
	])('%s', (_name, json, expected) => expect(filtersFromJson(json, 'filtersJson')).toEqual(expected));

	it.each([
		['invalid JSON', '[{"property_name":', /could not be parsed as JSON/],
		['not a list', '42', /JSON array/],
		['unknown operator', '[{"property_name":"a","operator":"between","property_value":[1,2]}]', /unknown operator "between"/],
		['in without list', '[{"property_name":"a","operator":"in","property_value":"x"}]', /needs a list/],
		['within elsewhere', '[{"property_name":"geo","operator":"within","property_value":{"coordinates":[1,2],"max_distance_miles":1}}]', /only works on/],
		['empty or', '[{"operator":"or","operands":[]}]', /non-empty operands/],
		['bad operand', '[{"operator":"or","operands":[{"property_name":"a","operator":"nope"}]}]', /operand 1/],
	])('rejects %s, naming the JSON field', (_name, json, message) => {
		const error = inputErrorOf(() => filtersFromJson(json, 'filtersJson'));
		expect(error.field).toBe('filtersJson');
		expect(error.message).toMatch(message);
	});
});
