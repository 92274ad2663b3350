import type { IDataObject } from 'n8n-workflow';

import { keenCredentials, runNode } from '../../harness';
import { startKeenServer, type KeenServer } from '../../keen-server';
import type { FaultRule } from '../../keen-server';

/*
 * Issue 5: 20,000 events through Record Many while the local Keen server fails requests the ways
 * Keen does; issue 10: the same faults with the node inside a loop (Loop Over Items runs it once per
 * batch of items, five times in one execution), where every run must store its own events once. Correctness only (never timings): every event stored exactly once, every input item
 * answered by exactly one output item paired with it, and the run succeeds.
 *
 * Faults (seeded, so a run is reproducible; faultSeed below):
 * - 429 bursts: the POSTs numbered in BURSTS (arrival order) get 429 with Retry-After: 1.
 * - probabilistic rules, checked in this order, first that fires wins: 3% dropped before
 *   processing, 3% dropped after the events were stored, 3% stalled 2 s (the 1.5 s timeout turns
 *   them into retried timeouts, and the server stores the events anyway), 20% 503.
 *
 * Max Retries: a batch is lost only if all of its 1 + MAX_RETRIES attempts are faulted. The
 * probabilistic rules fault an attempt with p = 1 − 0.97³ × 0.8 ≈ 0.27; the bursts add 12 faults
 * over ~300 requests, so p < 0.31 per attempt. With 20 retries a batch fails with probability
 * < 0.31²¹ ≈ 2e-11, and the run (200 batches) with < 5e-9; the seed makes the outcome repeatable
 * on top of that. Small backoff (RETRY_DELAY_MS, doubling) keeps the wall time in seconds; each
 * burst costs the lanes it hits one Retry-After second.
 */

const EVENTS = 20_000;
const BATCH_SIZE = 100;
const CONCURRENCY = 8;
const MAX_RETRIES = 20;
const RETRY_DELAY_MS = 20;
const TIMEOUT_MS = 1_500;
const STALL_MS = 2_000;
const COLLECTION = 'soak';
/** The loop soak: the node inside Loop Over Items, LOOP_RUNS runs of LOOP_EVENTS / LOOP_RUNS items each. */
const LOOP_EVENTS = 10_000;
const LOOP_RUNS = 5;
/** Arrival numbers (1-based, POSTs to /events) from which BURST_LENGTH consecutive POSTs get 429. */
const BURSTS = [20, 110, 200];
const BURST_LENGTH = 4;

jest.setTimeout(120_000);

/** Each soak gets its own seeded server, so its faults and counts are its own. */
let server: KeenServer;
afterEach(async () => await server?.close());

const eventsPath = () => `/3.0/projects/${server.projectId}/events`;

/** 429 bursts by arrival order, ahead of the seeded rules (which then draw exactly as without bursts). */
function injectBursts(): () => number {
	const pick = server.faults.pick.bind(server.faults);
	let posts = 0;
	let injected = 0;
	server.faults.pick = (method, path) => {
		if (method === 'POST' && path === eventsPath()) {
			posts++;
			if (BURSTS.some((start) => posts >= start && posts < start + BURST_LENGTH)) {
				injected++;
				return { kind: 'status', status: 429, retryAfter: 1 };
			}
		}
		return pick(method, path);
	};
	return () => injected;
}

function addSeededFaults(): void {
	const on = { method: 'POST', path: eventsPath() };
	const rules: FaultRule[] = [
		{ ...on, probability: 0.03, kind: 'drop' },
		{ ...on, probability: 0.03, kind: 'dropAfterProcessing' },
		{ ...on, probability: 0.03, kind: 'stall', ms: STALL_MS },
		{ ...on, probability: 0.2, kind: 'status', status: 503 },
	];
	for (const rule of rules) server.faults.add(rule);
}

function countBy<T>(values: T[]): Map<T, number> {
	const counts = new Map<T, number>();
	for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
	return counts;
}

interface Soak {
	events: number;
	collection: string;
	/** Items per run of the node inside a loop; without it the node runs once with every item. */
	loopBatchSize?: number;
}

