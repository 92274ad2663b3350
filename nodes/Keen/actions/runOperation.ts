import { randomUUID } from 'node:crypto';

import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

import { KeenInputError } from '../helpers/errors';
import { listedFailures } from '../helpers/failureList';
import { credentialRedactor, keenRequest } from '../transport';
import type { Redactor } from '../helpers/redact';
import { DEFAULT_RETRY_POLICY, retryPolicyFrom, type RetryPolicy } from '../transport/retry';
import { matchesRoute, type KeenRoute } from '../transport/routes';
import { paramReader } from './paramReader';
import { REQUEST_OPTIONS_FIELD } from './requestOptions';
import { RESOURCE_DISPLAY_NAMES } from './resources';
import { explainResult } from './resultNotes';
import { userError } from './userError';
import { capForModel, fromAiKeys, runsAsTool, TOOL_MAX_ITEMS_FIELD, toolErrorMessage, toolInputMessage } from './toolMode';
import type { BatchItem, ItemOutcome, KeenOperation, OperationOutput, RawParams, RunContext } from './types';
import { isPlainObject } from '../helpers/json';
import type { AutoTokenScope } from '../helpers/uniqueness';

function fieldName(spec: KeenOperation, field: string): string {
	return spec.properties.find((property) => property.name === field)?.displayName ?? field;
}

function retryPolicyOf(params: RawParams): RetryPolicy {
	return retryPolicyFrom(params[REQUEST_OPTIONS_FIELD.name] as IDataObject | undefined);
}

/**
 * Turns an error of one item into the error the user sees: input problems name the item and the field.
 * In a tool run the model sees only the message: it names the model's argument and carries the advice.
 */
function toNodeError(
	ctx: IExecuteFunctions,
	spec: KeenOperation,
	error: Error,
	itemIndex: number,
): NodeApiError | NodeOperationError {
	const asTool = runsAsTool(ctx);
	if (error instanceof KeenInputError && asTool) {
		const field = fieldName(spec, error.field);
		const message = toolInputMessage(error.message, error.hint, field, fromAiKeys(ctx.getNode().parameters[error.field]));
		return new NodeOperationError(ctx.getNode(), message, { itemIndex, description: error.hint });
	}
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		error.context.itemIndex = itemIndex;
		if (asTool) error.message = toolErrorMessage(error.message, error.description);
		// Every error names its item, as input errors do; batch summaries already list theirs.
		else if (!/\bitems? \d/.test(error.message)) error.message = `${error.message} (item ${itemIndex})`;
		return error;
	}
	return userError(ctx.getNode(), error, (field) => fieldName(spec, field), itemIndex);
}

/**
 * This run of the node, for Auto uniqueness tokens. The run index tells the runs of a loop apart;
 * the nonce, drawn on the node's first run and kept in its execution context, tells apart two
 * executions that share an ID. A retry of the node (Retry On Fail) keeps both, so Keen
 * de-duplicates what the failed try had sent.
 */
function runScope(ctx: IExecuteFunctions): AutoTokenScope {
	const context = ctx.getContext('node');
	if (typeof context.keenTokenNonce !== 'string') context.keenTokenNonce = randomUUID();
	return {
		executionId: String(ctx.getExecutionId() ?? ''),
		workflowId: String(ctx.getWorkflow().id ?? ''),
		nodeName: ctx.getNode().name,
		runIndex: Number(ctx.getWorkflowDataProxy(0).$runIndex ?? 0),
		executionNonce: context.keenTokenNonce as string,
	};
}

/** The route of the spec that a request goes to; a request to a route the spec does not declare is a bug of the spec. */
function declaredRoute(spec: KeenOperation, operationName: string, method: string, path: string): KeenRoute {
	const route = spec.routes.find((candidate) => matchesRoute(candidate, method, candidate.scope, path));
	if (route === undefined) throw new Error(`${operationName} sent ${method} ${path}, which is not one of the routes its spec declares`);
	return route;
}

/**
 * Values loaded once per execution of a node and shared by its items and its runs (a loop runs it
 * once per batch), keyed on the node's context object of this execution: nothing outlives the
 * execution ("Where state lives" in docs/architecture.md).
 */
