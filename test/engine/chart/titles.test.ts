import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { byName, keenCall, run } from '../../harness/engine-test-kit';
import type { RunNodeResult } from '../../harness';
import { useQueryServer } from '../query/queryFixture';

/*
 * Issue 24, "charts titled on the common path": a query node (version 1.1) followed by Chart →
 * Render with nothing typed gives a chart titled with what was asked and subtitled with the
 * timeframe and timezone. The SVG's <title> holds the title and subtitle the renderer was given.
 */

const server = useQueryServer();
const purchases = { resource: 'query', collection: byName('purchases') };

async function chartOf(query: INodeParameters, chart: IDataObject = {}): Promise<{ title: string; kind: unknown }> {
	const answer = await run(server(), query);
	expect(answer.status).toBe('success');
	const rendered: RunNodeResult = await run(server(), { resource: 'chart', operation: 'render', format: 'svg', ...chart }, { items: answer.items.map((item) => item.json) });
	expect(rendered.status).toBe('success');
	const svg = Buffer.from(rendered.items[0].binary!.chart.data, 'base64').toString('utf8');
	return { title: /<title>(.*)<\/title>/.exec(svg)![1].replace(/&amp;/g, '&'), kind: rendered.items[0].json.kind };
}

const week = 'This 7 days \u00b7 UTC';

/** `kind`: what was asked is the chart's context, never a column of its data, so the chart is drawn as before. */
const paths: Array<{ what: string; query: INodeParameters; title: string; kind: string }> = [
	{ what: 'Count', query: { ...purchases, operation: 'count' }, title: 'Count of purchases', kind: 'metric' },
	{ what: 'Count, Simplify off', query: { ...purchases, operation: 'count', simplify: false }, title: 'Count of purchases', kind: 'metric' },
	{ what: 'Sum', query: { ...purchases, operation: 'sum', targetProperty: 'price' }, title: 'Sum of price in purchases', kind: 'metric' },
	{ what: 'Sum, Simplify off', query: { ...purchases, operation: 'sum', targetProperty: 'price', simplify: false }, title: 'Sum of price in purchases', kind: 'metric' },
	{ what: 'Count Unique by country', query: { ...purchases, operation: 'countUnique', targetProperty: 'user.id', groupBy: ['country'] }, title: 'Count Unique of user.id in purchases', kind: 'bars' },
	{ what: 'Percentile, daily', query: { ...purchases, operation: 'percentile', targetProperty: 'price', percentile: 90, interval: 'daily' }, title: 'Percentile 90 of price in purchases', kind: 'line' },
	{
		what: 'Average, Simplify off, daily by country',
		query: { ...purchases, operation: 'average', targetProperty: 'price', interval: 'daily', groupBy: ['country'], simplify: false },
		title: 'Average of price in purchases',
		kind: 'line',
	},
	{
		what: 'Multi-Analysis',
		query: { ...purchases, operation: 'multiAnalysis', analyses: { analysis: [{ label: 'orders', analysisType: 'count' }] } },
		title: 'Multi-Analysis of purchases',
		kind: 'metric',
	},
	{
		what: 'Funnel',
		query: { resource: 'query', operation: 'funnel', steps: { step: [{ eventCollection: 'signups', actorProperty: 'user.id' }, { eventCollection: 'purchases', actorProperty: 'user.id' }] } },
		title: 'Funnel: signups \u2192 purchases',
		kind: 'funnel',
	},
	{
		what: 'Funnel, Simplify off',
		query: { resource: 'query', operation: 'funnel', simplify: false, steps: { step: [{ eventCollection: 'signups', actorProperty: 'user.id' }, { eventCollection: 'purchases', actorProperty: 'user.id' }] } },
		title: 'Funnel: signups \u2192 purchases',
		kind: 'funnel',
	},
];

describe('Chart → Render titles what was asked', () => {
	it.each(paths)('$what → Render: "$title", with the timeframe and timezone', async ({ query, title, kind }) => {
		expect(await chartOf(query)).toEqual({ title: `${title}, ${week}`, kind });
	});

	it('Saved Query → Get Result (Simplify on and off) → Render: the saved query\'s name', async () => {
		await keenCall(server(), 'PUT', '/queries/saved/revenue', {
			refresh_rate: 0,
			query: { analysis_type: 'sum', event_collection: 'purchases', target_property: 'price', timeframe: 'this_7_days', timezone: 'UTC', group_by: ['country'] },
			metadata: { display_name: 'Revenue by country' },
		});
		const getResult = { resource: 'savedQuery', operation: 'getResult', savedQuery: byName('revenue') };
		expect(await chartOf({ ...getResult, simplify: true })).toEqual({ title: `Revenue by country, ${week}`, kind: 'bars' });
		expect(await chartOf({ ...getResult, simplify: false })).toEqual({ title: `Revenue by country, ${week}`, kind: 'bars' });
	});

	it("keeps the user's Title, and a custom timeframe shows as asked", async () => {
		expect((await chartOf({ ...purchases, operation: 'count' }, { title: 'Orders' })).title).toBe(`Orders, ${week}`);
		const custom = { relativeTimeframe: 'custom', timeframeDirection: 'previous', timeframeCount: 3, timeframeUnit: 'days', timezone: 'Europe/Paris' };
		expect((await chartOf({ ...purchases, operation: 'count', ...custom })).title).toBe('Count of purchases, Previous 3 days \u00b7 Europe/Paris');
	});

	it('a version 1 Count gives the rows it always gave: no title, as before', async () => {
		const answer = await run(server(), { ...purchases, operation: 'count' }, { typeVersion: 1 });
		expect(answer.items.map((item) => item.json)).toEqual([{ value: 3 }]);
	});

	it('version 1.1 rows carry what was asked; the hint for an empty result still comes', async () => {
		const answer = await run(server(), { ...purchases, operation: 'count', groupBy: ['country'] });
		expect(answer.items.map((item) => item.json)).toEqual(
			expect.arrayContaining([{ country: 'FR', value: 2, query: { analysis_type: 'count', event_collection: 'purchases', timeframe: 'this_7_days', timezone: 'UTC' } }]),
		);
		const none = await run(server(), { resource: 'query', operation: 'count', collection: byName('nothing_here') });
		expect(none.items.map((item) => item.json)).toEqual([{ value: 0, query: { analysis_type: 'count', event_collection: 'nothing_here', timeframe: 'this_7_days', timezone: 'UTC' } }]);
		expect(JSON.stringify(none.run.data.resultData.runData)).toContain('There is no event collection');
	});
});
