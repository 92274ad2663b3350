import { byName, run, sent, useKeenServer } from '../manageFixture';

const server = useKeenServer();
const base = { resource: 'cachedDataset', operation: 'create', datasetName: 'daily-revenue', collection: byName('purchases') };

describe('Cached Dataset → Create', () => {
	it('PUTs the definition with the master key', async () => {
		const s = server();
		const result = await run(s, {
			...base,
			analysisType: 'sum',
			targetProperty: 'price',
			timeframe: 'this_30_days',
			interval: 'daily',
			groupBy: 'country',
			indexBy: 'product.id',
		});
		expect(result.status).toBe('success');
		expect(result.items[0].json).toMatchObject({ dataset_name: 'daily-revenue', index_by: ['product.id'] });
		expect(sent(s)).toEqual([
			{
				method: 'PUT',
				path: `/3.0/projects/${s.projectId}/datasets/daily-revenue`,
				query: {},
				keyKind: 'master',
				body: {
					display_name: 'daily-revenue',
					query: { analysis_type: 'sum', event_collection: 'purchases', target_property: 'price', timeframe: 'this_30_days', interval: 'daily', group_by: 'country' },
					index_by: ['product.id'],
				},
			},
		]);
	});

	it.each([
		['no interval', { timeframe: 'this_30_days', indexBy: 'product.id' }, 'Interval'],
		['an index also grouped by', { interval: 'daily', groupBy: 'country', indexBy: 'country' }, 'Index By'],
		['an absolute timeframe', { interval: 'daily', indexBy: 'product.id', timeframe: '{"start":"2024-01-01T00:00:00Z","end":"2024-02-01T00:00:00Z"}' }, 'Timeframe'],
	])('refuses %s before sending', async (_case, fields, field) => {
		const s = server();
		const result = await run(s, { ...base, datasetName: 'bad', ...fields });
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toContain(`(item 0, field "${field}")`);
		expect(s.requests).toHaveLength(0);
	});
});
