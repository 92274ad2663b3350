import { NodeApiError, NodeOperationError, type IDataObject, type INodeProperties, type JsonObject } from 'n8n-workflow';

import { KeenInputError } from '../../helpers/errors';
import { withKeen, type EventDraft } from '../../helpers/eventBuilder';
import { validateEventSize } from '../../helpers/eventValidation';
import { autoToken, fieldToken, type AutoTokenScope, type UniquenessMode } from '../../helpers/uniqueness';
import {
	DEFAULT_BATCH_SIZE,
	DEFAULT_CONCURRENCY,
	MAX_BATCH_BYTES,
	sendBatches,
	splitBatches,
	type EventResult,
	type PreparedEvent,
} from '../../transport/batch';
import { hintFor } from '../../transport/errors';
import type { ItemOutcome, OperationParams, RunContext } from '../types';

export type DraftBuilder = (params: OperationParams, json: IDataObject) => EventDraft[];

interface ItemEvents {
	index: number;
	start: number;
	count: number;
}

/** How many failed items (or events of one item) an error message lists before "and N more". */
const MAX_LISTED_FAILURES = 20;

function positiveInteger(value: unknown, fallback: number): number {
	const number = Number(value);
	return Number.isInteger(number) && number > 0 ? number : fallback;
}

/** Who is recording, for Auto uniqueness tokens: the same for a retried request of this run, different across runs. */
function runScope(ctx: RunContext): Omit<AutoTokenScope, 'collection'> {
	const executionId = String(ctx.execute.getExecutionId() ?? '');
	return {
		// Without an execution ID (some manual runs) a per-run nonce keeps Auto tokens from colliding with earlier runs.
		executionId: executionId || `run-${Date.now()}-${Math.random()}`,
		workflowId: String(ctx.execute.getWorkflow().id ?? ''),
		nodeName: ctx.execute.getNode().name,
	};
}

/** One item's events with their keen properties and uniqueness tokens; throws if one is too large to send. */
function prepareItem(
	drafts: EventDraft[],
	index: number,
	itemOptions: IDataObject,
	scope: Omit<AutoTokenScope, 'collection'>,
): PreparedEvent[] {
	const mode = (itemOptions.uniquenessToken ?? 'auto') as UniquenessMode;
	return drafts.map((draft, position) => {
		const uniquenessToken =
			mode === 'auto'
				? autoToken({ ...scope, collection: draft.collection }, index, position)
				: mode === 'field'
					? fieldToken(itemOptions.uniquenessValue, 'options', position, drafts.length)
					: undefined;
		const json = JSON.stringify(withKeen(draft.event, { timestamp: draft.timestamp, addons: draft.addons, uniquenessToken }));
		const bytes = Buffer.byteLength(json);
		validateEventSize(bytes, draft.field);
		return { item: index, collection: draft.collection, json, bytes };
	});
}

/**
 * Records the events of all items through Keen's batch endpoint (keen-api.md §4.2): builds and
 * validates each item's events (a bad item is never sent; the others are), de-duplicates retries
 * with keen.uniqueness_token, sends batches with bounded concurrency and gives every input item
 * an outcome from Keen's per-event answers.
 */
export async function recordEvents(
	ctx: RunContext,
	items: Array<{ index: number; params: OperationParams }>,
	build: DraftBuilder,
	properties: INodeProperties[],
	groupByCollection = false,
): Promise<ItemOutcome[]> {
	const input = ctx.execute.getInputData();
	const options = (items[0]?.params.options ?? {}) as IDataObject;
	const scope = runScope(ctx);

	const outcomes: ItemOutcome[] = [];
	const events: PreparedEvent[] = [];
	const ranges: ItemEvents[] = [];
	for (const { index, params } of items) {
		try {
			const prepared = prepareItem(build(params, input[index].json), index, (params.options ?? {}) as IDataObject, scope);
			ranges.push({ index, start: events.length, count: prepared.length });
			for (const event of prepared) events.push(event);
		} catch (error) {
			outcomes.push({ index, error: error as Error });
		}
	}

	const batches = splitBatches(
		events,
		{ maxEvents: positiveInteger(options.batchSize, DEFAULT_BATCH_SIZE), maxBytes: MAX_BATCH_BYTES },
		groupByCollection,
	);
	const results = await sendBatches(
		events,
		batches,
		positiveInteger(options.concurrency, DEFAULT_CONCURRENCY),
		async (body) => await ctx.request({ method: 'POST', path: '/events', body }),
	);

	let recorded = 0;
	for (const { index, start, count } of ranges) {
		const mine = results.slice(start, start + count);
		const ok = mine.filter((result) => result.status === 'recorded').length;
		recorded += ok;
		if (ok === count) {
			outcomes.push({ index, outputs: [{ json: createdOutput(events.slice(start, start + count)) }] });
		} else {
			outcomes.push({ index, error: itemError(ctx, mine, events.slice(start, start + count)) });
		}
	}

	if (events.length > 0 && !ctx.execute.continueOnFail()) return withAggregate(ctx, outcomes, recorded, properties);
	return outcomes;
}

function createdOutput(events: PreparedEvent[]): IDataObject {
	if (events.length === 1) return { created: true, collection: events[0].collection };
	return { created: true, events: events.length, collections: [...new Set(events.map((event) => event.collection))] };
}

function refusal(ctx: RunContext, name: string, description: string, message: string): NodeApiError {
	return new NodeApiError(ctx.execute.getNode(), { message: description, error_code: name } as JsonObject, {
		message,
		description: hintFor(400, name),
	});
}

/** The error of an item some of whose events were not recorded: Keen's reason, or why the request failed. */
function itemError(ctx: RunContext, results: EventResult[], events: PreparedEvent[]): Error {
	if (results.length === 1) {
		const [result] = results;
		if (result.status === 'failed') return result.error;
		if (result.status === 'refused') {
			return refusal(ctx, result.name, result.description, `Keen refused the event: ${result.name}: ${result.description}`);
		}
	}
	const reasons: string[] = [];
	results.forEach((result, i) => {
		const where = `event ${i + 1} ("${events[i].collection}")`;
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