const perExecution = new WeakMap<object, Map<string, Promise<unknown>>>();

async function once<T>(ctx: IExecuteFunctions, key: string, load: () => Promise<T>): Promise<T> {
	const scope = ctx.getContext('node');
	let values = perExecution.get(scope);
	if (values === undefined) perExecution.set(scope, (values = new Map()));
	if (!values.has(key)) values.set(key, load());
	return (await values.get(key)) as T;
}

function runContext(ctx: IExecuteFunctions, spec: KeenOperation, policy: RetryPolicy, summariseRun: (json: IDataObject) => void = () => {}): RunContext {
	const operationName = `${RESOURCE_DISPLAY_NAMES[spec.resource]} → ${spec.name}`;
	return {
		node: ctx.getNode(),
		runScope: () => runScope(ctx),
		request: async (request) => {
			const route = declaredRoute(spec, operationName, request.method, request.path);
			return await keenRequest(ctx, { ...request, keyKind: request.keyKind ?? route.keyKind, scope: route.scope, operationName }, policy);
		},
		prepareBinary: async (data, fileName, mimeType) => await ctx.helpers.prepareBinaryData(data, fileName, mimeType),
		asTool: runsAsTool(ctx),
		toolMaxItems: toolMaxItemsOf(ctx),
		addHint: (message) => ctx.addExecutionHints({ message, location: 'outputPane' }),
		once: async (key, load) => await once(ctx, key, load),
		summariseRun,
	};
}

/** Default answer shaping: an array gives one item per element, anything else one item. */
export function responseToItems(response: unknown): IDataObject[] {
	if (Array.isArray(response)) return response.map((entry) => (isPlainObject(entry) ? entry : { value: entry }));
	if (isPlainObject(response)) return [response];
	if (response === undefined || response === null || response === '') return [{ success: true }];
	return [{ value: response }];
}

async function runSimple(run: RunContext, spec: KeenOperation, params: RawParams): Promise<OperationOutput[]> {
	const route = spec.routes[0];
	if (!route || !spec.path) throw new Error(`Operation ${spec.resource}.${spec.value} declares no request`);
	// Built in this order so the first bad field reported stays the same: path, then query, then body.
	const path = spec.path(params);
	const qs = spec.qs?.(params);
	const body = spec.body?.(params, run);
	const response = await run.request({ method: route.method, path, qs, body });
	const rows = spec.toItems ? spec.toItems(response, params, body, run) : responseToItems(response);
	return (await explainResult(run, spec, params, body, rows)).map((json) => ({ json }));
}

/** Error item for continue-on-fail; n8n routes items whose `error` is set to the error output when chosen. */
function errorItem(error: NodeApiError | NodeOperationError, itemIndex: number): INodeExecutionData {
	const json: IDataObject = { error: error.message };
	if (error.description) json.description = error.description;
	if (error.context?.data && typeof error.context.data === 'object') json.details = error.context.data as IDataObject;
	return { json, error, pairedItem: { item: itemIndex } };
}

/**
 * The one item of a run that asked for it (Record Many's Output → One Item for the Run): the
 * operation's totals, the items that succeeded and failed, and each failed item with its error
 * and its input; paired with the failed items (with the first item when none failed).
 */
function runItem(ctx: IExecuteFunctions, spec: KeenOperation, summary: IDataObject, outcomes: ItemOutcome[], inputs: INodeExecutionData[]): INodeExecutionData {
	const failures: IDataObject[] = [];
	for (const outcome of outcomes) {
		if (!('error' in outcome)) continue;
		const error = toNodeError(ctx, spec, outcome.error, outcome.index);
		failures.push({ item: outcome.index, error: error.message, ...(error.description ? { description: error.description } : {}), json: inputs[outcome.index].json });
	}
	return {
		json: { ...summary, items: outcomes.length, succeeded: outcomes.length - failures.length, failed: failures.length, failures },
		pairedItem: failures.length ? failures.map((failure) => ({ item: failure.item as number })) : { item: 0 },
	};
}

