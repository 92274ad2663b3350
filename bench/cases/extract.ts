/**
 * Extraction through the node: the server holds ITEMS events of the last day (seeded without
 * HTTP); one extraction request. OPERATION=extractCsv (default) makes them one CSV file (target
 * < 3 s at 100,000), OPERATION=extract one item per event (target < 3 s at 100,000).
 */
import { cleanupN8n } from '../lib/n8n-env';

import { runNode } from '../../test/harness';
import { eventsToCsv } from '../../nodes/Keen/helpers/csv';
import { control, intEnv, rssMB, runCase, serverInfo, timed } from '../lib/case';
import { assertSucceeded, credentialsFor, keenNodeAndCredential, nodeExecutionMs } from '../lib/engine';
import { makeEvents } from '../lib/events';

const COLLECTION = 'bench_extract';
const HOUR_MS = 3_600_000;
/** Per 100,000 events; larger runs scale it linearly. */
const TARGET_MS_PER_100K = 3000;

runCase(async () => {
	const server = serverInfo();
	const items = intEnv('ITEMS', 100_000);
	const asCsv = process.env.OPERATION !== 'extract';
	const now = Date.now();
	await control({ cmd: 'dropCollection', collection: COLLECTION });
	await control({ cmd: 'seed', collection: COLLECTION, count: items, fromMs: now - 24 * HOUR_MS, toMs: now - HOUR_MS });
	const keen = keenNodeAndCredential();
	const parameters = {
		resource: 'extraction',
		operation: asCsv ? 'extractCsv' : 'extract',
		collection: { __rl: true, mode: 'name', value: COLLECTION },
		timeframeType: 'relative',
		relativeTimeframe: 'this_7_days',
	};
	const run = (extra: Record<string, unknown> = {}) => runNode({ ...keen, credentials: credentialsFor(server), parameters: { ...parameters, ...extra }, scanForSecrets: false });
	await run({ latest: 100 });
	await control({ cmd: 'clear' });
	const rssBeforeMB = rssMB();

	const { value: result, wallMs, cpuMs } = await timed(() => run());
	const stats = await control({ cmd: 'stats' });
	assertSucceeded(result, asCsv ? 1 : items);
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
		return { ...common, case: 'extract', label: `Extract as items: ${items.toLocaleString('en')} events, through the node`, notes };
	}
	const [output] = result.items;
	const binary = output.binary?.data;
	if (output.json.eventCount !== items || !binary) throw new Error(`unexpected output ${JSON.stringify(output.json)}`);
	const csvBytes = Buffer.byteLength(binary.data, 'base64');
	// The CSV conversion alone, on the same number of events shaped like the server's answer.
	const sample = makeEvents(items).map((event, i) => ({ ...event, keen: { timestamp: new Date(now - i).toISOString(), created_at: new Date(now).toISOString(), id: i.toString(16) } }));
	const { wallMs: csvOnlyMs } = await timed(() => eventsToCsv(sample), false);
	return {
		...common,
		case: 'csv',
		label: `Extract to CSV: ${items.toLocaleString('en')} events, through the node`,
		notes: { ...notes, csvBytes, eventsToCsvMs: Math.round(csvOnlyMs) },
	};
}, cleanupN8n);
