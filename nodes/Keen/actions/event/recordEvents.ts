import { NodeApiError, NodeOperationError, type IDataObject, type JsonObject } from 'n8n-workflow';

import { KeenInputError } from '../../helpers/errors';
import { listedFailures } from '../../helpers/failureList';
import { eventJson, storedEvent } from '../../helpers/eventJson';
import { isEmptyEvent, type EventDraft } from '../../helpers/eventBuilder';
import { MAX_EVENT_BYTES, validateEventSize } from '../../helpers/eventValidation';
import { autoTokens, fieldToken, uniquenessMode } from '../../helpers/uniqueness';
import {
	DEFAULT_BATCH_SIZE,
	DEFAULT_CONCURRENCY,
	MAX_BATCH_BYTES,
	createBatcher,
	createBodyBuffers,
	createPool,
	eventBytes,
	eventBytesAtMost,
	sendBatch,
	type BatchRequest,
	type EventResult,
	type PreparedEvent,
} from '../../transport/batch';
import { hintFor } from '../../transport/errors';
import type { BatchItem, OperationOutput, RawParams, ReportOutcome, RunContext } from '../types';
import { keenPath } from '../../helpers/path';

export type DraftBuilder = (params: RawParams, json: IDataObject) => EventDraft[];

type AutoToken = ReturnType<typeof autoTokens>;

/** A whole number above 0, or `fallback` (batch size and concurrency are options with defaults). */
function positiveIntegerOr(value: unknown, fallback: number): number {
	const number = Number(value);
	return Number.isInteger(number) && number > 0 ? number : fallback;
}

/**
 * What Record and Record Many output per item: the events as stored (default of Record), or only
 * that they were; or one item for the whole run.
 */
export type RecordOutput = 'events' | 'summary' | 'run';

/** A recorded item's outputs when the run gives one item: none of its own (shared, never written to). */
const NO_OUTPUTS: OperationOutput[] = [];

const EMPTY_EVENT_HINT =
	'An item with no fields, such as a Manual Trigger\'s, makes an empty event. Set Event Content to JSON or Chosen Fields, or turn on Options → Allow Empty Event to record events with only Keen\'s own properties.';

/** One item's events as stored (for the output), when Options → Output keeps them. */
type StoredEvents = IDataObject[] | undefined;

/**
 * One item's events with their keen properties and uniqueness tokens, numbered from `firstId`, and
 * each as stored when `keep` is given; throws if one is empty (unless allowed) or too large to send.
 */
function prepareItem(drafts: EventDraft[], index: number, firstId: number, itemOptions: IDataObject, autoToken: AutoToken, clock: () => string, keep: boolean): PreparedItem {
	const mode = uniquenessMode(itemOptions.uniquenessToken, 'options');
	// Stamped here, as Keen's SDKs do, so the output can show the keen.timestamp Keen stores.
	const recordedAt = clock();
	const stored: StoredEvents = keep ? [] : undefined;
	const events: PreparedEvent[] = [];
	for (let position = 0; position < drafts.length; position++) {
		const draft = drafts[position];
		if (!itemOptions.allowEmptyEvent && isEmptyEvent(draft.event)) {
			throw new KeenInputError(drafts.length === 1 ? 'The event is empty' : `Event ${position + 1} ("${draft.collection}") is empty`, draft.field, EMPTY_EVENT_HINT);
		}
		const uniquenessToken =
			mode === 'auto'
				? autoToken(draft.collection, index, position)
				: mode === 'field'
					? fieldToken(itemOptions.uniquenessValue, 'options', position, drafts.length)
					: undefined;
		const extras = { timestamp: draft.timestamp, recordedAt, addons: draft.addons, uniquenessToken };
		const { json, keen, keenTail } = eventJson(draft.event, extras);
		const event: PreparedEvent = { id: firstId + position, collection: draft.collection, json, keen, keenTail };
		if (eventBytesAtMost(event) > MAX_EVENT_BYTES) validateEventSize(eventBytes(event), draft.field);
		stored?.push(storedEvent(draft.event, extras));
		events.push(event);
	}
	return { index, events, stored };
}

/** Now as ISO 8601 text, formatted once per millisecond: formatting a Date per event stood out in profiles of large runs. */
function recordingClock(): () => string {
	let ms = Number.NaN;
	let iso = '';
	return () => {
		const now = Date.now();
		if (now !== ms) {
			ms = now;
			iso = new Date(now).toISOString();
		}
		return iso;
	};
}

