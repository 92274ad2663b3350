/**
 * Raw ceiling: the same events in the same batches (the node's batch size and concurrency)
 * posted straight to the server with undici — no n8n. Each event carries a keen.timestamp and a
 * keen.uniqueness_token shaped like the node's Auto token, as the node's events do, so the server
 * does the same work and the same bytes cross the wire. Serialising each batch is part of the timed work.
 */
import { Pool } from 'undici';

import { control, intEnv, rssMB, runCase, serverInfo, timed } from '../lib/case';
import { makeEvents } from '../lib/events';
import { COLLECTION, batching } from '../lib/settings';

/** Stands in for the node's per-execution hash prefix (32 hex characters). */
const RUN_HASH = 'c0ffee00'.repeat(4);

runCase(async () => {
	const server = serverInfo();
	const items = intEnv('ITEMS', 100_000);
	const { batchSize, concurrency } = batching(intEnv);
	// The node stamps keen.timestamp (when it records) and an Auto token on every event; so does the ceiling.
	const recordedAt = new Date().toISOString();
	const events = makeEvents(items).map((event, i) => ({ ...event, keen: { timestamp: recordedAt, uniqueness_token: `${RUN_HASH}-${i}` } }));
	const pool = new Pool(server.url, { connections: concurrency });
	const path = `/3.0/projects/${server.projectId}/events`;
	const rssBeforeMB = rssMB();
	await control({ cmd: 'dropCollection', collection: COLLECTION });
	await control({ cmd: 'clear' });

	let recorded = 0;
	const batches = Math.ceil(items / batchSize);
	let next = 0;
	const lane = async () => {
		while (next < batches) {
			const b = next++;
			const body = JSON.stringify({ [COLLECTION]: events.slice(b * batchSize, (b + 1) * batchSize) });
			const response = await pool.request({ path, method: 'POST', body, headers: { authorization: server.writeKey, 'content-type': 'application/json' } });
			if (response.statusCode !== 200) throw new Error(`batch ${b}: HTTP ${response.statusCode} ${await response.body.text()}`);
			const answer = (await response.body.json()) as Record<string, Array<{ success: boolean }>>;
			for (const entry of answer[COLLECTION]) if (entry.success) recorded++;
		}
	};
	const { wallMs, cpuMs } = await timed(() => Promise.all(Array.from({ length: concurrency }, lane)));
	const stats = await control({ cmd: 'stats', collection: COLLECTION });
	await pool.close();
	if (recorded !== items || stats.events !== items) throw new Error(`recorded ${recorded}, server stored ${stats.events}, expected ${items}`);
	return {
		case: 'raw',
		label: `Raw ceiling: undici, ${batchSize}/request × ${concurrency} in flight`,
		items,
		requests: stats.requests,
		wallMs,
		rssBeforeMB,
		notes: { batchSize, concurrency, clientCpuMs: Math.round(cpuMs), serverCpuMs: stats.cpuMs, failedRequests: stats.failedRequests },
	};
});
