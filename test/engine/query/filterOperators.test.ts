import type { IDataObject, INodeProperties, INodePropertyCollection, INodePropertyOptions } from 'n8n-workflow';

import { Keen } from '../../../nodes/Keen/Keen.node';
import { keenCredentials, runNode } from '../../harness';
import { startKeenServer, type KeenServer } from '../../keen-server';

/*
 * Issue 10 case 8: every entry of the filter Operator dropdown, taken from the node's own
 * description, sends the operator Keen documents for it (docs/keen-api.md §7.6) with a value typed as
 * Keen expects — and the server's count proves the semantics (e.g. "or Equal" includes 50).
 */

/** What each dropdown entry must send: Keen's operator, and a row plus the filter and count it gives. */
const EXPECTED: Record<string, { operator: string; row: IDataObject; value: unknown; count: number }> = {
	Contains: { operator: 'contains', row: { propertyName: 'note', value: 'world' }, value: 'world', count: 1 },
	'Does Not Contain': { operator: 'not_contains', row: { propertyName: 'note', value: 'world' }, value: 'world', count: 2 },
	Equal: { operator: 'eq', row: { propertyName: 'price', value: '50' }, value: 50, count: 1 },
	Exists: { operator: 'exists', row: { propertyName: 'tags', value: 'true' }, value: true, count: 2 },
	'Greater Than': { operator: 'gt', row: { propertyName: 'price', value: '50' }, value: 50, count: 1 },
	'Greater Than or Equal': { operator: 'gte', row: { propertyName: 'price', value: '50' }, value: 50, count: 2 },
	'In List': { operator: 'in', row: { propertyName: 'country', value: 'NL, DE' }, value: ['NL', 'DE'], count: 2 },
	'Less Than': { operator: 'lt', row: { propertyName: 'price', value: '50' }, value: 50, count: 1 },
	'Less Than or Equal': { operator: 'lte', row: { propertyName: 'price', value: '50.0' }, value: 50, count: 2 },
	'Matches Regex': { operator: 'regex', row: { propertyName: 'note', value: '^hel+o' }, value: '^hel+o', count: 1 },
	'Not Equal': { operator: 'ne', row: { propertyName: 'country', value: 'US' }, value: 'US', count: 2 },
	'Within Radius': {
		operator: 'within',
		row: { propertyName: 'keen.location.coordinates', latitude: 52.37, longitude: 4.9, maxDistanceMiles: 10 },
		value: { coordinates: [4.9, 52.37], max_distance_miles: 10 },
		count: 1,
	},
};

function operatorOptions(): INodePropertyOptions[] {
	const filters = new Keen().description.properties.find(
		(property) => property.name === 'filters' && property.displayOptions?.show?.operation?.includes('count'),
	) as INodeProperties;
	const row = (filters.options as INodePropertyCollection[])[0].values;
	return row.find((field) => field.name === 'operator')!.options as INodePropertyOptions[];
}

let server: KeenServer;
beforeAll(async () => {
	server = await startKeenServer({ port: 0 });
	server.ingest('ops', [
		{ price: 5, country: 'NL', tags: ['a', 'b'], note: 'hello world' },
		{ price: 50, country: 'US', tags: ['b'], note: 'bye' },
		{ price: 500, country: 'DE', keen: { location: { coordinates: [4.95, 52.4] } } },
	]);
});
afterAll(async () => await server.close());

describe('the filter Operator dropdown, entry by entry', () => {
	it('lists exactly the entries this test knows', () => {
		expect(operatorOptions().map((option) => option.name).sort()).toEqual(Object.keys(EXPECTED).sort());
	});

	it.each(operatorOptions().map((option) => [option.name, option] as const))('%s', async (name, option) => {
		const expected = EXPECTED[name];
		server.clearRequests();
		const result = await runNode({
			credentials: { ...keenCredentials(server) },
			parameters: {
				resource: 'query',
				operation: 'count',
				collection: { __rl: true, mode: 'name', value: 'ops' },
				filters: { filter: [{ operator: option.value, ...expected.row }] },
			},
		});
		expect(result.status).toBe('success');
		expect((server.requests[0].body as IDataObject).filters).toEqual([
			{ property_name: expected.row.propertyName, operator: expected.operator, property_value: expected.value },
		]);
		expect(result.items[0].json).toMatchObject({ value: expected.count });
	});
});
