import { byName, run, sent, useKeenServer } from '../../harness/engine-test-kit';

const server = useKeenServer();
const base = { resource: 'savedQuery', operation: 'create' };

describe('Saved Query → Create', () => {
	it('PUTs a query built from simple fields with the master key', async () => {
		const s = server();
		const result = await run(s, {
			...base,
			queryName: 'revenue-by-country',
			analysisType: 'sum',
			collection: byName('purchases'),
			targetProperty: 'price',
			timeframe: 'this_14_days',
			groupBy: 'country',
			filters: '[{"property_name":"price","operator":"gte","property_value":1}]',
			additionalFields: { displayName: 'Revenue', tags: 'shop, weekly', refreshRate: 14400 },
		});
		expect(result.status).toBe('success');
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toMatchObject({ query_name: 'revenue-by-country', refresh_rate: 14400, metadata: { display_name: 'Revenue' } });
		expect(sent(s)).toEqual([
			{
				method: 'PUT',
				path: `/3.0/projects/${s.projectId}/queries/saved/revenue-by-country`,
				query: {},
				keyKind: 'master',
				body: {
					refresh_rate: 14400,
					query: {
						analysis_type: 'sum',
						event_collection: 'purchases',
						target_property: 'price',
						timeframe: 'this_14_days',
						group_by: 'country',
						filters: [{ property_name: 'price', operator: 'gte', property_value: 1 }],
					},
					metadata: { display_name: 'Revenue', tags: ['shop', 'weekly'] },
				},
			},
		]);
		expect(s.project.savedQueries.has('revenue-by-country')).toBe(true);
	});

	it('sends a raw query JSON as is, refresh rate 0', async () => {
		const s = server();
		const query = { analysis_type: 'count', event_collection: 'purchases', timeframe: 'this_7_days', interval: 'daily' };
		const result = await run(s, { ...base, queryName: 'daily-count', definitionMode: 'json', queryJson: JSON.stringify(query) });
		expect(result.status).toBe('success');
		expect(s.requests[0].body).toEqual({ refresh_rate: 0, query });
	});

	it('rejects an out-of-range refresh rate before sending, naming the item and field', async () => {
		const s = server();
		const result = await run(s, {
			...base,
			queryName: 'too-often',
			collection: byName('purchases'),
			additionalFields: { refreshRate: 1800 },
		});
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/Refresh rate 1800 seconds is outside what Keen accepts \(item 0, field "Additional Fields"\)/);
		expect(result.error?.description).toMatch(/3600 to 172800/);
		expect(s.requests).toHaveLength(0);
	});

	it("surfaces Keen's 400 for an unknown analysis in raw JSON", async () => {
		const s = server();
		const result = await run(s, { ...base, queryName: 'bad', definitionMode: 'json', queryJson: '{"analysis_type":"nope","event_collection":"purchases"}' });
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/Keen answered 400/);
	});
});