/** One input item's events, ready to send (with them as stored, if kept), or why the item cannot be sent. */
type PreparedItem = { index: number; events: PreparedEvent[]; stored: StoredEvents } | { index: number; error: Error };

/** The prepare step for one input item: its events numbered from `firstId`, or why it cannot be sent. */
type Prepare = (item: BatchItem, firstId: number) => PreparedItem;

/**
 * The prepare step: builds and validates an item's events with their keen properties and
 * uniqueness tokens. Called by the send step item by item, so a full batch is sent while the next
 * items are still unprepared.
 */
function preparer(build: DraftBuilder, autoToken: AutoToken, keep: boolean): Prepare {
	const clock = recordingClock();
	return (item, firstId) => {
		try {
			return prepareItem(build(item.params, item.json), item.index, firstId, (item.params.options ?? {}) as IDataObject, autoToken, clock, keep);
		} catch (error) {
			return { index: item.index, error: error as Error };
		}
	};
}

/**
 * The send step: batches the prepared events (docs/keen-api.md §4.2), sends each batch as soon as it is
 * full, at most `concurrency` at once, and gives every input item an outcome from Keen's per-event
 * answers (a bad item is never sent; the others are). Each event is written into its batch's body
 * as it is added; per event only its collection and result are kept.
 */
async function sendEvents(ctx: RunContext, items: BatchItem[], prepare: Prepare, options: IDataObject, groupByCollection: boolean, perRun: boolean, report: ReportOutcome): Promise<void> {
	const concurrency = positiveIntegerOr(options.concurrency, DEFAULT_CONCURRENCY);
	// Enough for the requests in flight, the one waiting for a slot and the batch being filled.
	const buffers = createBodyBuffers(concurrency + 2);
	const batcher = createBatcher({ maxEvents: positiveIntegerOr(options.batchSize, DEFAULT_BATCH_SIZE), maxBytes: MAX_BATCH_BYTES }, buffers, groupByCollection);
	const pool = createPool(concurrency);
	// The items sent, in input order, as parallel lists (an object per item was a cost of large runs):
	// each one's index, number of events and, when kept, its events as stored. Events are numbered in
	// that order, so an item's first event is the sum of the counts before it.
	const sentIndexes: number[] = [];
	const sentCounts: number[] = [];
	const sentStored: StoredEvents[] = [];
	const collections: string[] = [];
	// One slot per event from the start (batches may be answered out of order), filled by its batch's answer.
	const results: Array<EventResult | undefined> = [];
	// Items before `settledItems` (whose events come before `settledEvents`) have their outcome.
	let settledItems = 0;
	let settledEvents = 0;
	// Gives each sent item whose events are all answered its outcome, in order: called as answers
	// come, so this work fills the waits for Keen instead of following the last answer.
	const settle = () => {
		while (settledItems < sentIndexes.length) {
			const start = settledEvents;
			const count = sentCounts[settledItems];
			let recorded = 0;
			for (let id = start; id < start + count; id++) {
				const result = results[id];
				if (result === undefined) return;
				if (result.status === 'recorded') recorded++;
			}
			const index = sentIndexes[settledItems];
			report(
				recorded < count
					? { index, error: itemError(ctx, results.slice(start, start + count) as EventResult[], collections.slice(start, start + count)) }
					: perRun
						? { index, outputs: NO_OUTPUTS }
						: { index, outputs: [{ json: createdOutput(collections, start, count, sentStored[settledItems]) }] },
			);
			settledItems++;
			settledEvents += count;
		}
	};
	const send = async (body: Buffer) => await ctx.request({ method: 'POST', path: keenPath('events'), body });
	// Waits for a free slot when `concurrency` requests are in flight: that is also where the sockets make progress.
	const dispatch = async (request: BatchRequest) => {
		await pool.submit(async () => {
			const answers = await sendBatch(request, send);
			let answered = true;
			for (let i = 0; i < answers.length; i++) {
				results[request.ids[i]] = answers[i];
				if (answers[i].status === 'failed') answered = false;
			}
			// An answer for every event means the server read the whole body: the buffer is free (were a
			// server to answer before reading, only it would get the next batch's bytes for the rest).
			// After a failure it is not reused: an error may still hold the request.
			if (answered) buffers.giveBack(request.buffer);
			settle();
		});
	};

	// Indexed loops here: with an await inside, a for-of allocated an iterator result per item.
	for (let n = 0; n < items.length; n++) {
		// Events are numbered in input order: this item's first is the next slot.
		const item = prepare(items[n], collections.length);
		if ('error' in item) {
			report(item);
			continue;
		}
		sentIndexes.push(item.index);
		sentCounts.push(item.events.length);
		if (item.stored) sentStored[sentIndexes.length - 1] = item.stored;
		for (let e = 0; e < item.events.length; e++) {
			const event = item.events[e];
			collections.push(event.collection);
			results.push(undefined);
			const full = batcher.add(event);
			// Indexed: usually nothing is full, and this runs once per event.
			for (let i = 0; i < full.length; i++) await dispatch(full[i]);
		}
	}
	for (const batch of batcher.flush()) await dispatch(batch);
	await pool.drain();
	settle();
	if (perRun) ctx.summariseRun(recordedPerCollection(collections, results));
}