/** An item's error in a list of several: input problems name the field and say how to fix it. */
function reasonOf(spec: KeenOperation, error: Error): string {
	if (!(error instanceof KeenInputError)) return error.message;
	return `${error.message} (field "${fieldName(spec, error.field)}")${error.hint ? ` — ${error.hint}` : ''}`;
}

/**
 * The one failure summary, when the node stops on an error. Every item is processed before the node
 * decides to stop (a batch has sent the others' events by then), so the error says how many items
 * succeeded and why each failed one did not. A run whose only item failed keeps that item's error.
 */
function withOutcomeSummary(ctx: IExecuteFunctions, spec: KeenOperation, outcomes: ItemOutcome[]): NodeApiError | NodeOperationError {
	const failed = outcomes.filter((outcome): outcome is { index: number; error: Error } => 'error' in outcome);
	const first = toNodeError(ctx, spec, failed[0].error, failed[0].index);
	const succeeded = outcomes.length - failed.length;
	// A model acts on the one error it is given; tool runs carry one item.
	if ((succeeded === 0 && failed.length === 1) || runsAsTool(ctx)) return first;
	const reasons = listedFailures(failed.map(({ index, error }) => `item ${index}: ${reasonOf(spec, error)}`));
	// The input error's hint is in its reason already; another error's description says how to fix it.
	const hint = !(failed[0].error instanceof KeenInputError) && first.description ? ` ${first.description}` : '';
	// The first error is kept (its class, HTTP code and Keen's answer), with the summary as its text.
	first.message = `${succeeded} of ${outcomes.length} items succeeded and ${failed.length} failed before the node stopped. First: ${reasons[0]}`;
	first.description = `Failed — ${reasons.join('; ')}.${hint} Turn on "Continue On Fail" or use the error output to get one item per input item.`;
	return first;
}

/** "Max Items for the Model" of a tool run; 0 (every item) for a workflow run. */
function toolMaxItemsOf(ctx: IExecuteFunctions): number {
	return runsAsTool(ctx) ? Number(ctx.getNodeParameter(TOOL_MAX_ITEMS_FIELD.name, 0, TOOL_MAX_ITEMS_FIELD.default)) : 0;
}

/** A model gets at most "Max Items for the Model" items per call, newest first (binary outputs, e.g. a CSV file, are one item anyway). */
function capOutcomesForModel(ctx: IExecuteFunctions, spec: KeenOperation, outcomes: ItemOutcome[]): void {
	const max = toolMaxItemsOf(ctx);
	const what = spec.itemNoun ?? 'items';
	for (const outcome of outcomes) {
		if (!('outputs' in outcome) || outcome.outputs.some((output) => output.binary)) continue;
		outcome.outputs = capForModel(
			outcome.outputs.map((output) => output.json),
			max,
			what,
		).map((json) => ({ json }));
	}
}

/** An item's outputs as n8n items: redacted, paired with the input item. */
function pushOutputs(output: INodeExecutionData[], redact: Redactor, index: number, outputs: OperationOutput[]): void {
	// Indexed: this runs once per output item, on runs of a million.
	for (let k = 0; k < outputs.length; k++) {
		const { json, binary } = outputs[k];
		const item: INodeExecutionData = { json: redact.value(json), pairedItem: { item: index } };
		if (binary) item.binary = binary;
		output.push(item);
	}
}

/**
 * Every input item's outcome, reported in any order, and the output items of the successful ones
 * built in input order as they come: a batch reports its items while it still waits for Keen, so
 * little is left to do after the last answer. Building stops at the first error (the node may stop
 * there; the error items are built at the end), and in tool runs (the model's cap applies first).
 */
interface OutcomeCollector {
	report(outcome: ItemOutcome): void;
	/**
	 * The outcomes in input order; an item reported twice or never is a bug of the operation. Those
	 * whose items are built already are BUILT: read the failures and the count, not the successes.
	 */
	outcomes(): ItemOutcome[];
	/** The output items of the outcomes in input order (those not built yet are built now). */
	items(ctx: IExecuteFunctions, spec: KeenOperation): INodeExecutionData[];
}

