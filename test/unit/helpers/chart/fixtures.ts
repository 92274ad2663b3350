import type { IDataObject } from 'n8n-workflow';

/*
 * Fixed Keen answers (docs/keen-api.md §7.8, §7.10, §7.11, §8.4, §9.3) for the chart tests, the golden
 * images and the docs: one per chart kind, plus Simplify's rows of some of them.
 */

const day = (d: number) => `2026-11-${String(d).padStart(2, '0')}T08:00:00.000Z`;
const daily = (values: number[]) => values.map((value, i) => ({ timeframe: { start: day(i + 1), end: day(i + 2) }, value }));

/** A saved query's result: the definition plus `result` (Saved Query → Get Result, Simplify off). */
export const metricAnswer: IDataObject = {
	query_name: 'purchases-this-week',
	metadata: { display_name: 'Purchases this week' },
	query: { analysis_type: 'count', event_collection: 'purchases', timeframe: 'this_7_days', timezone: 'US/Pacific' },
	result: 1234567,
};

/** Count by day (interval), ad-hoc with Simplify off: no query echoed. */
export const lineAnswer: IDataObject = { result: daily([120, 180, 150, 220, 310, 280, 260, 400, 380, 420, 395, 460, 510, 490]) };

/** Sum of price by country (group_by). */
export const barsAnswer: IDataObject = {
	query: { analysis_type: 'sum', event_collection: 'purchases', target_property: 'price', group_by: ['country'], timeframe: 'this_30_days', timezone: 'UTC' },
	result: [
		{ country: 'US', result: 48210.5 },
		{ country: 'DE', result: 21030 },
		{ country: 'FR', result: 18400.25 },
		{ country: 'JP', result: 12950 },
		{ country: 'BR', result: 7420 },
		{ country: 'Côte d\'Ivoire', result: 1210 },
	],
};

/** Count by day and platform (interval × group_by). */
export const multiLineAnswer: IDataObject = {
	query: { analysis_type: 'count', event_collection: 'signups', group_by: 'platform', interval: 'daily', timeframe: 'previous_10_days', timezone: -28800 },
	result: Array.from({ length: 10 }, (_, i) => ({
		timeframe: { start: day(i + 1), end: day(i + 2) },
		value: [
			{ platform: 'web', result: 200 + 30 * i },
			{ platform: 'ios', result: 150 + 12 * i + (i % 3) * 20 },
			{ platform: 'android', result: 90 + 25 * i - (i % 2) * 30 },
		],
	})),
};

export const funnelAnswer: IDataObject = {
	query: {
		analysis_type: 'funnel',
		timeframe: 'this_14_days',
		steps: [
			{ event_collection: 'visits', actor_property: 'user.id' },
			{ event_collection: 'signups', actor_property: 'user.id' },
			{ event_collection: 'purchases', actor_property: 'user.id' },
		],
	},
	result: [12040, 3101, 802],
};

/** Plain multi-analysis: several analyses of different units → a table by default. */
export const multiAnalysisAnswer: IDataObject = {
	query: {
		analysis_type: 'multi_analysis',
		event_collection: 'purchases',
		timeframe: 'this_14_days',
		analyses: { total: { analysis_type: 'sum', target_property: 'price' }, buyers: { analysis_type: 'count_unique', target_property: 'user.id' }, p90: { analysis_type: 'percentile', target_property: 'price', percentile: 90 } },
	},
	result: { total: 10329.03, buyers: 93, p90: 212.5 },
};

/** A cached dataset's results: always interval-shaped, groups inside (docs/keen-api.md §9.3). */
export const datasetAnswer: IDataObject = {
	result: [
		{ timeframe: { start: '2026-11-02T00:00:00.000Z', end: '2026-11-03T00:00:00.000Z' }, value: [{ 'item.name': 'Golden Widget', result: 4 }, { 'item.name': 'Silver Widget', result: 18 }] },
		{ timeframe: { start: '2026-11-03T00:00:00.000Z', end: '2026-11-04T00:00:00.000Z' }, value: [{ 'item.name': 'Golden Widget', result: 7 }, { 'item.name': 'Silver Widget', result: 12 }] },
		{ timeframe: { start: '2026-11-04T00:00:00.000Z', end: '2026-11-05T00:00:00.000Z' }, value: [{ 'item.name': 'Golden Widget', result: 9 }, { 'item.name': 'Silver Widget', result: 15 }] },
	],
};

/** Simplify's rows of a count by day: one item each. */
export const lineRows: IDataObject[] = (lineAnswer.result as IDataObject[]).map((bucket) => ({
	timeframe_start: (bucket.timeframe as IDataObject).start,
	timeframe_end: (bucket.timeframe as IDataObject).end,
	value: bucket.value,
}));

/** 10,000 hourly points for the benchmark (a seeded wave, the same every run). */
export function manyPoints(count = 10_000): IDataObject {
	const start = Date.parse('2025-01-01T00:00:00.000Z');
	const hour = 3_600_000;
	return {
		query: { analysis_type: 'count', event_collection: 'pageviews', interval: 'hourly', timeframe: 'previous_10000_hours', timezone: 'UTC' },
		result: Array.from({ length: count }, (_, i) => ({
			timeframe: { start: new Date(start + i * hour).toISOString(), end: new Date(start + (i + 1) * hour).toISOString() },
			value: Math.round(1000 + 400 * Math.sin(i / 24) + 150 * Math.sin(i / 3.7) + ((i * 7919) % 97)),
		})),
	};
}
