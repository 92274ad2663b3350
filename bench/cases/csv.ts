/**
 * Extraction → Extract to CSV through the node: the server holds ITEMS events of the last day
 * (seeded without HTTP); one extraction request, the events become one CSV file. Target < 3 s.
 */
import { cleanupN8n } from '../lib/n8n-env';

import { runNode } from '../../test/harness';
import { eventsToCsv } from '../../nodes/Keen/helpers/csv';
import { control, intEnv, rssMB, runCase, serverInfo, timed } from '../lib/case';
import { assertSucceeded, credentialsFor, keenNodeAndCredential, nodeExecutionMs } from '../lib/engine';
import { makeEvents } from '../lib/events';

const COLLECTION = 'bench_extract';
const HOUR_MS = 3_600_000;

runCase(async () => {
	const server = serverInfo();
	const items = intEnv('ITEMS', 100_000);
	const now = Date.now();
	await control({ cmd: 'dropCollection', collection: COLLECTION });
	await control({ cmd: 'seed', collection: COLLECTION, count: items, fromMs: now - 24 * HOUR_MS, toMs: now - HOUR_MS });
	const keen = keenNodeAndCredential();
	const parameters = {
		resource: 'extraction',
		operation: 'extractCsv',
		collection: { __rl: true, mode: 'name', value: COLLECTION },
		timeframeType: 'relative',
		relativeTimeframe: 'this_7_days',
	};
	const run = (extra: Record<string, unknown> = {}) => runNode({ ...keen, credentials: credentialsFor(server), parameters: { ...parameters, ...extra }, scanForSecrets: false });
	await run({ latest: 100 });
	await control({ cmd: 'clear' });
	const rssBeforeMB = rssMB();

	const { value: result, wallMs } = await timed(() => run());
	const stats = await control({ cmd: 'stats' });
	assertSucceeded(result, 1);
	const [output] = result.items;
	const binary = output.binary?.data;
	if (output.json.eventCount !== items || !binary) throw new Error(`unexpected output ${JSON.stringify(output.json)}`);
	const csvBytes = Buffer.byteLength(binary.data, 'base64');
	const nodeMs = nodeExecutionMs(result);

	// The CSV conversion alone, on the same number of events shaped like the server's answer.
	const sample = makeEvents(items).map((event, i) => ({ ...event, keen: { timestamp: new Date(now - i).toISOString(), created_at: new Date(now).toISOString(), id: i.toString(16) } }));
	const { wallMs: csvOnlyMs } = await timed(() => eventsToCsv(sample), false);
	return {
		case: 'csv',
		label: `Extract to CSV: ${items.toLocaleString('en')} events, through the node`,
		items,
		requests: stats.requests,
		wallMs: nodeMs,
		rssBeforeMB,
		target: '< 3 s',
		pass: nodeMs < 3000,
		notes: { csvBytes, workflowWallMs: Math.round(wallMs), eventsToCsvMs: Math.round(csvOnlyMs), failedRequests: stats.failedRequests },
	};
}, cleanupN8n);
