import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { loadExample, KEEN_NODE_TYPE } from './workflows';

/*
 * The chart step of `npm run demo`: every chart kind drawn by the Keen node's Chart → Render from
 * the local server's data (the events step 1 recorded, the saved query step 5 created), light and
 * dark, as PNG and SVG files in demo-output/.
 */

/** Runs the Keen node with these parameters on these items, through n8n's engine; throws on failure. */
export type RunKeenNode = (parameters: INodeParameters, items?: IDataObject[]) => Promise<INodeExecutionData[]>;

const purchases = { __rl: true, mode: 'name', value: 'purchases' };
const thisWeek = { timeframeType: 'relative', relativeTimeframe: 'this_7_days', timezone: 'UTC', simplify: false };

/** What each chart draws: a Keen query (Simplify off, so the answer keeps its shape) and the chart type. */
const CHARTS: Array<{ name: string; kind: string; title: string; query: INodeParameters }> = [
	{ name: 'metric', kind: 'auto', title: 'Purchases', query: { resource: 'query', operation: 'count', collection: purchases, ...thisWeek } },
	{
		name: 'line',
		kind: 'auto',
		title: 'Page views per day',
		query: { resource: 'query', operation: 'count', collection: { ...purchases, value: 'pageviews' }, ...thisWeek, interval: 'daily' },
	},
	{ name: 'bars', kind: 'auto', title: '', query: {} },
	{
		name: 'multi-line',
		kind: 'line',
		title: 'Purchases per day and country',
		query: { resource: 'query', operation: 'count', collection: purchases, ...thisWeek, interval: 'daily', groupBy: ['country'] },
	},
	{
		name: 'stacked',
		kind: 'stacked',
		title: 'Buyers per day and country',
		query: { resource: 'query', operation: 'countUnique', collection: purchases, targetProperty: 'user.id', ...thisWeek, interval: 'daily', groupBy: ['country'] },
	},
	{
		name: 'funnel',
		kind: 'auto',
		title: 'Pricing page → signup → purchase',
		query: { ...nodeParameters('04-funnel.json', 'query'), simplify: false },
	},
	{
		name: 'table',
		kind: 'auto',
		title: 'Purchases this week',
		query: {
			resource: 'query',
			operation: 'multiAnalysis',
			collection: purchases,
			...thisWeek,
			analyses: {
				analysis: [
					{ label: 'revenue', analysisType: 'sum', targetProperty: 'price' },
					{ label: 'buyers', analysisType: 'count_unique', targetProperty: 'user.id' },
					{ label: 'median_order', analysisType: 'median', targetProperty: 'price' },
				],
			},
		},
	},
];

/** The parameters of an example's Keen node of a resource. */
function nodeParameters(file: string, resource: string): INodeParameters {
	const node = loadExample(file).nodes.find((n) => n.type === KEEN_NODE_TYPE && n.parameters.resource === resource);
	if (!node) throw new Error(`${file} has no Keen node for ${resource}`);
	return node.parameters;
}

export interface DemoChartFile {
	chart: string;
	kind: string;
	theme: string;
	format: string;
	bytes: number;
	file: string;
}

/**
 * Draws every chart kind and writes the files into `directory`. The bar chart is example 09 as it
 * is: Saved Query → Get Result, then its Chart → Render node.
 */
export async function renderDemoCharts(runKeen: RunKeenNode, directory: string): Promise<DemoChartFile[]> {
	const out = resolve(directory);
	mkdirSync(out, { recursive: true });
	const files: DemoChartFile[] = [];
	for (const chart of CHARTS) {
		const answers =
			chart.name === 'bars'
				? await runKeen(nodeParameters('09-chart-report.json', 'savedQuery'))
				: await runKeen(chart.query);
		const items = answers.map((item) => item.json);
		for (const theme of ['light', 'dark']) {
			for (const format of ['png', 'svg']) {
				const base = chart.name === 'bars' ? nodeParameters('09-chart-report.json', 'chart') : { resource: 'chart', operation: 'render', kind: chart.kind, title: chart.title };
				const name = `${chart.name}-${theme}`;
				const [item] = await runKeen({ ...base, theme, format, options: { fileName: name } }, items);
				const binary = item.binary?.chart;
				if (!binary) throw new Error(`Chart → Render gave no image for ${name}`);
				const data = Buffer.from(binary.data, 'base64');
				const file = join(out, `${name}.${format}`);
				writeFileSync(file, data);
				files.push({ chart: chart.name, kind: String(item.json.kind), theme, format, bytes: data.length, file });
			}
		}
	}
	return files;
}
