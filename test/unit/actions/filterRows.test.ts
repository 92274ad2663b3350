import { filtersFromRows, type FilterRow } from '../../../nodes/Keen/actions/filterRows';
import { inputErrorOf } from '../support';

describe('filtersFromRows', () => {
	const cases: Array<[string, FilterRow, unknown]> = [
		['auto number', { propertyName: 'price', operator: 'gt', value: '10' }, 10],
		['auto decimal', { propertyName: 'price', operator: 'lte', value: '-2.5' }, -2.5],
		['auto boolean', { propertyName: 'paid', operator: 'eq', value: 'true' }, true],
		['auto null', { propertyName: 'coupon', operator: 'eq', value: 'null' }, null],
		['auto string', { propertyName: 'user.name', operator: 'eq', value: 'bob' }, 'bob'],
		['auto date string', { propertyName: 'keen.timestamp', operator: 'gte', value: '2024-05-01T00:00:00Z' }, '2024-05-01T00:00:00Z'],
		['string keeps digits', { propertyName: 'zip', operator: 'eq', valueType: 'string', value: '01234' }, '01234'],
		['number type', { propertyName: 'price', operator: 'eq', valueType: 'number', value: '3' }, 3],
		['boolean type', { propertyName: 'paid', operator: 'ne', valueType: 'boolean', value: 'FALSE' }, false],
		['null type', { propertyName: 'coupon', operator: 'ne', valueType: 'null', value: 'anything' }, null],
		['in, comma list', { propertyName: 'country', operator: 'in', value: 'US, CA, 7' }, ['US', 'CA', 7]],
		['in, JSON list', { propertyName: 'country', operator: 'in', value: '["US","CA"]' }, ['US', 'CA']],
		['in, json type', { propertyName: 'n', operator: 'in', valueType: 'json', value: '[1,2]' }, [1, 2]],
		['exists empty → true', { propertyName: 'coupon', operator: 'exists', value: '' }, true],
		['exists false', { propertyName: 'coupon', operator: 'exists', value: 'false' }, false],
		['contains keeps text', { propertyName: 'tags', operator: 'contains', value: '42' }, '42'],
		['regex keeps text', { propertyName: 'email', operator: 'regex', value: '^[a-z]+@example\\.com$' }, '^[a-z]+@example\\.com$'],
		['value from an expression (number)', { propertyName: 'price', operator: 'gt', value: 5 }, 5],
	];
	it.each(cases)('%s', (_name, row, value) => {
		expect(filtersFromRows([row], 'filters')).toEqual([{ property_name: row.propertyName, operator: row.operator, property_value: value }]);
	});

	it('builds within from longitude, latitude and miles', () => {
		expect(
			filtersFromRows([{ propertyName: 'keen.location.coordinates', operator: 'within', longitude: '-122.42', latitude: 37.77, maxDistanceMiles: 10 }], 'filters'),
		).toEqual([
			{ property_name: 'keen.location.coordinates', operator: 'within', property_value: { coordinates: [-122.42, 37.77], max_distance_miles: 10 } },
		]);
	});

	const bad: Array<[string, FilterRow, RegExp]> = [
		['unknown operator', { propertyName: 'a', operator: 'starts_with', value: 'x' }, /unknown operator/],
		['in with string type', { propertyName: 'a', operator: 'in', valueType: 'string', value: 'x' }, /needs a list/],
		['within elsewhere', { propertyName: 'home', operator: 'within', longitude: 1, latitude: 2, maxDistanceMiles: 3 }, /only works on keen\.location\.coordinates/],
		['within without distance', { propertyName: 'keen.location.coordinates', operator: 'within', longitude: 1, latitude: 2 }, /max distance/],
		['latitude out of range', { propertyName: 'keen.location.coordinates', operator: 'within', longitude: 1, latitude: 95, maxDistanceMiles: 3 }, /latitude/],
		['regex that does not compile', { propertyName: 'a', operator: 'regex', value: '([a-z' }, /does not compile/],
		['not a number', { propertyName: 'a', operator: 'gt', valueType: 'number', value: 'ten' }, /not a number/],
		['not a boolean', { propertyName: 'a', operator: 'eq', valueType: 'boolean', value: 'yes' }, /not true or false/],
		['bad JSON value', { propertyName: 'a', operator: 'in', value: '[1,' }, /could not be parsed as JSON/],
		['empty property', { propertyName: ' ', operator: 'eq', value: '1' }, /property name is empty/],
		['exists with text', { propertyName: 'a', operator: 'exists', value: 'maybe' }, /true or false/],
		['eq with an object', { propertyName: 'a', operator: 'eq', value: '{"x":1}' }, /single text/],
	];
	it.each(bad)('rejects %s', (_name, row, message) => {
		const error = inputErrorOf(() => filtersFromRows([row], 'filters'));
		expect(error.field).toBe('filters');
		expect(error.message).toMatch(message);
		expect(error.message).toMatch(/^Filter 1/);
		expect(error.hint).toBeTruthy();
	});
});
