/**
 * Keen Trigger → New Event: one poll (through n8n-core's PollContext) that finds ITEMS new
 * events. The server holds them from the last 30 minutes; the trigger's Backfill reaches back
 * an hour and Max Events per Poll is set to ITEMS, so one poll emits them all.
 */
import { cleanupN8n } from '../lib/n8n-env';

import { control, intEnv, rssMB, runCase, serverInfo, timed } from '../lib/case';
import { pollNewEvent } from '../lib/engine';

const COLLECTION = 'bench_poll';
const MINUTE_MS = 60_000;

runCase(async () => {
	const server = serverInfo();
	const items = intEnv('ITEMS', 50_000);
	const now = Date.now();
	await control({ cmd: 'dropCollection', collection: COLLECTION });
	await control({ cmd: 'seed', collection: COLLECTION, count: items, fromMs: now - 30 * MINUTE_MS, toMs: now - MINUTE_MS });
	const poll = (maxEvents: number) => pollNewEvent(server, COLLECTION, { backfillMinutes: 60, maxEvents });
	// Warm-up: a poll that emits only a few of the events.
	await poll(10);
	await control({ cmd: 'clear' });
	const rssBeforeMB = rssMB();

	const { value: result, wallMs } = await timed(() => poll(items));
	const stats = await control({ cmd: 'stats' });
	const emitted = result.result?.[0]?.length ?? 0;
	if (emitted !== items) throw new Error(`The poll emitted ${emitted} events, expected ${items}`);
	return {
		case: 'poll',
		label: `Trigger: one New Event poll finding ${items.toLocaleString('en')} events`,
		items,
		requests: stats.requests,
		wallMs,
		rssBeforeMB,
		notes: { staticDataBytes: JSON.stringify(result.staticData).length, failedRequests: stats.failedRequests },
	};
}, cleanupN8n);