/** What stays of a success whose output items are built: it counts, and it is not a failure. */
const BUILT: ItemOutcome = Object.freeze({ index: -1, outputs: [] as OperationOutput[] });

function outcomeCollector(count: number, redact: Redactor, progressive: boolean): OutcomeCollector {
	const byIndex = new Array<ItemOutcome | undefined>(count);
	const output: INodeExecutionData[] = [];
	// Outcomes of the items before `built` are in `output`.
	let built = 0;
	let stopped = !progressive;
	const advance = () => {
		for (let outcome = byIndex[built]; outcome !== undefined; outcome = byIndex[built]) {
			if ('error' in outcome) {
				stopped = true;
				return;
			}
			pushOutputs(output, redact, built, outcome.outputs);
			// Only the failures and the count are read afterwards: a built success need not stay (a million of them were 100 MB).
			byIndex[built++] = BUILT;
		}
	};
	let checked = false;
	const outcomes = () => {
		for (let index = 0; !checked && index < count; index++) {
			if (byIndex[index] === undefined) throw new Error(`The operation reported no outcome for item ${index}`);
		}
		checked = true;
		return byIndex as ItemOutcome[];
	};
	return {
		report(outcome) {
			const { index } = outcome;
			if (!(index >= 0 && index < count) || byIndex[index] !== undefined) throw new Error(`The operation reported item ${index} twice or out of range`);
			byIndex[index] = outcome;
			if (!stopped && index === built) advance();
		},
		outcomes,
		items(ctx, spec) {
			const all = outcomes();
			for (; built < count; built++) {
				const outcome = all[built];
				if ('outputs' in outcome) pushOutputs(output, redact, built, outcome.outputs);
				else output.push(errorItem(redact.error(toNodeError(ctx, spec, outcome.error, built)), built));
			}
			return output;
		},
	};
}

/**
 * The one item loop of the Keen node: reads parameters per item, runs the operation,
 * pairs every output with its input item, and applies continue-on-fail uniformly.
 */
export async function runOperation(ctx: IExecuteFunctions, spec: KeenOperation): Promise<INodeExecutionData[][]> {
	const items = ctx.getInputData();
	// Everything this node puts into an output or an error passes the one redactor (no piece of a key).
	const redact = await credentialRedactor(ctx);
	const asTool = runsAsTool(ctx);
	const collector = outcomeCollector(items.length, redact, !asTool);
	const ready: BatchItem[] = [];

	const readParams = paramReader(
		(name, itemIndex, fallback) => ctx.getNodeParameter(name, itemIndex, fallback),
		[...spec.properties, REQUEST_OPTIONS_FIELD],
		ctx.getNode().parameters,
	);
	for (let index = 0; index < items.length; index++) {
		try {
			const params = readParams(index);
			spec.validate?.(params);
			ready.push({ index, params, json: items[index].json });
		} catch (error) {
			collector.report({ index, error: error as Error });
		}
	}

	let runSummary: IDataObject | undefined;
	if (spec.runBatch) {
		// Items of a batch share requests, so the first item's request options apply to them all.
		const policy = ready.length ? retryPolicyOf(ready[0].params) : DEFAULT_RETRY_POLICY;
		const run = runContext(ctx, spec, policy, (json) => (runSummary = json));
		await spec.runBatch(run, ready, collector.report);
	} else {
		for (const { index, params } of ready) {
			try {
				const perItem = runContext(ctx, spec, retryPolicyOf(params));
				const outputs = spec.run ? await spec.run(perItem, params, index) : await runSimple(perItem, spec, params);
				collector.report({ index, outputs });
			} catch (error) {
				collector.report({ index, error: error as Error });
			}
		}
	}

	const outcomes = collector.outcomes();
	if (asTool) capOutcomesForModel(ctx, spec, outcomes);
	if (!ctx.continueOnFail() && outcomes.some((outcome) => 'error' in outcome)) throw redact.error(withOutcomeSummary(ctx, spec, outcomes));
	if (runSummary) {
		const item = runItem(ctx, spec, runSummary, outcomes, items);
		return [[{ ...item, json: redact.value(item.json) }]];
	}
	return [collector.items(ctx, spec)];
}
