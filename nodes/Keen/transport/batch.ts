import { sleep, type IDataObject } from 'n8n-workflow';

/** Keen refuses batch requests over about 10,000,000 bytes with 413 (docs/keen-api.md §4.2, §13). */
export const MAX_BATCH_BYTES = 10_000_000;
/** Defaults for Record and Record Many; docs/benchmarks.md says how they were chosen. */
export const DEFAULT_BATCH_SIZE = 1000;
export const DEFAULT_CONCURRENCY = 4;

/**
 * One event ready to batch: its number among the run's events (where its result goes), its
 * collection, and its JSON in the parts helpers/eventJson.ts gives (the event's own JSON, and
 * the `"keen":{…}` member that completes it, if any, with its tail). It is written into a request
 * body as soon as it is added, so its text dies young.
 */
export interface PreparedEvent {
	id: number;
	collection: string;
	json: string;
	keen?: string;
	keenTail?: string;
}

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

/** The bytes the body writer writes besides the events' own text and the collections' heads. */
const [CLOSE_BRACE, COMMA, CLOSE_BRACKET] = Buffer.from('},]');

/** Bytes a collection adds to a batch body besides its events: `"name":[` `]` and a comma. */
function collectionOverhead(collection: string): number {
	return Buffer.byteLength(JSON.stringify(collection)) + 4;
}

/** UTF-8 takes at most 3 bytes per UTF-16 code unit: a bound on the event's bytes that needs no pass over its text. */
export function eventBytesAtMost(event: PreparedEvent): number {
	return 3 * (event.json.length + (event.keen?.length ?? 0) + (event.keenTail?.length ?? 0));
}

/** The exact byte length of the event's text as written (its parts joined). */
export function eventBytes(event: PreparedEvent): number {
	const { json, keen, keenTail } = event;
	if (keen === undefined) return Buffer.byteLength(json);
	return Buffer.byteLength(json) + Buffer.byteLength(keen) + (keenTail === undefined ? 0 : Buffer.byteLength(keenTail)) + (json === '{}' ? 0 : 1);
}

/**
 * Request-body buffers of one run. A buffer goes back once Keen has answered for every event of the
 * request that carried it, and the next batch is written into it: a run of a million events then
 * allocates a handful of bodies instead of one ~400 KB buffer per request. That matters beyond the
 * copying: bodies are held until answered, long enough to reach V8's old generation, and the
 * external memory they pile up there made V8 mark the whole heap (the input items, gigabytes) again
 * and again (docs/benchmarks.md).
 */
export interface BodyBuffers {
	/** A buffer of at least `bytes` bytes (its contents are garbage). */
	take(bytes: number): Buffer;
	/** Hands a buffer back for reuse; nothing may read or write it afterwards. */
	giveBack(buffer: Buffer): void;
}

/**
 * The smallest body buffer allocated. Small, because every collection open in a batch starts one
 * (a run keyed by user ID may have hundreds); full batches' buffers grow by doubling and are then
 * reused, so the main body rarely grows after the first batch.
 */
const MIN_BUFFER_BYTES = 4 * 1024;

/** Keeps at most `keep` free buffers, the largest; the others are left to the garbage collector. */
export function createBodyBuffers(keep: number): BodyBuffers {
	const free: Buffer[] = [];
	return {
		take(bytes) {
			// The smallest free buffer that fits, so a small collection's part does not take a full batch's buffer.
			let best = -1;
			for (let i = 0; i < free.length; i++) {
				if (free[i].length >= bytes && (best < 0 || free[i].length < free[best].length)) best = i;
			}
			if (best >= 0) {
				const buffer = free[best];
				free[best] = free[free.length - 1];
				free.pop();
				return buffer;
			}
			// Slow: its own memory, never a slice of Node's shared pool (which could not be reused alone).
			return Buffer.allocUnsafeSlow(Math.max(bytes, MIN_BUFFER_BYTES));
		},
		giveBack(buffer) {
			if (free.length < keep) {
				free.push(buffer);
				return;
			}
			// Full: the larger buffers are kept (the small ones a body outgrew would crowd out the full ones).
			let smallest = 0;
			for (let i = 1; i < free.length; i++) if (free[i].length < free[smallest].length) smallest = i;
			if (free[smallest].length < buffer.length) free[smallest] = buffer;
		},
	};
}

/**
 * A full batch as it goes out: the body (a view of `buffer`, one of the run's body buffers), and the
 * event (number and collection) each entry of Keen's answer belongs to, in the order the events
 * were added. It refers to no event's text.
 */
export interface BatchRequest {
	body: Buffer;
	buffer: Buffer;
	ids: number[];
	collections: string[];
}

/** One collection's part of an open batch: `"name":[` and its events so far, in a buffer of its own. */
interface Segment {
	buffer: Buffer;
	at: number;
	empty: boolean;
}

interface OpenBatch {
	/** Per collection, in the order they came: the body keys them in that order. */
	segments: Map<string, Segment>;
	/** The body's size as the limits count it: each collection's overhead and each event plus a comma. */
	bytes: number;
	ids: number[];
	collections: string[];
}

/** What `add` returns when no batch is full, which is most of the time (shared, never changed). */
const NONE: readonly BatchRequest[] = [];

/** Fills batches event by event, so each can be sent as soon as it is full. */
export interface Batcher {
	/** Adds the next event; returns the batches that are full now (usually none, at most two). */
	add(event: PreparedEvent): readonly BatchRequest[];
	/** The batches still open, at the end of the input. */
	flush(): BatchRequest[];
}