/** The run's one item: the events Keen recorded, in all and per collection (those of failed items too: they are stored). */
function recordedPerCollection(collections: string[], results: Array<EventResult | undefined>): IDataObject {
	const perCollection: Record<string, number> = {};
	let recorded = 0;
	for (let id = 0; id < collections.length; id++) {
		if (results[id]?.status !== 'recorded') continue;
		recorded++;
		perCollection[collections[id]] = (perCollection[collections[id]] ?? 0) + 1;
	}
	return { recorded, collections: perCollection };
}

/**
 * Records the events of all items through Keen's batch endpoint: prepare, then send, pipelined.
 * Retries are de-duplicated by keen.uniqueness_token; the runner decides continue-on-fail.
 */
export async function recordEvents(
	ctx: RunContext,
	items: BatchItem[],
	report: ReportOutcome,
	build: DraftBuilder,
	groupByCollection = false,
	defaultOutput: RecordOutput = 'events',
): Promise<void> {
	const options = (items[0]?.params.options ?? {}) as IDataObject;
	const output = (options.output ?? defaultOutput) as RecordOutput;
	await sendEvents(ctx, items, preparer(build, autoTokens(ctx.runScope()), output === 'events'), options, groupByCollection, output === 'run', report);
}

/** The output of an item whose events (numbers `start` to `start + count - 1`) were all recorded, with them as stored if kept. */
function createdOutput(collections: string[], start: number, count: number, stored: StoredEvents): IDataObject {
	if (count === 1) {
		const output: IDataObject = { created: true, collection: collections[start] };
		if (stored) output.event = stored[0];
		return output;
	}
	const own = collections.slice(start, start + count);
	const output: IDataObject = { created: true, events: count, collections: [...new Set(own)] };
	if (stored) output.stored = stored.map((event, i) => ({ collection: own[i], event }));
	return output;
}

function refusal(ctx: RunContext, name: string, description: string, message: string): NodeApiError {
	return new NodeApiError(ctx.node, { message: description, error_code: name } as JsonObject, {
		message,
		description: hintFor(400, name),
	});
}

/** The error of an item some of whose events were not recorded: Keen's reason, or why the request failed. */
function itemError(ctx: RunContext, results: EventResult[], collections: string[]): Error {
	if (results.length === 1) {
		const [result] = results;
		if (result.status === 'failed') return result.error;
		if (result.status === 'refused') {
			return refusal(ctx, result.name, result.description, `Keen refused the event: ${result.name}: ${result.description}`);
		}
	}
	const reasons: string[] = [];
	results.forEach((result, i) => {
		const where = `event ${i + 1} ("${collections[i]}")`;
		if (result.status === 'refused') reasons.push(`${where}: ${result.name}: ${result.description}`);
		if (result.status === 'failed') reasons.push(`${where}: ${result.error.message}`);
	});
	const ok = results.length - reasons.length;
	const listed = listedFailures(reasons);
	// Every reason goes into the message: n8n keeps only the message in an error item's json.
	return new NodeOperationError(ctx.node, `Keen recorded ${ok} of ${results.length} events of this item; not recorded: ${listed.join('; ')}`, {
		description: 'The other events of this item were recorded. Fix the events named here and send only those again.',
	});
}
