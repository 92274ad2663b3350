/**
 * Keen local server benchmark (not part of npm test):
 *   npx ts-node --transpile-only bench/keen-server.bench.ts
 * 1. ingest of 500-event batches over loopback with undici (target ≥ 100,000 events/s);
 * 2. count with group_by over 1,000,000 stored events (target < 1 s), store loaded directly;
 * 3. heap bytes per stored event.
 */
import { cpus, loadavg } from 'node:os';
import { Pool } from 'undici';
import { runAnalysis } from '../test/keen-server/analysis';
import { startKeenServer } from '../test/keen-server/index';

const BATCH_SIZE = 500;
const INGEST_BATCHES = 1_000;
const CONCURRENCY = 8;
const STORED_EVENTS = 1_000_000;
const COUNTRIES = ['US', 'CA', 'GB', 'DE', 'FR', 'BR', 'IN', 'JP'];

function sampleEvent(i: number): Record<string, unknown> {
	return { user: { id: `u${i % 10_000}` }, country: COUNTRIES[i % COUNTRIES.length], device: i % 3 === 0 ? 'mobile' : 'desktop', price: i % 100, page: { path: `/p/${i % 50}` } };
}

/** One batch body, built once and sent repeatedly so the client's own JSON work stays out of the figure. */
function batchBody(): string {
	return JSON.stringify({ pageviews: Array.from({ length: BATCH_SIZE }, (_, i) => sampleEvent(i)) });
}

async function benchIngest(): Promise<void> {
	const server = await startKeenServer({ logBodies: false });
	const pool = new Pool(server.url, { connections: CONCURRENCY, pipelining: 1 });
	const body = batchBody();
	const path = `/3.0/projects/${server.projectId}/events`;
	const headers = { authorization: server.writeKey, 'content-type': 'application/json' };
	let next = 0;
	const worker = async () => {
		while (next++ < INGEST_BATCHES) {
			const response = await pool.request({ method: 'POST', path, headers, body });
			await response.body.text();
			if (response.statusCode !== 200) throw new Error(`ingest answered ${response.statusCode}`);
		}
	};
	const started = process.hrtime.bigint();
	const cpuBefore = process.cpuUsage();
	await Promise.all(Array.from({ length: CONCURRENCY }, worker));
	const seconds = Number(process.hrtime.bigint() - started) / 1e9;
	const cpu = process.cpuUsage(cpuBefore);
	const events = server.eventCount('pageviews');
	console.log(`ingest: ${events} events in ${seconds.toFixed(2)} s = ${Math.round(events / seconds).toLocaleString('en-US')} events/s (batches of ${BATCH_SIZE}, ${CONCURRENCY} connections)`);
	// Client and server share this process: CPU time covers both, so it bounds the server's cost from above.
	console.log(`ingest CPU (client + server): ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s = ${Math.round(events / ((cpu.user + cpu.system) / 1e6)).toLocaleString('en-US')} events per CPU-second`);
	await pool.close();
	await server.close();
}

async function benchCountAndMemory(): Promise<void> {
	const now = new Date('2024-06-01T00:00:00.000Z');
	const server = await startKeenServer({ now: () => now, logBodies: false });
	global.gc?.();
	const heapBefore = process.memoryUsage().heapUsed;
	const loadStarted = Date.now();
	const dayMs = 24 * 3600 * 1000;
	for (let start = 0; start < STORED_EVENTS; start += 10_000) {
		const chunk = Array.from({ length: 10_000 }, (_, j) => ({ ...sampleEvent(start + j), keen: { timestamp: new Date(now.getTime() - ((start + j) % (30 * dayMs))).toISOString() } }));
		server.ingest('purchases', chunk);
	}
	const loadSeconds = (Date.now() - loadStarted) / 1000;
	global.gc?.();
	const perEvent = (process.memoryUsage().heapUsed - heapBefore) / STORED_EVENTS;
	console.log(`direct load: ${STORED_EVENTS.toLocaleString('en-US')} events in ${loadSeconds.toFixed(2)} s; heap ≈ ${Math.round(perEvent)} bytes/event${global.gc ? '' : ' (run with --expose-gc for a steadier figure)'}`);

	const ctx = { getEvents: (collection: string) => server.project.store.events(collection), now };
	const params = { event_collection: 'purchases', timeframe: 'this_30_days', group_by: 'country' };
	for (let run = 1; run <= 3; run++) {
		const started = process.hrtime.bigint();
		const answer = runAnalysis('count', params, ctx) as { result: { result: number }[] };
		const ms = Number(process.hrtime.bigint() - started) / 1e6;
		const total = answer.result.reduce((sum, row) => sum + row.result, 0);
		console.log(`count group_by country over ${STORED_EVENTS.toLocaleString('en-US')} events, run ${run}: ${ms.toFixed(0)} ms (${answer.result.length} groups, ${total} events counted)`);
	}
	await server.close();
}

async function main(): Promise<void> {
	console.log(`machine: ${cpus().length} CPUs, load average ${loadavg().map((load) => load.toFixed(1)).join(' / ')}`);
	await benchIngest();
	await benchCountAndMemory();
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
