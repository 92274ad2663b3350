import { byName, rowsOf, run, sent } from '../../harness/engine-test-kit';
import { useQueryServer } from './queryFixture';

const server = useQueryServer();

const FILTER = { property_name: 'country', operator: 'eq', property_value: 'FR' };

/** A JSON field set by an expression arrives as the array itself, not as text: it must still be read as filters. */
describe('Filters (JSON) given an array by an expression', () => {
	it('Query → Count sends the filters', async () => {
		const s = server();
		const result = await run(s, {
			resource: 'query',
			operation: 'count',
			collection: byName('purchases'),
			filterMode: 'json',
			filtersJson: `={{ ${JSON.stringify([FILTER])} }}`,
		});
		expect(result.error).toBeUndefined();
		expect(rowsOf(result)).toEqual([{ value: 2 }]);
		expect(sent(s)[0].body).toMatchObject({ filters: [FILTER] });
	});

	it('Collection → Delete Events sends the filters in the query string', async () => {
		const s = server();
		const result = await run(s, {
			resource: 'collection',
			operation: 'deleteEvents',
			collection: byName('purchases'),
			filterMode: 'json',
			filtersJson: `={{ ${JSON.stringify([FILTER])} }}`,
		});
		expect(result.error).toBeUndefined();
		expect(rowsOf(result)).toEqual([{ deleted: true, collection: 'purchases', filters: [FILTER] }]);
		expect(sent(s)).toEqual([
			{ method: 'DELETE', path: `/3.0/projects/${s.projectId}/events/purchases`, query: { filters: JSON.stringify([FILTER]) }, keyKind: 'master', body: undefined },
		]);
	});
});
