import { NodeApiError, NodeOperationError, type IDataObject, type INodeProperties, type JsonObject } from 'n8n-workflow';

import { KeenInputError } from '../../helpers/errors';
import { eventJson, isEmptyEvent, storedEvent, type EventDraft } from '../../helpers/eventBuilder';
import { validateEventSize } from '../../helpers/eventValidation';
import { autoTokens, fieldToken, uniquenessMode } from '../../helpers/uniqueness';
import {
	DEFAULT_BATCH_SIZE,
	DEFAULT_CONCURRENCY,
	MAX_BATCH_BYTES,
	batchRequest,
	createBatcher,
	createPool,
	sendBatch,
	type Batch,
	type EventResult,
	type PreparedEvent,
} from '../../transport/batch';
import { hintFor } from '../../transport/errors';
import type { ItemOutcome, OperationParams, RunContext } from '../types';
import { keenPath } from '../../helpers/path';

export type DraftBuilder = (params: OperationParams, json: IDataObject) => EventDraft[];

/** An input item's events: numbers `start` to `start + count - 1` of the run's events. */
interface ItemEvents {
	index: number;
	start: number;
	count: number;
}

type AutoToken = ReturnType<typeof autoTokens>;

/** How many failed items (or events of one item) an error message lists before "and N more". */
const MAX_LISTED_FAILURES = 20;

/** A whole number above 0, or `fallback` (batch size and concurrency are options with defaults). */
function positiveIntegerOr(value: unknown, fallback: number): number {
	const number = Number(value);
	return Number.isInteger(number) && number > 0 ? number : fallback;
}

/** What Record and Record Many output per item: the events as stored (default of Record), or only that they were. */
export type RecordOutput = 'events' | 'summary';

const EMPTY_EVENT_HINT =
	'An item with no fields, such as a Manual Trigger\'s, makes an empty event. Set Event Content to JSON or Chosen Fields, or turn on Options → Allow Empty Event to record events with only Keen\'s own properties.';

/**
 * One item's events with their keen properties and uniqueness tokens, numbered from `firstId`, and
 * each as stored when `keep` is given; throws if one is empty (unless allowed) or too large to send.
 */
function prepareItem(
	drafts: EventDraft[],
	index: number,
	firstId: number,
	itemOptions: IDataObject,
	autoToken: AutoToken,
	keep?: IDataObject[],
): PreparedEvent[] {
	const mode = uniquenessMode(itemOptions.uniquenessToken, 'options');
	// Stamped here, as Keen's SDKs do, so the output can show the keen.timestamp Keen stores.
	const recordedAt = new Date().toISOString();
	return drafts.map((draft, position) => {
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
		const json = eventJson(draft.event, extras);
		const bytes = Buffer.byteLength(json);
		validateEventSize(bytes, draft.field);
		keep?.push(storedEvent(draft.event, extras));
		return { id: firstId + position, collection: draft.collection, json, bytes };
	});
}

/**
 * Records the events of all items through Keen's batch endpoint (keen-api.md §4.2): builds and
 * validates each item's events (a bad item is never sent; the others are), de-duplicates retries
 * with keen.uniqueness_token, and gives every input item an outcome from Keen's per-event answers.
 * Items are prepared in order and each batch is sent as soon as it is full, at most `concurrency`
 * at once, so preparing the next batch overlaps with Keen answering the last. Each event's JSON
 * lives only until its batch's body is joined; per event only its collection and result are kept.
 */