async function soak({ events, collection, loopBatchSize }: Soak): Promise<void> {
	server = await startKeenServer({ port: 0, faultSeed: 20_000 });
	const burstCount = injectBursts();
	addSeededFaults();
	const items = Array.from({ length: events }, (_, id) => ({ id, name: `visitor-${id}`, price: id % 97 }));

	const started = Date.now();
	const result = await runNode({
		credentials: { ...keenCredentials(server) },
		parameters: {
			resource: 'event',
			operation: 'recordMany',
			collection: { __rl: true, mode: 'name', value: collection },
			options: { batchSize: BATCH_SIZE, concurrency: CONCURRENCY },
			requestOptions: { maxRetries: MAX_RETRIES, retryDelay: RETRY_DELAY_MS, timeout: TIMEOUT_MS },
		},
		items,
		loopBatchSize,
	});
	const wallMs = Date.now() - started;

	expect(result.error).toBeUndefined();
	expect(result.status).toBe('success');
	expect(result.errorItems).toHaveLength(0);

	// One output per input item, in input order, paired with it (per run of the node inside a loop).
	const runs = loopBatchSize === undefined ? [result.items] : result.runs;
	if (loopBatchSize !== undefined) expect(runs).toHaveLength(Math.ceil(events / loopBatchSize));
	expect(runs.flat()).toHaveLength(events);
	const unpaired = runs.flatMap((run) => run.filter((item, index) => (item.pairedItem as { item: number }).item !== index || item.json.created !== true));
	expect(unpaired).toEqual([]);

	// Exactly the input events on the server: no loss, no duplicate token, no duplicate payload id.
	// Stalled requests finish server-side after the client gave up, so the count is read once they have.
	await new Promise((resolve) => setTimeout(resolve, STALL_MS));
	const stored = server.events(collection);
	expect(stored).toHaveLength(events);
	const tokens = stored.map((event) => (event.keen as IDataObject).uniqueness_token);
	expect(new Set(tokens).size).toBe(events);
	const ids = stored.map((event) => event.id as number);
	expect(new Set(ids).size).toBe(events);
	expect([...ids].sort((a, b) => a - b)).toEqual(items.map((item) => item.id));

	// The faults really happened (the figures go to the README).
	const posts = server.requests.filter((request) => request.method === 'POST' && request.path === eventsPath());
	const faults = countBy(posts.map((request) => (request.fault === 'status' ? `status ${request.status}` : request.fault ?? 'none')));
	expect(faults.get('status 503')).toBeGreaterThan(0);
	expect(faults.get('status 429')).toBe(burstCount());
	expect(faults.get('drop')).toBeGreaterThan(0);
	expect(faults.get('dropAfterProcessing')).toBeGreaterThan(0);
	expect(faults.get('stall')).toBeGreaterThan(0);
	const batches = loopBatchSize === undefined ? Math.ceil(events / BATCH_SIZE) : runs.reduce((sum, run) => sum + Math.ceil(run.length / BATCH_SIZE), 0);
	// Every batch got a clean answer. Not "exactly one per batch": on a loaded machine a clean answer can
	// arrive after the client's timeout, and the retry then gets a second one (a count that depends on load).
	const firstToken = (request: (typeof posts)[number]) =>
		((request.body as Record<string, IDataObject[]>)[collection][0].keen as IDataObject).uniqueness_token;
	const answered = new Set(posts.filter((request) => (request.fault ?? 'none') === 'none').map(firstToken));
	expect(answered.size).toBe(batches);

	// Attempts per batch, keyed by the batch's first token (dropped requests have no logged body).
	const attempts = countBy(posts.filter((request) => request.body !== undefined).map(firstToken));
	if (process.env.KEEN_SOAK_REPORT) {
		process.stdout.write(
			`${JSON.stringify({
				events,
				runsOfTheNode: runs.length,
				batches,
				requests: posts.length,
				faults: Object.fromEntries(faults),
				retries: posts.length - batches,
				maxAttemptsOfOneBatch: Math.max(...attempts.values()),
				wallSeconds: Math.round(wallMs / 100) / 10,
				stored: stored.length,
			})}\n`,
		);
	}
}

describe('Record Many under injected faults', () => {
	it(`stores ${EVENTS.toLocaleString('en')} events exactly once and answers every item (issue 5)`, async () => {
		await soak({ events: EVENTS, collection: COLLECTION });
	});

	it(`inside a loop (${LOOP_RUNS} runs of the node in one execution) stores ${LOOP_EVENTS.toLocaleString('en')} events exactly once (issue 10)`, async () => {
		await soak({ events: LOOP_EVENTS, collection: `${COLLECTION}_loop`, loopBatchSize: LOOP_EVENTS / LOOP_RUNS });
	});
});