/**
 * Batches of at most `maxEvents` events and `maxBytes` bytes of body, in input order, written as
 * they fill into buffers from `buffers`. The body of a batch is `{ "collection": [events] }`
 * (docs/keen-api.md §4.2): collections in the order they first came, each one's events in input
 * order, each event the text its parts join to. With `groupByCollection`, each batch holds one
 * collection's events (one open batch per collection). An event too large for any batch
 * (validation stops those first) gets a batch alone.
 */
export function createBatcher(limits: BatchLimits, buffers: BodyBuffers, groupByCollection = false): Batcher {
	const open = new Map<string, OpenBatch>();

	const ensureRoom = (segment: Segment, bytes: number) => {
		if (segment.at + bytes <= segment.buffer.length) return;
		// Doubling, but not past what a batch can hold (beyond the room the event at hand may need).
		const larger = buffers.take(Math.max(segment.at + bytes, Math.min(2 * segment.buffer.length, limits.maxBytes)));
		segment.buffer.copy(larger, 0, 0, segment.at);
		buffers.giveBack(segment.buffer);
		segment.buffer = larger;
	};

	const openSegment = (batch: OpenBatch, collection: string, room: number): Segment => {
		const head = `${batch.segments.size === 0 ? '{' : ','}${JSON.stringify(collection)}:[`;
		const buffer = buffers.take(3 * head.length + room + 2);
		const segment = { buffer, at: buffer.write(head, 0), empty: true };
		batch.segments.set(collection, segment);
		return segment;
	};

	const write = (segment: Segment, event: PreparedEvent, room: number): number => {
		// A comma before, and the keen member's comma and brace in place of the object's brace.
		ensureRoom(segment, room + 2);
		const { buffer } = segment;
		if (!segment.empty) buffer[segment.at++] = COMMA;
		segment.empty = false;
		const start = segment.at;
		let at = start + buffer.write(event.json, start);
		if (event.keen !== undefined) {
			// The member goes in before the object's closing brace, after a comma unless the object is empty.
			at--;
			if (event.json !== '{}') buffer[at++] = COMMA;
			at += buffer.write(event.keen, at);
			if (event.keenTail !== undefined) at += buffer.write(event.keenTail, at);
			buffer[at++] = CLOSE_BRACE;
		}
		segment.at = at;
		return at - start;
	};

	const close = (batch: OpenBatch): BatchRequest => {
		const segments = [...batch.segments.values()];
		let buffer: Buffer;
		let size: number;
		if (segments.length === 1) {
			// The usual case: the one segment is the body, closed in place.
			const [segment] = segments;
			ensureRoom(segment, 2);
			segment.buffer[segment.at++] = CLOSE_BRACKET;
			segment.buffer[segment.at++] = CLOSE_BRACE;
			buffer = segment.buffer;
			size = segment.at;
		} else {
			size = 1;
			for (const segment of segments) size += segment.at + 1;
			buffer = buffers.take(size);
			let at = 0;
			for (const segment of segments) {
				at += segment.buffer.copy(buffer, at, 0, segment.at);
				buffer[at++] = CLOSE_BRACKET;
				buffers.giveBack(segment.buffer);
			}
			buffer[at] = CLOSE_BRACE;
		}
		return { body: buffer.subarray(0, size), buffer, ids: batch.ids, collections: batch.collections };
	};

	return {
		add(event) {
			const key = groupByCollection ? event.collection : '';
			let batch = open.get(key);
			let full: readonly BatchRequest[] = NONE;
			const room = eventBytesAtMost(event);
			let segment = batch?.segments.get(event.collection);
			const overhead = segment ? 0 : collectionOverhead(event.collection);
			// Exact bytes only when the bound says the event might not fit.
			if (batch && batch.bytes + room + 1 + overhead > limits.maxBytes && batch.bytes + eventBytes(event) + 1 + overhead > limits.maxBytes) {
				full = [close(batch)];
				batch = segment = undefined;
			}
			if (!batch) {
				batch = { segments: new Map(), bytes: 2, ids: [], collections: [] };
				open.set(key, batch);
			}
			if (!segment) {
				batch.bytes += overhead || collectionOverhead(event.collection);
				segment = openSegment(batch, event.collection, room);
			}
			batch.bytes += write(segment, event, room) + 1;
			batch.ids.push(event.id);
			batch.collections.push(event.collection);
			if (batch.ids.length >= limits.maxEvents) {
				full = full === NONE ? [close(batch)] : [...full, close(batch)];
				open.delete(key);
			}
			return full;
		},
		flush() {
			const rest = [...open.values()].map(close);
			open.clear();
			return rest;
		},
	};
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
	/**
	 * Starts the task once a slot is free; resolves when it has started, not when it is done. A task
	 * started on a free slot (the first ones, or after Keen caught up) is given two turns of the event
	 * loop before this resolves, to open its connection and write its body: otherwise its request would
	 * wait until the caller had prepared the next batch, while Keen has nothing to do.
	 */
	submit(task: () => Promise<void>): Promise<void>;
	/** Resolves when every started task is done. */
	drain(): Promise<void>;
}

/** Event-loop turns a request started on a free slot gets before the caller goes on (see Pool.submit). */
const TURNS_TO_SEND = 2;

export function createPool(concurrency: number): Pool {
	const limit = Math.max(1, concurrency);
	const running = new Set<Promise<void>>();
	return {
		async submit(task) {
			const waited = running.size >= limit;
			while (running.size >= limit) await Promise.race(running);
			const done: Promise<void> = task().finally(() => running.delete(done));
			running.add(done);
			// A slot that had to be waited for means requests are queued at Keen: no need to hurry this one.
			if (!waited) for (let turn = 0; turn < TURNS_TO_SEND; turn++) await sleep(0);
		},
		async drain() {
			await Promise.all(running);
		},
	};
}
