/**
 * Simplify of a count with group_by (GROUPS, default 1,000) and an hourly interval (100 buckets):
 * 100,000 rows from Keen's nested answer (docs/keen-api.md §7.8). Target < 1 s per 100,000 rows.
 */
import type { IDataObject } from 'n8n-workflow';

import { simplifyResult } from '../../nodes/Keen/helpers/simplify';
import { intEnv, rssMB, runCase, timed } from '../lib/case';

const HOUR_MS = 3_600_000;
const START_MS = Date.UTC(2024, 5, 1);

/** Keen's answer text for `count` with group_by item.sku and interval hourly. */
function answerText(groups: number, intervals: number): string {
	const result = [];
	for (let t = 0; t < intervals; t++) {
		const value = [];
		for (let g = 0; g < groups; g++) value.push({ 'item.sku': `SKU-${1000 + g}`, result: (t * 7 + g * 13) % 101 });
		result.push({ timeframe: { start: new Date(START_MS + t * HOUR_MS).toISOString(), end: new Date(START_MS + (t + 1) * HOUR_MS).toISOString() }, value });
	}
	return JSON.stringify({ result });
}

runCase(async () => {
	const groups = intEnv('GROUPS', 1000);
	const intervals = intEnv('INTERVALS', 100);
	const request: IDataObject = { event_collection: 'purchases', group_by: 'item.sku', interval: 'hourly', timeframe: 'this_100_hours' };
	simplifyResult('count', request, JSON.parse(answerText(10, 10)));
	const text = answerText(groups, intervals);
	const { value: response, wallMs: parseMs } = await timed(() => JSON.parse(text) as unknown, false);
	const rssBeforeMB = rssMB();
	const { value: rows, wallMs } = await timed(() => simplifyResult('count', request, response));
	const expected = groups * intervals;
	if (rows.length !== expected) throw new Error(`${rows.length} rows, expected ${expected}`);
	const first = rows[0];
	if (first.timeframe_start === undefined || first['item.sku'] === undefined || first.value === undefined) throw new Error(`unexpected row ${JSON.stringify(first)}`);
	return {
		case: 'simplify',
		label: `Simplify: ${groups.toLocaleString('en')} groups × ${intervals} intervals`,
		items: rows.length,
		requests: null,
		wallMs,
		rssBeforeMB,
		target: `< ${Math.max(1, expected / 100_000)} s`,
		pass: wallMs < Math.max(1, expected / 100_000) * 1000,
		notes: { answerBytes: text.length, jsonParseMs: Math.round(parseMs) },
	};
});
