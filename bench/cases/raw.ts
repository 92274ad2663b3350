/**
 * Raw ceiling: the same events in the same batches (the node's batch size and concurrency)
 * posted straight to the server with undici — no n8n. The events carry the node's keen
 * properties (lib/events.ts withKeenProperties). Serialising each batch is part of the timed work;
 * the warm-up (lib/warmUp.ts) is not.
 */
import { Pool } from 'undici';

import { control, intEnv, rssMB, runCase, serverInfo, timed } from '../lib/case';
import { ceilingBatchBody, makeEvents, withKeenProperties, type BenchEvent } from '../lib/events';
import { COLLECTION, batching } from '../lib/settings';
import { warmUp } from '../lib/warmUp';

runCase(async () => {
	const server = serverInfo();
	const items = intEnv('ITEMS', 100_000);
	const { batchSize, concurrency } = batching(intEnv);
	const pool = new Pool(server.url, { connections: concurrency });
	const path = `/3.0/projects/${server.projectId}/events`;
	/** Posts `events` in batches, `concurrency` at once, and returns how many Keen recorded. */
	const post = async (events: BenchEvent[]): Promise<number> => {
		let recorded = 0;
		const batches = Math.ceil(events.length / batchSize);
		let next = 0;
		const lane = async () => {
			while (next < batches) {
				const b = next++;
				const body = ceilingBatchBody(COLLECTION, events, b, batchSize);
				const response = await pool.request({ path, method: 'POST', body, headers: { authorization: server.writeKey, 'content-type': 'application/json' } });
				if (response.statusCode !== 200) throw new Error(`batch ${b}: HTTP ${response.statusCode} ${await response.body.text()}`);
				const answer = (await response.body.json()) as Record<string, Array<{ success: boolean }>>;
				for (const entry of answer[COLLECTION]) if (entry.success) recorded++;
			}
		};
		await Promise.all(Array.from({ length: concurrency }, lane));
		return recorded;
	};
	await warmUp((input, first) => post(withKeenProperties(input, first)), items);
	const events = withKeenProperties(makeEvents(items));
	const rssBeforeMB = rssMB();
	await control({ cmd: 'dropCollection', collection: COLLECTION });
	await control({ cmd: 'clear' });

	const { value: recorded, wallMs, cpuMs } = await timed(() => post(events));
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
