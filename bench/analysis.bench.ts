/**
 * Times the Keen test server's analysis engine on 1,000,000 stored events
 * (target: a grouped count under 1 s, test/keen-server/analysis/README.md).
 * Run: npx ts-node --transpile-only bench/analysis.bench.ts
 */
import { runAnalysis } from '../test/keen-server/analysis';
import type { AnalysisContext, StoredEvent } from '../test/keen-server/types';

const EVENT_COUNT = 1_000_000;
const now = new Date('2024-06-15T12:00:00.000Z');
const countries = ['US', 'CA', 'DE', 'FR', 'JP', 'BR', 'IN', 'GB'];

function makeEvents(): StoredEvent[] {
	const events: StoredEvent[] = [];
	const span = 30 * 86_400_000;
	for (let i = 0; i < EVENT_COUNT; i++) {
		const ts = now.getTime() - Math.floor((i / EVENT_COUNT) * span);
		events.push({
			ts,
			event: {
				user: { id: `u${i % 50_000}`, country: countries[i % countries.length] },
				item: { id: i % 1000, price: (i % 997) / 10 },
				keen: { timestamp: new Date(ts).toISOString(), id: i.toString(16) },
			},
		});
	}
	return events;
}

const events = makeEvents();
const ctx: AnalysisContext = { getEvents: () => events, now };
const base = { event_collection: 'purchases', timeframe: 'this_30_days', timezone: 'US/Eastern' };

const cases: Array<[string, string, Record<string, unknown>]> = [
	['count', 'count', {}],
	['count group_by user.country', 'count', { group_by: 'user.country' }],
	['count group_by item.id (1,000 groups)', 'count', { group_by: 'item.id' }],
	['count group_by country, interval daily', 'count', { group_by: 'user.country', interval: 'daily' }],
	['sum item.price, filter gte + in', 'sum', {
		target_property: 'item.price',
		filters: [
			{ property_name: 'item.price', operator: 'gte', property_value: 10 },
			{ property_name: 'user.country', operator: 'in', property_value: ['US', 'CA'] },
		],
	}],
	['average item.price group_by country', 'average', { target_property: 'item.price', group_by: 'user.country' }],
	['median item.price', 'median', { target_property: 'item.price' }],
	['percentile 90 item.price group_by country', 'percentile', { target_property: 'item.price', percentile: 90, group_by: 'user.country' }],
	['count_unique user.id', 'count_unique', { target_property: 'user.id' }],
	['standard_deviation item.price, interval hourly', 'standard_deviation', { target_property: 'item.price', interval: 'hourly' }],
	['multi_analysis (sum, count_unique, p90) group_by country', 'multi_analysis', {
		group_by: 'user.country',
		analyses: {
			total: { analysis_type: 'sum', target_property: 'item.price' },
			buyers: { analysis_type: 'count_unique', target_property: 'user.id' },
			p90: { analysis_type: 'percentile', target_property: 'item.price', percentile: 90 },
		},
	}],
	['extraction latest 1000', 'extraction', { latest: 1000 }],
	['funnel 2 steps over the same collection', 'funnel', {
		steps: [
			{ event_collection: 'purchases', actor_property: 'user.id' },
			{ event_collection: 'purchases', actor_property: 'user.id', filters: [{ property_name: 'item.price', operator: 'gt', property_value: 50 }] },
		],
	}],
];

for (const [label, analysis, params] of cases) {
	runAnalysis(analysis, { ...base, ...params }, ctx); // warm-up
	const runs = 3;
	const started = process.hrtime.bigint();
	for (let run = 0; run < runs; run++) runAnalysis(analysis, { ...base, ...params }, ctx);
	const ms = Number(process.hrtime.bigint() - started) / 1e6 / runs;
	console.log(`${label.padEnd(60)} ${ms.toFixed(0).padStart(6)} ms`);
}
