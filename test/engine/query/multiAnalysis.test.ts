import { byName, rowsOf, run, sent } from '../../harness/engine-test-kit';
import { useQueryServer } from './queryFixture';

const server = useQueryServer();
const base = { resource: 'query', operation: 'multiAnalysis', collection: byName('purchases') };
const analyses = {
	analysis: [
		{ label: 'revenue', analysisType: 'sum', targetProperty: 'price' },
		{ label: 'buyers', analysisType: 'count_unique', targetProperty: 'user.id' },
		{ label: 'p100', analysisType: 'percentile', targetProperty: 'price', percentile: 100 },
	],
};

describe('Query → Multi-Analysis', () => {
	it('POSTs labelled analyses with the read key; labels become columns', async () => {
		const s = server();
		const result = await run(s, { ...base, analyses });
		expect(result.status).toBe('success');
		expect(rowsOf(result)).toEqual([{ revenue: 60, buyers: 2, p100: 30 }]);
		expect(sent(s)).toEqual([
			{
				method: 'POST',
				path: `/3.0/projects/${s.projectId}/queries/multi_analysis`,
				query: {},
				keyKind: 'read',
				body: {
					event_collection: 'purchases',
					analyses: {
						revenue: { analysis_type: 'sum', target_property: 'price' },
						buyers: { analysis_type: 'count_unique', target_property: 'user.id' },
						p100: { analysis_type: 'percentile', target_property: 'price', percentile: 100 },
					},
					timeframe: 'this_7_days',
					timezone: 'UTC',
				},
			},
		]);
	});

	it('gives one item per group with the group property and the labels', async () => {
		const s = server();
		const result = await run(s, { ...base, analyses, groupBy: ['country'] });
		const rows = rowsOf(result).sort((a, b) => String(a.country).localeCompare(String(b.country)));
		expect(rows).toEqual([
			{ country: 'DE', revenue: 20, buyers: 1, p100: 20 },
			{ country: 'FR', revenue: 40, buyers: 1, p100: 30 },
		]);
	});

	it('rejects a duplicate label before sending', async () => {
		const s = server();
		const result = await run(s, {
			...base,
			analyses: { analysis: [{ label: 'n', analysisType: 'count' }, { label: 'n', analysisType: 'count' }] },
		});
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/The label "n" is used twice \(item 0, field "Analyses"\)/);
		expect(s.requests).toHaveLength(0);
	});
});
