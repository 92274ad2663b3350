import { compileFilters, getPath } from '.';
import { keenError } from './test-support';

const events: Array<Record<string, unknown>> = [
	{ id: 1, n: 5, s: 'apple pie', tags: ['a', 'b'], user: { address: { city: 'Paris' } }, when: '2024-05-01T00:00:00.000Z', keen: { location: { coordinates: [2.3522, 48.8566] } } },
	{ id: 2, n: 10, s: 'banana', tags: ['c'], user: { address: { city: 'Berlin' } }, when: '2024-05-02T12:00:00.000Z', keen: { location: { coordinates: [13.405, 52.52] } } },
	{ id: 3, n: '10', s: 'cherry', user: { address: null }, when: 'not a date' },
	{ id: 4, n: null, flag: true },
];

function ids(...filters: unknown[]): number[] {
	const predicate = compileFilters(filters);
	return events.filter(predicate).map((event) => event.id as number);
}

const f = (property_name: string, operator: string, property_value: unknown) => ({ property_name, operator, property_value });

describe('filter operators', () => {
	it('eq / ne: typed equality, list membership, null matches missing', () => {
		expect(ids(f('n', 'eq', 10))).toEqual([2]);
		expect(ids(f('n', 'eq', '10'))).toEqual([3]);
		expect(ids(f('tags', 'eq', 'b'))).toEqual([1]);
		expect(ids(f('flag', 'eq', null))).toEqual([1, 2, 3]);
		expect(ids(f('n', 'ne', null))).toEqual([1, 2, 3]);
		expect(ids(f('n', 'ne', 10))).toEqual([1, 3, 4]);
	});

	it('lt / lte / gt / gte: numbers numerically, strings lexically, datetimes as instants', () => {
		expect(ids(f('n', 'lt', 10))).toEqual([1]);
		expect(ids(f('n', 'lte', 10))).toEqual([1, 2]);
		expect(ids(f('n', 'gt', 5))).toEqual([2]);
		expect(ids(f('n', 'gte', 5))).toEqual([1, 2]);
		expect(ids(f('s', 'gt', 'b'))).toEqual([2, 3]);
		expect(ids(f('when', 'gte', '2024-05-02T12:00:00Z'))).toEqual([2]);
		expect(ids(f('when', 'lt', '2024-05-02T14:00:00+02:00'))).toEqual([1]);
	});

	it('exists: present and not null', () => {
		expect(ids(f('flag', 'exists', true))).toEqual([4]);
		expect(ids(f('n', 'exists', false))).toEqual([4]);
		expect(ids(f('user.address.city', 'exists', 'true'))).toEqual([1, 2]);
	});

	it('in: one of the values, or any list item', () => {
		expect(ids(f('n', 'in', [5, '10']))).toEqual([1, 3]);
		expect(ids(f('tags', 'in', ['c', 'z']))).toEqual([2]);
	});

	it('contains / not_contains: substring of strings, membership of lists', () => {
		expect(ids(f('s', 'contains', 'an'))).toEqual([2]);
		expect(ids(f('tags', 'contains', 'a'))).toEqual([1]);
		expect(ids(f('s', 'not_contains', 'e'))).toEqual([2, 4]);
	});

	it('regex', () => {
		expect(ids(f('s', 'regex', '^(apple|cherry)'))).toEqual([1, 3]);
	});

	it('within: haversine distance in miles on keen.location.coordinates', () => {
		// Paris–Berlin is about 545 miles.
		const paris = { coordinates: [2.3522, 48.8566], max_distance_miles: 10 };
		expect(ids(f('keen.location.coordinates', 'within', paris))).toEqual([1]);
		expect(ids(f('keen.location.coordinates', 'within', { ...paris, max_distance_miles: 550 }))).toEqual([1, 2]);
		expect(ids(f('keen.location.coordinates', 'within', { ...paris, max_distance_miles: 540 }))).toEqual([1]);
	});

	it('nested paths', () => {
		expect(ids(f('user.address.city', 'eq', 'Berlin'))).toEqual([2]);
		expect(ids(f('user.address.city.name', 'exists', false))).toEqual([1, 2, 3, 4]);
	});

	it('ANDs the list, supports or-operands, the old `value` key and ignores property_type', () => {
		expect(ids(f('n', 'gte', 5), f('s', 'contains', 'a'))).toEqual([1, 2]);
		expect(ids({ operator: 'or', operands: [f('id', 'eq', 1), f('id', 'eq', 4)] })).toEqual([1, 4]);
		expect(ids({ property_name: 'id', operator: 'eq', value: 3, property_type: 'Number' })).toEqual([3]);
		expect(events.filter(compileFilters(undefined))).toHaveLength(4);
		expect(events.filter(compileFilters([]))).toHaveLength(4);
		expect(events.filter(compileFilters(JSON.stringify([f('id', 'eq', 2)]))).map((e) => e.id)).toEqual([2]);
	});
});

describe('filter errors', () => {
	it.each([
		['unknown operator', f('n', 'starts_with', 'a')],
		['missing operator', { property_name: 'n', property_value: 1 }],
		['missing property_name', { operator: 'eq', property_value: 1 }],
		['missing property_value', { property_name: 'n', operator: 'eq' }],
		['in without a list', f('n', 'in', 5)],
		['exists without a boolean', f('n', 'exists', 'yes')],
		['comparison with an object', f('n', 'gt', { a: 1 })],
		['bad regex', f('s', 'regex', '(')],
		['malformed within', f('keen.location.coordinates', 'within', { coordinates: [1], max_distance_miles: 1 })],
		['or without operands', { operator: 'or', operands: [] }],
		['a non-object filter', 'n eq 1'],
	])('%s → 400 InvalidFilterError', (_label, filter) => {
		const error = keenError(() => compileFilters([filter]));
		expect([error.status, error.errorCode]).toEqual([400, 'InvalidFilterError']);
	});

	it('rejects filters that are not a list', () => {
		expect(keenError(() => compileFilters({ property_name: 'n' })).errorCode).toBe('InvalidFilterError');
	});

	it('rejects within on another property with InvalidPropertyNameForGeoFilter', () => {
		const error = keenError(() => compileFilters([f('home', 'within', { coordinates: [0, 0], max_distance_miles: 1 })]));
		expect([error.status, error.errorCode]).toEqual([400, 'InvalidPropertyNameForGeoFilter']);
	});
});

describe('getPath', () => {
	it('reads nested properties and returns undefined for missing levels', () => {
		expect(getPath(events[0], 'user.address.city')).toBe('Paris');
		expect(getPath(events[0], 'keen.location.coordinates')).toEqual([2.3522, 48.8566]);
		expect(getPath(events[2], 'user.address.city')).toBeUndefined();
		expect(getPath(events[0], 'tags.0')).toBeUndefined();
		expect(getPath(events[0], 'id')).toBe(1);
	});
});
