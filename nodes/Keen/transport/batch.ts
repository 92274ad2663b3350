import type { IDataObject } from 'n8n-workflow';

/** Keen refuses batch requests over about 10,000,000 bytes with 413 (docs/keen-api.md §4.2, §13). */
export const MAX_BATCH_BYTES = 10_000_000;
/** Defaults for Record and Record Many; docs/benchmarks.md says how they were chosen. */
export const DEFAULT_BATCH_SIZE = 1000;
export const DEFAULT_CONCURRENCY = 4;

/**
 * One event ready to send: its number among the run's events (where its result goes), its
 * collection, the event serialised once (its size is needed anyway, and batch bodies are joined
 * from these strings) and that JSON's byte length.
 */
export interface PreparedEvent {
	id: number;
	collection: string;
	json: string;
	bytes: number;
}

/** The events of one request, in the order they go into its body. */
export type Batch = PreparedEvent[];

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

interface OpenBatch {
	events: Batch;
	bytes: number;
	collections: Set<string>;
}

/** What `add` returns when no batch is full, which is most of the time (shared, never changed). */
const NONE: readonly Batch[] = [];

/** Fills batches event by event, so each can be sent as soon as it is full. */
export interface Batcher {
	/** Adds the next event; returns the batches that are full now (usually none, at most two). */
	add(event: PreparedEvent): readonly Batch[];
	/** The batches still open, at the end of the input. */
	flush(): Batch[];
}

/**
 * Batches of at most `maxEvents` events and `maxBytes` bytes of body, in input order. With
 * `groupByCollection`, each batch holds one collection's events (one open batch per collection).
 * An event too large for any batch (validation stops those first) gets a batch alone.
 */
export function createBatcher(limits: BatchLimits, groupByCollection = false): Batcher {
	const open = new Map<string, OpenBatch>();
	return {
		add(event) {
			const key = groupByCollection ? event.collection : '';
			let batch = open.get(key);
			let full: readonly Batch[] = NONE;
			const newCollection = !batch?.collections.has(event.collection);
			const added = event.bytes + 1 + (newCollection ? collectionOverhead(event.collection) : 0);
			if (batch && batch.bytes + added > limits.maxBytes) {
				full = [batch.events];
				batch = undefined;
			}
			if (!batch) {
				batch = { events: [], bytes: 2 + collectionOverhead(event.collection), collections: new Set([event.collection]) };
				open.set(key, batch);
			} else if (newCollection) {
				batch.bytes += collectionOverhead(event.collection);
				batch.collections.add(event.collection);
			}
			batch.bytes += event.bytes + 1;
			batch.events.push(event);
			if (batch.events.length >= limits.maxEvents) {
				full = full === NONE ? [batch.events] : [...full, batch.events];
				open.delete(key);
			}
			return full;
		},
		flush() {
			const rest = [...open.values()].map((batch) => batch.events);
			open.clear();
			return rest;
		},
	};
}

/** The bytes batchBody writes between the events' JSON. */
const [OPEN_BRACE, CLOSE_BRACE, COMMA, CLOSE_BRACKET] = Buffer.from('{},]');

/**
 * The body of `POST /events` (docs/keen-api.md §4.2), `{ "collection": [events] }` with events in batch
 * order, written from the events' JSON straight into one Buffer: no event is serialised a second
 * time and no ~330 KB body string is made per batch (docs/benchmarks.md: that garbage was what
 * pushed the peak memory of a 100,000-item run up).
 */
export function batchBody(batch: Batch): Buffer {
	const byCollection = new Map<string, string[]>();
	for (const { collection, json } of batch) {
		const list = byCollection.get(collection);
		if (list) list.push(json);
		else byCollection.set(collection, [json]);
	}
	// Sized first, then written piece by piece: the separators are written as bytes, so no
	// `,${json}` string is made (and flattened) per event.
	const heads: string[] = [];
	let size = 2;
	for (const [collection, list] of byCollection) {
		const head = `${heads.length ? ',' : ''}${JSON.stringify(collection)}:[`;
		heads.push(head);
		size += Buffer.byteLength(head) + list.length;
		for (const json of list) size += Buffer.byteLength(json);
	}
	const body = Buffer.allocUnsafe(size);
	body[0] = OPEN_BRACE;
	let at = 1;
	let next = 0;
	for (const list of byCollection.values()) {
		at += body.write(heads[next++], at);
		for (let i = 0; i < list.length; i++) {
			if (i > 0) body[at++] = COMMA;
			at += body.write(list[i], at);
		}
		body[at++] = CLOSE_BRACKET;
	}
	body[at] = CLOSE_BRACE;
	return body;
}

/**
 * A full batch as it goes out: the body, and the event (number and collection) each entry of
 * Keen's answer belongs to, in batch order. It no longer refers to the events' JSON, so that can
 * be collected while the request waits for a slot and for its answer.
 */
export interface BatchRequest {
	body: Buffer;
	ids: number[];
	collections: string[];
}

export function batchRequest(batch: Batch): BatchRequest {
	return { body: batchBody(batch), ids: batch.map((event) => event.id), collections: batch.map((event) => event.collection) };
}

/**
 * Keen's per-event answers mapped back to a batch's events, given each one's collection in batch
 * order: the n-th event of a collection in the body gets the n-th entry of that collection's
 * answer. An event the answer says nothing about is reported as failed, never assumed recorded.
 */
export function mapBatchResults(collections: readonly string[], response: unknown): EventResult[] {
	const answer = (typeof response === 'object' && response !== null ? response : {}) as Record<string, unknown>;
	const seen = new Map<string, number>();
	return collections.map((collection) => {
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
 * Sends one batch with `send` (which retries inside the transport) and returns one result per
 * event, in batch order. A failed request gives every event of the batch its error, so no event
 * goes unreported.
 */
export async function sendBatch(request: BatchRequest, send: (body: Buffer) => Promise<unknown>): Promise<EventResult[]> {
	try {
		return mapBatchResults(request.collections, await send(request.body));
	} catch (error) {
		const failed: EventResult = { status: 'failed', error: error as Error };
		return request.collections.map(() => failed);
	}
}
/** At most `concurrency` tasks running at once; tasks must not reject (sendBatch does not). */
export interface Pool {
	/** Starts the task once a slot is free; resolves when it has started, not when it is done. */
	submit(task: () => Promise<void>): Promise<void>;
	/** Resolves when every started task is done. */
	drain(): Promise<void>;
}

export function createPool(concurrency: number): Pool {
	const limit = Math.max(1, concurrency);
	const running = new Set<Promise<void>>();
	return {
		async submit(task) {
			while (running.size >= limit) await Promise.race(running);
			const done: Promise<void> = task().finally(() => running.delete(done));
			running.add(done);
		},
		async drain() {
			await Promise.all(running);
		},
	};
}
