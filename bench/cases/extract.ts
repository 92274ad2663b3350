/**
 * Extraction through the node: the server holds ITEMS events of the last day (seeded without
 * HTTP). OPERATION=extractCsv (default) makes them CSV files, OPERATION=extract one item per
 * event. Keen returns at most 100,000 events per synchronous extraction (docs/keen-api.md §7.9), so
 * past that the run is what a user builds: one input item per time window of at most 100,000
 * events, the node's Start/End taken from the item. Target < 3 s per 100,000 events.
 */
import { cleanupN8n } from '../lib/n8n-env';

import { runNode } from '../../test/harness';
import { eventsToCsv } from '../../nodes/Keen/helpers/csv';
import { control, intEnv, rssMB, runCase, serverInfo, timed } from '../lib/case';
import { assertSucceeded, credentialsFor, keenNodeAndCredential, nodeExecutionMs } from '../lib/engine';
import { makeEvents } from '../lib/events';

const COLLECTION = 'bench_extract';
const HOUR_MS = 3_600_000;
const TARGET_MS_PER_100K = 3000;
/** Keen's limit of one synchronous extraction. */
const MAX_PER_EXTRACTION = 100_000;

runCase(async () => {
	const server = serverInfo();
	const items = intEnv('ITEMS', 100_000);
	const asCsv = process.env.OPERATION !== 'extract';
	const now = Date.now();
	const from = now - 25 * HOUR_MS;
	const windows = Math.ceil(items / MAX_PER_EXTRACTION);
	const span = 24 * HOUR_MS;
	await control({ cmd: 'dropCollection', collection: COLLECTION });
	await control({ cmd: 'seed', collection: COLLECTION, count: items, fromMs: from, toMs: from + span });
	const keen = keenNodeAndCredential();
	const parameters = {
		resource: 'extraction',
		operation: asCsv ? 'extractCsv' : 'extract',
		collection: { __rl: true, mode: 'name', value: COLLECTION },
		timeframeType: 'absolute',
		timeframeStart: '={{ $json.start }}',
		timeframeEnd: '={{ $json.end }}',
	};
	// Window w starts at the timestamp the seed gives event w × 100,000 (the same formula as
	// bench/server.ts), so each holds exactly its 100,000 events.
	const edge = (event: number) => (event >= items ? from + span : from + Math.floor((event / items) * span));
	const input = Array.from({ length: windows }, (_, w) => ({
		start: new Date(edge(w * MAX_PER_EXTRACTION)).toISOString(),
		end: new Date(edge((w + 1) * MAX_PER_EXTRACTION)).toISOString(),
	}));
	const run = (extra: Record<string, unknown> = {}, runItems = input) =>
		runNode({ ...keen, credentials: credentialsFor(server), parameters: { ...parameters, ...extra }, items: runItems, scanForSecrets: false });
	await run({ latest: 100 }, input.slice(0, 1));
	await control({ cmd: 'clear' });
	const rssBeforeMB = rssMB();

	const { value: result, wallMs, cpuMs } = await timed(() => run());
	const stats = await control({ cmd: 'stats' });
	assertSucceeded(result, asCsv ? windows : items);
	const nodeMs = nodeExecutionMs(result);
	const target = Math.max(1, items / 100_000) * TARGET_MS_PER_100K;
	const common = {
		items,
		requests: stats.requests,
		wallMs: nodeMs,
		rssBeforeMB,
		target: `< ${target / 1000} s`,
		pass: nodeMs < target,
	};
	const notes = { workflowWallMs: Math.round(wallMs), workflowCpuMs: Math.round(cpuMs), serverCpuMs: stats.cpuMs, failedRequests: stats.failedRequests };
	if (!asCsv) {
		const last = result.items[items - 1].json;
		if (last.keen === undefined || last.order_id === undefined) throw new Error(`unexpected item ${JSON.stringify(last).slice(0, 200)}`);
		return { ...common, case: 'extract', label: `Extract as items: ${items.toLocaleString('en')} events${windows > 1 ? ` (${windows} windows)` : ''}, through the node`, notes };
	}
	let csvBytes = 0;
	let events = 0;
	for (const output of result.items) {
		const binary = output.binary?.data;
		if (!binary) throw new Error(`unexpected output ${JSON.stringify(output.json)}`);
		events += Number(output.json.eventCount);
		csvBytes += Buffer.byteLength(binary.data, 'base64');
	}
	if (events !== items) throw new Error(`${events} events in the CSV files, expected ${items}`);
	// The CSV conversion alone, on one extraction's worth of events shaped like the server's answer.
	const sample = makeEvents(Math.min(items, MAX_PER_EXTRACTION)).map((event, i) => ({ ...event, keen: { timestamp: new Date(now - i).toISOString(), created_at: new Date(now).toISOString(), id: i.toString(16) } }));
	const { wallMs: csvOnlyMs } = await timed(() => eventsToCsv(sample), false);
	return {
		...common,
		case: 'csv',
		label: `Extract to CSV: ${items.toLocaleString('en')} events${windows > 1 ? ` (${windows} windows)` : ''}, through the node`,
		notes: { ...notes, csvBytes, eventsToCsvMs: Math.round(csvOnlyMs) },
	};
}, cleanupN8n);
