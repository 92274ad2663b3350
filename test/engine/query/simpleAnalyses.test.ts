import type { IDataObject } from 'n8n-workflow';

import { SIMPLE_ANALYSES } from '../../../nodes/Keen/actions/query/simpleAnalyses';
import { byName, rowsOf, run, sent } from '../../harness/engine-test-kit';
import { useQueryServer } from './queryFixture';

const server = useQueryServer();

/** What each analysis gives over the seeded purchases (price 10, 20, 30; users u1, u2, u1; countries FR, DE, FR). */
const CASES: Record<string, { params: IDataObject; body: IDataObject; simplified: IDataObject[] }> = {
	count: { params: {}, body: {}, simplified: [{ value: 3 }] },
	countUnique: { params: { targetProperty: 'user.id' }, body: { target_property: 'user.id' }, simplified: [{ value: 2 }] },
	minimum: { params: { targetProperty: 'price' }, body: { target_property: 'price' }, simplified: [{ value: 10 }] },
	maximum: { params: { targetProperty: 'price' }, body: { target_property: 'price' }, simplified: [{ value: 30 }] },
	sum: { params: { targetProperty: 'price' }, body: { target_property: 'price' }, simplified: [{ value: 60 }] },
	average: { params: { targetProperty: 'price' }, body: { target_property: 'price' }, simplified: [{ value: 20 }] },
	median: { params: { targetProperty: 'price' }, body: { target_property: 'price' }, simplified: [{ value: 20 }] },
	percentile: {
		params: { targetProperty: 'price', percentile: 100 },
		body: { target_property: 'price', percentile: 100 },
		simplified: [{ value: 30 }],
	},
	selectUnique: {
		params: { targetProperty: 'country' },
		body: { target_property: 'country' },
		simplified: [{ value: 'DE' }, { value: 'FR' }],
	},
	standardDeviation: { params: { targetProperty: 'price' }, body: { target_property: 'price' }, simplified: [{ value: expect.any(Number) }] },
};

function sortRows(rows: IDataObject[]): IDataObject[] {
	return [...rows].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

describe.each(SIMPLE_ANALYSES.map((row) => [row.name, row] as const))('Query → %s', (_name, row) => {
	const testCase = CASES[row.value];

	it('POSTs the query with the read key and simplifies the answer', async () => {
		const s = server();
		const result = await run(s, { resource: 'query', operation: row.value, collection: byName('purchases'), ...testCase.params });
		expect(result.status).toBe('success');
		expect(sortRows(rowsOf(result))).toEqual(testCase.simplified);
		expect(result.items.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
		expect(sent(s)).toEqual([
			{
				method: 'POST',
				path: `/3.0/projects/${s.projectId}/queries/${row.analysis}`,
				query: {},
				keyKind: 'read',
				body: { event_collection: 'purchases', ...testCase.body, timeframe: 'this_7_days', timezone: 'UTC' },
			},
		]);
	});

	it("returns Keen's raw answer with Simplify off", async () => {
		const s = server();
		const result = await run(s, { resource: 'query', operation: row.value, collection: byName('purchases'), simplify: false, ...testCase.params });
		expect(result.status).toBe('success');
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toHaveProperty('result');
	});
});

describe('Query → grouped and interval results', () => {
	it('gives one item per (interval, group) with Simplify on', async () => {
		const s = server();
		const result = await run(s, {
			resource: 'query',
			operation: 'sum',
			collection: byName('purchases'),
			targetProperty: 'price',
			timeframeType: 'absolute',
			timeframeStart: '2024-05-08T00:00:00Z',
			timeframeEnd: '2024-05-10T00:00:00Z',
			interval: 'daily',
			groupBy: ['country'],
			filters: { filter: [{ propertyName: 'price', operator: 'gte', value: '10' }] },
		});
		expect(result.status).toBe('success');
		const rows = rowsOf(result).filter((row) => row.value !== null && row.value !== 0);
		expect(sortRows(rows)).toEqual(
			sortRows([
				{ timeframe_start: '2024-05-08T00:00:00.000Z', timeframe_end: '2024-05-09T00:00:00.000Z', country: 'FR', value: 10 },
				{ timeframe_start: '2024-05-09T00:00:00.000Z', timeframe_end: '2024-05-10T00:00:00.000Z', country: 'DE', value: 20 },
				{ timeframe_start: '2024-05-09T00:00:00.000Z', timeframe_end: '2024-05-10T00:00:00.000Z', country: 'FR', value: 30 },
			]),
		);
		expect(s.requests[0].body).toEqual({
			event_collection: 'purchases',
			target_property: 'price',
			timeframe: { start: '2024-05-08T00:00:00.000Z', end: '2024-05-10T00:00:00.000Z' },
			timezone: 'UTC',
			filters: [{ property_name: 'price', operator: 'gte', property_value: 10 }],
			interval: 'daily',
			group_by: 'country',
		});
	});

	it('orders and limits grouped results', async () => {
		const s = server();
		const result = await run(s, {
			resource: 'query',
			operation: 'sum',
			collection: byName('purchases'),
			targetProperty: 'price',
			groupBy: ['country'],
			options: { orderBy: { order: [{ propertyName: 'result', direction: 'DESC' }] }, limit: 1 },
		});
		expect(result.status).toBe('success');
		expect(rowsOf(result)).toEqual([{ country: 'FR', value: 40 }]);
		expect(s.requests[0].body).toMatchObject({ order_by: [{ property_name: 'result', direction: 'DESC' }], limit: 1 });
	});
});

describe('Query → errors', () => {
	it('names the item and the field for invalid JSON filters, sending nothing', async () => {
		const s = server();
		const result = await run(s, { resource: 'query', operation: 'count', collection: byName('purchases'), filterMode: 'json', filtersJson: '[{"property_name": ' });
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/The filters could not be parsed as JSON .*\(item 0, field "Filters \(JSON\)"\)/);
		expect(s.requests).toHaveLength(0);
	});

	it('rejects an out-of-range percentile before sending', async () => {
		const s = server();
		const result = await run(s, { resource: 'query', operation: 'percentile', collection: byName('purchases'), targetProperty: 'price', percentile: 120 });
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/at most 100.*\(item 0, field "Percentile"\)/);
		expect(s.requests).toHaveLength(0);
	});

	it("turns Keen's 400 into an error with Keen's message and error_code", async () => {
		const s = server();
		const result = await run(s, {
			resource: 'query',
			operation: 'count',
			collection: byName('purchases'),
			timezone: 'custom',
			customTimezone: 'Mars/Olympus_Mons',
		});
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/^Query → Count: Keen answered 400 InvalidTimezoneError: .*Mars\/Olympus_Mons/);
		expect(s.requests).toHaveLength(1);
	});

	it('reports a bad item and still answers the good one with continue-on-fail', async () => {
		const s = server();
		const result = await run(
			s,
			{ resource: 'query', operation: 'count', collection: byName('purchases'), filterMode: 'json', filtersJson: '={{ $json.filters }}' },
			{ items: [{ filters: '[]' }, { filters: 'nope' }], continueOnFail: true },
		);
		expect(result.status).toBe('success');
		expect(rowsOf(result)).toEqual([{ value: 3 }, expect.objectContaining({ error: expect.stringMatching(/item 1, field "Filters \(JSON\)"/) })]);
		expect(result.items.map((item) => (item.pairedItem as { item: number }).item)).toEqual([0, 1]);
	});
});
