import type { IDataObject, INodeProperties } from 'n8n-workflow';

import {
	chartInputs,
	parseColor,
	parseLocale,
	parseTimezone,
	renderChart,
	type ChartFormat,
	type ChartKind,
	type ChartOptions,
	type ResultContext,
} from '../../helpers/chart';
import { KeenInputError } from '../../helpers/errors';
import { requiredText } from '../../helpers/textInputs';
import { SIMPLE_ANALYSES } from '../query/simpleAnalyses';
import type { KeenOperation, RawParams } from '../types';

const properties: INodeProperties[] = [
	{
		displayName: 'Chart Type',
		name: 'kind',
		type: 'options',
		default: 'auto',
		description: 'What to draw; Auto picks from the shape of the result',
		options: [
			{ name: 'Auto', value: 'auto', description: 'Metric, line, bars, funnel or table, from the shape of the result' },
			{ name: 'Bars', value: 'bars', description: 'Bars per group (group by) or per interval; several series side by side' },
			{ name: 'Funnel', value: 'funnel', description: "A funnel's steps with their conversion" },
			{ name: 'Line', value: 'line', description: 'One line per series over the interval (interval × group by gives several lines)' },
			{ name: 'Metric', value: 'metric', description: 'One big number with its timeframe' },
			{ name: 'Stacked Bars', value: 'stacked', description: 'The series of each interval or group stacked in one bar' },
			{ name: 'Table', value: 'table', description: 'The rows as a table image; works for any result' },
		],
	},
	{
		displayName: 'Image Format',
		name: 'format',
		type: 'options',
		default: 'png',
		options: [
			{ name: 'PNG', value: 'png', description: 'A bitmap (image/png) that Slack and every email client show' },
			{ name: 'SVG', value: 'svg', description: 'A vector image (image/svg+xml) for web pages and documents' },
		],
	},
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'chart',
		hint: 'The name of the output binary field to put the image in',
		description: 'The binary field of the output item that holds the image',
	},
	{
		displayName: 'Width',
		name: 'width',
		type: 'number',
		typeOptions: { minValue: 100, maxValue: 4000 },
		default: 800,
		description: 'Width of the image in pixels',
	},
	{
		displayName: 'Height',
		name: 'height',
		type: 'number',
		typeOptions: { minValue: 100, maxValue: 4000 },
		default: 400,
		description: 'Height of the image in pixels',
	},
	{
		displayName: 'Theme',
		name: 'theme',
		type: 'options',
		default: 'light',
		options: [
			{ name: 'Dark', value: 'dark' },
			{ name: 'Keen', value: 'keen', description: "The look of Keen's own dashboards (keen-dataviz): its colours, light type, slim bars" },
			{ name: 'Light', value: 'light' },
		],
	},
	{
		displayName: 'Title',
		name: 'title',
		type: 'string',
		default: '',
		placeholder: 'e.g. Signups this week',
		description: "Shown above the chart. Empty: the saved query's name, else what was asked, such as Count of purchases.",
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Colors',
				// Not named 'colors': n8n's lint would make it a single colour picker.
				name: 'palette',
				type: 'string',
				default: '',
				placeholder: 'e.g. #2f80ed, #eb5757, #27ae60',
				description: "Series colours as hex codes, separated by commas, used in turn; empty: the theme's palette",
			},
			{
				displayName: 'File Name',
				name: 'fileName',
				type: 'string',
				default: 'chart',
				description: 'Name of the image file, without extension (.png or .svg is added)',
			},
			{
				displayName: 'Number Locale',
				name: 'locale',
				type: 'string',
				default: '',
				placeholder: 'e.g. de-DE',
				description: "Numbers are written in this language's style (de-DE: 1.234,5). Empty: 1,234.5.",
			},
			{
				displayName: 'Pixel Density',
				name: 'scale',
				type: 'options',
				default: 1,
				options: [
					{ name: '1× (Width × Height Pixels)', value: 1 },
					{ name: '2× (Sharp on High-Density Screens, as in Slack)', value: 2 },
				],
				description:
					'A PNG of 2× has twice the pixels each way and the same layout; an SVG gets twice the size and the same drawing. Not set: 2× (1× for an image over 2000 pixels wide or high; node version 1: 1×).',
			},
			{
				displayName: 'Timezone',
				name: 'timezone',
				type: 'string',
				default: '',
				placeholder: 'e.g. US/Pacific or -28800',
				description: "Zone the dates are shown in. Empty: the result's own (a saved query's timezone), else UTC.",
			},
		],
	},
];

const OPTIONS_FIELD = 'options';

/** Analysis names as the node's operations call them: "Count", "Count Unique", "Funnel". */
const ANALYSIS_TITLES: Record<string, string> = {
	...Object.fromEntries(SIMPLE_ANALYSES.map((row) => [row.analysis, row.name])),
	funnel: 'Funnel',
	multi_analysis: 'Multi-Analysis',
};

/**
 * The title a chart gets when the Title field is empty: a saved query's name, else what was asked —
 * "Count of purchases", "Sum of price in purchases", "Percentile 90 of price in purchases",
 * "Funnel: signups → purchases". Empty when the result does not say (version 1's rows).
 */
