/**
 * Keen Trigger → New Event: what a poll costs Keen — the events each poll's query scans — on a
 * collection receiving EVENTS_PER_DAY (1,000,000) events a day, polled every minute. The server
 * holds 25 hours of them, received as stamped. The first poll after activation sweeps the whole
 * Look-Back Window (24 h), as every poll did before the sweep existed (sweepMinutes 0 still does);
 * the next one, a minute later, is a steady-state poll. The figures are the server's own count.
 */
import { cleanupN8n } from '../lib/n8n-env';

import type { IDataObject } from 'n8n-workflow';

import { control, intEnv, rssMB, runCase, serverInfo, timed } from '../lib/case';
import { pollNewEvent } from '../lib/engine';

const COLLECTION = 'bench_poll_scan';
const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;
const SWEEP_MINUTES = 60;

runCase(async () => {
	const server = serverInfo();
	const perDay = intEnv('EVENTS_PER_DAY', 1_000_000);
	const perMinute = perDay / (DAY_MS / MINUTE_MS);
	const now = Date.now();
	const seed = (fromMs: number, toMs: number) =>
		control({ cmd: 'seed', collection: COLLECTION, count: Math.round(((toMs - fromMs) / MINUTE_MS) * perMinute), fromMs, toMs, receivedAsStamped: true });
	await control({ cmd: 'dropCollection', collection: COLLECTION });
	await seed(now - DAY_MS - 60 * MINUTE_MS, now - MINUTE_MS);
	// The backfill gives the first poll events to emit; every option else is the default.
	const poll = (staticData: IDataObject) => pollNewEvent(server, COLLECTION, { backfillMinutes: 5, maxEvents: 100_000 }, staticData);
	const scanned = async <T>(run: () => Promise<T>) => {
		await control({ cmd: 'clear' });
		const value = await run();
		return { value, eventsScanned: (await control({ cmd: 'stats' })).eventsScanned };
	};
	const rssBeforeMB = rssMB();
	// The activation probe (latest: 1 over this_1_minutes) and the first poll, which sweeps.
	const sweep = await scanned(() => poll({}));
	await seed(now - MINUTE_MS, Date.now());
	const { value: steady, wallMs } = await timed(() => scanned(() => poll(sweep.value.staticData)));
	const amortised = ((SWEEP_MINUTES - 1) * steady.eventsScanned + sweep.eventsScanned) / SWEEP_MINUTES;
	return {
		case: 'poll-scan',
		label: `Trigger: events scanned per New Event poll, ${perDay.toLocaleString('en')} events a day`,
		items: steady.value.result?.[0]?.length ?? 0,
		requests: 1,
		wallMs,
		rssBeforeMB,
		target: '≥ 20× fewer events scanned per steady-state poll than per sweep (= per poll before)',
		pass: steady.eventsScanned * 20 <= sweep.eventsScanned,
		notes: {
			eventsPerDay: perDay,
			sweepPollScanned: sweep.eventsScanned,
			steadyPollScanned: steady.eventsScanned,
			amortisedPerPollScanned: Math.round(amortised),
			steadyVsSweep: Math.round((sweep.eventsScanned / Math.max(1, steady.eventsScanned)) * 10) / 10,
			amortisedVsBefore: Math.round((sweep.eventsScanned / Math.max(1, amortised)) * 10) / 10,
		},
	};
}, cleanupN8n);
