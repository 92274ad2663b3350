import type { IDataObject } from 'n8n-workflow';

/** Keen refuses batch requests over about 10,000,000 bytes with 413 (keen-api.md §4.2, §13). */
export const MAX_BATCH_BYTES = 10_000_000;
/** Defaults for Record and Record Many; docs/benchmarks.md says how they were chosen. */
export const DEFAULT_BATCH_SIZE = 1000;
export const DEFAULT_CONCURRENCY = 4;

/**
 * One event ready to send: its input item, collection, the event serialised once (its size is
 * needed anyway, and batch bodies are joined from these strings) and that JSON's byte length.
 */
export interface PreparedEvent {
	item: number;
	collection: string;
	json: string;
	bytes: number;
}

/** Indices into the prepared events, in the order they go into one request. */
export type Batch = number[];

export interface BatchLimits {
	maxEvents: number;
	maxBytes: number;
}

/** What Keen said about one event: recorded, refused with its error (§4.2), or its request failed. */
export type EventResult =
	| { status: 'recorded' }
	| { status: 'refused'; name: string; description: string }
	| { status: 'failed'; error: Error };

const RECORDED: EventResult = { status: 'recorded' };

/** Bytes a collection adds to a batch body besides its events: `"name":[` `]` and a comma. */
function collectionOverhead(collection: string): number {
	return Buffer.byteLength(JSON.stringify(collection)) + 4;
}

/**
 * Splits events into batches of at most `maxEvents` events and `maxBytes` bytes of body.
 * With `groupByCollection`, each batch holds one collection's events; otherwise input order
 * is kept. An event too large for any batch (validation stops those first) gets a batch alone.
 */
export function splitBatches(events: readonly PreparedEvent[], limits: BatchLimits, groupByCollection = false): Batch[] {
	const order = groupByCollection ? orderByCollection(events) : events.map((_, i) => i);
	const batches: Batch[] = [];
	let current: Batch = [];
	let bytes = 2;
	let collections = new Set<string>();
	let lastCollection: string | undefined;
	for (const index of order) {
		const { collection, bytes: eventBytes } = events[index];
		const added = eventBytes + 1 + (collections.has(collection) ? 0 : collectionOverhead(collection));
		const switchesGroup = groupByCollection && lastCollection !== undefined && collection !== lastCollection;
		if (current.length > 0 && (current.length >= limits.maxEvents || bytes + added > limits.maxBytes || switchesGroup)) {
			batches.push(current);
			current = [];
			bytes = 2;
			collections = new Set();
		}
		bytes += eventBytes + 1 + (collections.has(collection) ? 0 : collectionOverhead(collection));
		collections.add(collection);
		current.push(index);
		lastCollection = collection;
	}
	if (current.length > 0) batches.push(current);
	return batches;
}

function orderByCollection(events: readonly PreparedEvent[]): number[] {
	const groups = new Map<string, number[]>();
	events.forEach(({ collection }, index) => {
		const group = groups.get(collection);
		if (group) group.push(index);
		else groups.set(collection, [index]);
	});
	return [...groups.values()].flat();
}

/**
 * The body of `POST /events` (keen-api.md §4.2), `{ "collection": [events] }` with events in batch
 * order, joined from the events' JSON instead of serialising every event a second time.
 */
export function batchBody(events: readonly PreparedEvent[], batch: Batch): string {
	const byCollection = new Map<string, string[]>();
	for (const index of batch) {
		const { collection, json } = events[index];
		const list = byCollection.get(collection);
		if (list) list.push(json);
		else byCollection.set(collection, [json]);
	}
	const parts: string[] = [];
	for (const [collection, list] of byCollection) parts.push(`${JSON.stringify(collection)}:[${list.join(',')}]`);
	return `{${parts.join(',')}}`;
}

/**
 * Keen's per-event answers mapped back to the batch's events: the n-th event of a collection in
 * the body gets the n-th entry of that collection's answer. An event the answer says nothing
 * about is reported as failed, never assumed recorded.
 */
export function mapBatchResults(events: readonly PreparedEvent[], batch: Batch, response: unknown): EventResult[] {
	const answer = (typeof response === 'object' && response !== null ? response : {}) as Record<string, unknown>;
	const seen = new Map<string, number>();
	return batch.map((index) => {
		const { collection } = events[index];
		const position = seen.get(collection) ?? 0;
		seen.set(collection, position + 1);
		const list = answer[collection];
		const entry = Array.isArray(list) ? (list[position] as IDataObject | undefined) : undefined;
		if (entry?.success === true) return RECORDED;
		if (entry?.success === false) {
			const error = (entry.error ?? {}) as IDataObject;
			return {
				status: 'refused',
				name: String(error.name ?? 'UnknownError'),
				description: String(error.description ?? 'Keen gave no reason.'),
			};
		}
		return {
			status: 'failed',
			error: new Error(`Keen's answer did not say whether event ${position + 1} of collection "${collection}" was recorded`),
		};
	});
}

/**
 * Runs `worker(0) … worker(count - 1)` with at most `concurrency` running at once: a fixed
 * number of lanes, each taking the next index when its previous one is done.
 */
export async function runPool(count: number, concurrency: number, worker: (index: number) => Promise<void>): Promise<void> {
	let next = 0;
	const lane = async (): Promise<void> => {
		while (next < count) await worker(next++);
	};
	await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, count)) }, lane));
}

/**
 * Sends every batch with `send` (which retries inside the transport) and returns one result per
 * prepared event, in the events' order. A batch whose request failed gives every one of its
 * events that error, so no event goes unreported.
 */
export async function sendBatches(
	events: readonly PreparedEvent[],
	batches: readonly Batch[],
	concurrency: number,
	send: (body: string) => Promise<unknown>,
): Promise<EventResult[]> {
	const results = new Array<EventResult>(events.length);
	await runPool(batches.length, concurrency, async (b) => {
		const batch = batches[b];
		let batchResults: EventResult[];
		try {
			batchResults = mapBatchResults(events, batch, await send(batchBody(events, batch)));
		} catch (error) {
			const failed: EventResult = { status: 'failed', error: error as Error };
			batchResults = batch.map(() => failed);
		}
		for (let i = 0; i < batch.length; i++) results[batch[i]] = batchResults[i];
	});
	return results;
}