export function askedTitle(context: ResultContext): string {
	if (context.name) return context.name;
	if (!context.analysis) return '';
	const analysis = ANALYSIS_TITLES[context.analysis] ?? context.analysis;
	if (context.steps) return `${analysis}: ${context.steps.join(' \u2192 ')}`;
	const what = [context.percentile === undefined ? analysis : `${analysis} ${context.percentile}`];
	if (context.target) what.push(`of ${context.target}`);
	if (context.collection) what.push(`${context.target ? 'in' : 'of'} ${context.collection}`);
	return what.join(' ');
}

function size(value: unknown, field: string, name: string): number {
	const n = Number(value);
	if (!Number.isInteger(n) || n < 100 || n > 4000) {
		throw new KeenInputError(`${name} must be a whole number of pixels from 100 to 4000, not '${String(value)}'`, field, 'For Slack and email, 800 × 400 reads well.');
	}
	return n;
}

/** The chosen series colours; none: the theme's own. */
function colors(value: unknown): string[] {
	const entries = String(value ?? '').split(',').map((c) => c.trim()).filter(Boolean);
	if (entries.length === 0) return [];
	return entries.map((entry) => {
		const rgb = parseColor(entry);
		if (!rgb) throw new KeenInputError(`Options → Colors: '${entry}' is not a hex colour`, OPTIONS_FIELD, 'Write colours as #rrggbb or #rgb, separated by commas, e.g. #2f80ed, #eb5757.');
		return `#${rgb.map((c) => c.toString(16).padStart(2, '0')).join('')}`;
	});
}

/**
 * Pixel Density when Options has none: from node version 1.1, 2× (sharp in Slack and on most
 * laptops) when the image stays within 4000 pixels each way; version 1 drew 1×, and keeps it.
 */
function defaultScale(nodeVersion: number, width: number, height: number): 1 | 2 {
	return nodeVersion >= 1.1 && Math.max(width, height) * 2 <= 4000 ? 2 : 1;
}

/** The chart options of one item's parameters; bad values name their field. */
export function chartOptionsOf(params: RawParams, nodeVersion: number): { options: ChartOptions; format: ChartFormat; field: string; fileName: string } {
	const extra = (params.options ?? {}) as IDataObject;
	const timezone = parseTimezone(extra.timezone, OPTIONS_FIELD);
	const width = size(params.width, 'width', 'Width');
	const height = size(params.height, 'height', 'Height');
	const chosen = extra.scale === undefined || extra.scale === '' ? undefined : Number(extra.scale);
	const scale = chosen === undefined ? defaultScale(nodeVersion, width, height) : chosen === 2 ? 2 : 1;
	// The image's pixels, not only its layout, stay within 4000 × 4000 (about 48 MB of pixels).
	if (Math.max(width, height) * scale > 4000) {
		throw new KeenInputError(
			`Options → Pixel Density 2× makes a ${width * scale} × ${height * scale} image; at most 4000 pixels each way`,
			OPTIONS_FIELD,
			'Choose 1×, or a Width and Height of at most 2000 for 2×.',
		);
	}
	return {
		options: {
			kind: (params.kind ?? 'auto') as ChartKind,
			width,
			height,
			theme: params.theme === 'dark' || params.theme === 'keen' ? params.theme : 'light',
			title: String(params.title ?? '').trim(),
			colors: colors(extra.palette),
			timezone,
			scale,
			locale: parseLocale(extra.locale, OPTIONS_FIELD),
		},
		format: params.format === 'svg' ? 'svg' : 'png',
		field: requiredText(params.binaryPropertyName, 'binaryPropertyName', 'The output field name', 'Enter a binary field name such as chart.'),
		fileName: String(extra.fileName ?? '').trim() || 'chart',
	};
}

/**
 * Chart → Render: no request to Keen. Items that are Keen answers (Simplify off, a saved
 * query's or a dataset's result) give one chart each; items that are Simplify's rows give one
 * chart together, on the first of them (the other rows give no item of their own).
 */
export const render: KeenOperation = {
	resource: 'chart',
	value: 'render',
	name: 'Render',
	action: 'Render a chart image of a result',
	description: "Draw the Keen node's result as a PNG or SVG chart for Slack, email or reports",
	routes: [],
	properties,
	runBatch: async (ctx, items, report) => {
		for (const group of chartInputs(items.map((item) => item.json))) {
			const [first, ...rest] = group.items.map((position) => items[position]);
			try {
				const { options, format, field, fileName } = chartOptionsOf(first.params, ctx.node.typeVersion);
				const chart = renderChart(group.input, { ...options, title: options.title || askedTitle(group.input.context) }, format);
				const name = `${fileName}.${chart.extension}`;
				const binary = await ctx.prepareBinary(Buffer.from(chart.data), name, chart.mimeType);
				const json: IDataObject = { kind: chart.kind, format, width: options.width, height: options.height, fileName: name, items: group.items.length };
				if (options.scale !== 1) json.scale = options.scale;
				report({ index: first.index, outputs: [{ json, binary: { [field]: binary } }] });
			} catch (error) {
				report({ index: first.index, error: error as Error });
			}
			for (const item of rest) report({ index: item.index, outputs: [] });
		}
	},
};