export async function recordEvents(
	ctx: RunContext,
	items: Array<{ index: number; params: OperationParams }>,
	build: DraftBuilder,
	properties: INodeProperties[],
	groupByCollection = false,
	defaultOutput: RecordOutput = 'events',
): Promise<ItemOutcome[]> {
	const input = ctx.execute.getInputData();
	const options = (items[0]?.params.options ?? {}) as IDataObject;
	const autoToken = autoTokens(ctx.runScope());
	const batcher = createBatcher({ maxEvents: positiveIntegerOr(options.batchSize, DEFAULT_BATCH_SIZE), maxBytes: MAX_BATCH_BYTES }, groupByCollection);
	const pool = createPool(positiveIntegerOr(options.concurrency, DEFAULT_CONCURRENCY));

	const outcomes: ItemOutcome[] = [];
	const ranges: ItemEvents[] = [];
	const collections: string[] = [];
	// The events as stored, by event number; kept only for the output (Options → Output).
	const stored: IDataObject[] | undefined = (options.output ?? defaultOutput) === 'events' ? [] : undefined;
	// One slot per event from the start (batches may be answered out of order), filled by its batch's answer.
	const results: Array<EventResult | undefined> = [];
	const send = async (body: Buffer) => await ctx.request({ method: 'POST', path: keenPath('events'), body });
	// The body is written as soon as the batch is full, so its events' JSON dies young. Waits for a
	// free slot when `concurrency` requests are in flight: that is also where the sockets make progress.
	const dispatch = async (batch: Batch) => {
		const request = batchRequest(batch);
		await pool.submit(async () => {
			const answers = await sendBatch(request, send);
			request.ids.forEach((id, i) => (results[id] = answers[i]));
		});
	};

	for (const { index, params } of items) {
		let prepared: PreparedEvent[];
		try {
			prepared = prepareItem(build(params, input[index].json), index, collections.length, (params.options ?? {}) as IDataObject, autoToken, stored);
		} catch (error) {
			stored?.splice(collections.length);
			outcomes.push({ index, error: error as Error });
			continue;
		}
		ranges.push({ index, start: collections.length, count: prepared.length });
		for (const event of prepared) {
			collections.push(event.collection);
			results.push(undefined);
			for (const batch of batcher.add(event)) await dispatch(batch);
		}
	}
	for (const batch of batcher.flush()) await dispatch(batch);
	await pool.drain();

	let recorded = 0;
	for (const { index, start, count } of ranges) {
		let ok = 0;
		for (let id = start; id < start + count; id++) if (results[id]?.status === 'recorded') ok++;
		recorded += ok;
		outcomes.push(
			ok === count
				? { index, outputs: [{ json: createdOutput(collections, start, count, stored) }] }
				: { index, error: itemError(ctx, results.slice(start, start + count) as EventResult[], collections.slice(start, start + count)) },
		);
	}

	if (collections.length > 0 && !ctx.execute.continueOnFail()) return withAggregate(ctx, outcomes, recorded, properties);
	return outcomes;
}

/** The output of an item whose events (numbers `start` to `start + count - 1`) were all recorded, with them as stored if kept. */
function createdOutput(collections: string[], start: number, count: number, stored?: IDataObject[]): IDataObject {
	if (count === 1) return { created: true, collection: collections[start], ...(stored ? { event: stored[start] } : {}) };
	const output: IDataObject = { created: true, events: count, collections: [...new Set(collections.slice(start, start + count))] };
	if (stored) output.stored = stored.slice(start, start + count).map((event, i) => ({ collection: collections[start + i], event }));
	return output;
}

function refusal(ctx: RunContext, name: string, description: string, message: string): NodeApiError {
	return new NodeApiError(ctx.execute.getNode(), { message: description, error_code: name } as JsonObject, {
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
	const listed = reasons.slice(0, MAX_LISTED_FAILURES);
	if (reasons.length > MAX_LISTED_FAILURES) listed.push(`and ${reasons.length - MAX_LISTED_FAILURES} more`);
	// Every reason goes into the message: n8n keeps only the message in an error item's json.
	return new NodeOperationError(ctx.execute.getNode(), `Keen recorded ${ok} of ${results.length} events of this item; not recorded: ${listed.join('; ')}`, {
		description: 'The other events of this item were recorded. Fix the events named here and send only those again.',
	});
}

function reasonOf(error: Error, properties: INodeProperties[]): string {
	if (error instanceof KeenInputError) {
		const field = properties.find((property) => property.name === error.field)?.displayName ?? error.field;
		return `${error.message} (field "${field}")${error.hint ? ` — ${error.hint}` : ''}`;
	}
	return error.message;
}

/** How to fix the first failure, when reasonOf has not said it already (a missing key: fill it in). */
function hintOf(error: Error): string {
	if (error instanceof KeenInputError) return '';
	const { description } = error as { description?: unknown };
	return typeof description === 'string' && description ? ` ${description}` : '';
}

/**
 * When the node stops on error, the runner throws the first failed item's error. Events of other
 * items were sent by then, so that error says how many were recorded and why each failed item was not.
 */
function withAggregate(ctx: RunContext, outcomes: ItemOutcome[], recorded: number, properties: INodeProperties[]): ItemOutcome[] {
	const failed = outcomes.filter((outcome): outcome is { index: number; error: Error } => 'error' in outcome);
	if (failed.length === 0) return outcomes;
	failed.sort((a, b) => a.index - b.index);
	const lines = failed.slice(0, MAX_LISTED_FAILURES).map(({ index, error }) => `item ${index}: ${reasonOf(error, properties)}`);
	if (failed.length > MAX_LISTED_FAILURES) lines.push(`and ${failed.length - MAX_LISTED_FAILURES} more`);
	const first = failed[0];
	const aggregate = new NodeOperationError(
		ctx.execute.getNode(),
		`Recorded ${recorded} event${recorded === 1 ? '' : 's'}; ${failed.length} input item${failed.length === 1 ? ' was' : 's were'} not recorded. First: item ${first.index}: ${reasonOf(first.error, properties)}`,
		{ description: `Not recorded — ${lines.join('; ')}.${hintOf(first.error)} Use "Continue (using error output)" to get one error item per failed input item.` },
	);
	return outcomes.map((outcome) => (outcome === first ? { index: first.index, error: aggregate } : outcome));
}
