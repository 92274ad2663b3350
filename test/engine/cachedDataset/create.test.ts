import { byName, hintsOf, run, sent, useKeenServer } from '../../harness/engine-test-kit';

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

describe('Cached Dataset → Create with Wait Until Ready', () => {
	const slow = useKeenServer({ datasetBootstrapMs: 1_000 });
	const verySlow = useKeenServer({ datasetBootstrapMs: 60_000 });
	const fields = { analysisType: 'count', timeframe: 'this_30_days', interval: 'daily', indexBy: 'product.id' };

	it('answers the definition once Keen has built the dataset', async () => {
		const s = slow();
		const result = await run(s, { ...base, ...fields, datasetName: 'ready-soon', waitUntilReady: true, maxWaitSeconds: 30 });
		expect(result.items[0].json).toMatchObject({ dataset_name: 'ready-soon', status: 'OK' });
		expect(sent(s)[0]).toMatchObject({ method: 'PUT', keyKind: 'master' });
	});

	it('answers the created definition with a hint when it is not ready in time, without failing', async () => {
		const s = verySlow();
		const result = await run(s, { ...base, ...fields, datasetName: 'late', waitUntilReady: true, maxWaitSeconds: 1 });
		expect(result.status).toBe('success');
		expect(result.items[0].json).toMatchObject({ dataset_name: 'late', status: expect.stringMatching(/Created|Bootstrapping/) });
		expect(hintsOf(result)).toEqual([expect.stringMatching(/^Cached dataset "late" was created but is not ready after 1 s \(status \w+\)/)]);
	});

	it('answers at once without waiting by default', async () => {
		const s = slow();
		const result = await run(s, { ...base, ...fields, datasetName: 'no-wait' });
		expect(result.items[0].json).toMatchObject({ dataset_name: 'no-wait', status: 'Created' });
		expect(sent(s)).toHaveLength(1);
	});
});
