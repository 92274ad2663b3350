import type { IDataObject } from 'n8n-workflow';

import type { KeenRequest } from '../Keen/transport/types';
import {
	eventQueryScope,
	evaluateThreshold,
	fingerprint,
	inReceiptOrder,
	initialEventState,
	latestEvents,
	metricRows,
	readNewEventState,
	readSavedQueryState,
	readThresholdState,
	savedQueryPoll,
	selectNewEvents,
	storedState,
	sweepDue,
	thresholdSide,
	type ResultEmit,
	type SavedQueryState,
	type ThresholdDirection,
	type ThresholdEmit,
} from './pollState';
import { simpleAnalysisNamed } from '../Keen/actions/query/simpleAnalyses';
import { savedQueryResultPath, savedQueryResultRows } from '../Keen/actions/savedQuery/getResult.operation';
import { analysisOf, collectionOf, timeframeOf } from '../Keen/actions/queryInputs';
import { filtersFromJson } from '../Keen/helpers/filters';
import { keenPath } from '../Keen/helpers/path';
import { buildExtractionBody, buildQueryBody } from '../Keen/helpers/queryBody';
import { parseList } from '../Keen/helpers/textInputs';
import { simplifyResult } from '../Keen/helpers/simplify';
import { relativeTimeframe } from '../Keen/helpers/timeframe';
import { NEW_EVENT_DEFAULTS, type TriggerEvent } from './description';

/** What one poll needs besides its parameters: the transport, the clock, and the stored state. */
export interface PollInput {
	request: (request: Omit<KeenRequest, 'operationName'>) => Promise<unknown>;
	/** Sends a request and returns Keen's clock from its answer (the Date header), if it gave one. */
	keenClock: (request: Omit<KeenRequest, 'operationName'>) => Promise<number | undefined>;
	/** Writes a warning to n8n's log. */
	warn: (message: string) => void;
	params: IDataObject;
	/** The node's typeVersion: from 1.1, Metric Threshold reads its timeframe through the Keen node's picker. */
	version: number;
	now: number;
	manual: boolean;
	/** This event's entry in the node's static data (`{ scope, state }`), as stored by the previous poll. */
	stored: unknown;
}

/** Items to emit and the entry to store; `stored` is undefined when the state must not change (manual mode). */
export interface PollOutput {
	items: IDataObject[];
	stored?: { scope: string; state: object };
}

/** How many recent events, at most, a test fetch returns, and how far back it looks for them. */
const MANUAL_SAMPLE_SIZE = 10;
const MANUAL_LOOKBACK = 'this_30_days';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

const EVENT_NAMES: Record<TriggerEvent, string> = {
	metricThreshold: 'Metric Threshold',
	newEvent: 'New Event',
	savedQueryResult: 'Saved Query Result',
};

/** The stored state of this poll's scope; a malformed one is reported to n8n's log and replaced by a fresh state. */
function previousState<T>(input: PollInput, event: TriggerEvent, scope: string, read: (state: IDataObject) => T | string): T | undefined {
	const { state, problem } = storedState(input.stored, scope, read);
	if (problem) {
		input.warn(`Keen Trigger (${EVENT_NAMES[event]}): the stored trigger state is malformed (${problem}); starting afresh as on first activation`);
	}
	return state;
}

function options(params: IDataObject, name: string): IDataObject {
	const value = params[name];
	return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as IDataObject) : {};
}

function numberOption(value: unknown, fallback: number): number {
	return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

/**
 * What New Event watches, as fingerprinted since its first release: changing this shape would make
 * every active trigger start afresh and skip the events received meanwhile.
 */
function newEventScope(params: IDataObject, filters: unknown): string {
	const filtersJson = typeof filters === 'string' ? filters : filters === undefined ? '' : JSON.stringify(filters);
	return fingerprint(['newEvent', { collection: params.collection, filterMode: 'json', filtersJson }]);
}

async function savedQueryResult(input: PollInput): Promise<PollOutput> {
	const name = String(input.params.savedQuery ?? '');
	// Saved Query → Get Result's request and Simplify; only the result is compared (docs/keen-api.md §8.4).
	const response = ((await input.request({ method: 'GET', path: savedQueryResultPath(name), keyKind: 'read' })) ?? {}) as IDataObject;
	const items = input.params.simplify === false ? [response] : savedQueryResultRows(response).map((row) => ({ query_name: name, ...row }));
	if (input.manual) return { items };

	const scope = fingerprint(['savedQueryResult', name]);
	const previous = previousState<SavedQueryState>(input, 'savedQueryResult', scope, readSavedQueryState) ?? {};
	const decision = savedQueryPoll(previous, response?.result ?? null, input.params.resultEmit as ResultEmit);
	return { items: decision.emit ? items : [], stored: { scope, state: decision.state } };
}

async function newEvent(input: PollInput): Promise<PollOutput> {
	const eventOptions = options(input.params, 'eventOptions');
	const base = { collection: collectionOf(input.params), filters: filtersFromJson(eventOptions.filtersJson, 'filtersJson') };
	if (input.manual) {
		const body = buildExtractionBody({ ...base, timeframe: MANUAL_LOOKBACK, latest: MANUAL_SAMPLE_SIZE });
		const response = await input.request({ method: 'POST', path: keenPath('queries', 'extraction'), keyKind: 'read', body });
		return { items: latestEvents(simplifyResult('extraction', body, response), MANUAL_SAMPLE_SIZE) };
	}

	const scope = newEventScope(input.params, eventOptions.filtersJson);
	const overlapMs = numberOption(eventOptions.overlapMinutes, NEW_EVENT_DEFAULTS.overlapMinutes) * MINUTE_MS;
	const backfillMs = numberOption(eventOptions.backfillMinutes, NEW_EVENT_DEFAULTS.backfillMinutes) * MINUTE_MS;
	const lookBackMs = numberOption(eventOptions.lookBackHours, NEW_EVENT_DEFAULTS.lookBackHours) * HOUR_MS;
	let previous = previousState(input, 'newEvent', scope, readNewEventState);
	if (!previous) {
		// First activation: start on Keen's clock, not n8n's, so a skew between them neither drops
		// nor replays events. The probe also checks the key and the filters before watching starts.
		const probe = buildExtractionBody({ ...base, timeframe: 'this_1_minutes', latest: 1 });
		const keenNow = (await input.keenClock({ method: 'POST', path: keenPath('queries', 'extraction'), keyKind: 'read', body: probe })) ?? input.now;
		previous = initialEventState(keenNow, backfillMs);
		if (backfillMs <= 0) return { items: [], stored: { scope, state: previous } };
	}

	const sweep = sweepDue(previous, input.now, lookBackMs, numberOption(eventOptions.sweepMinutes, NEW_EVENT_DEFAULTS.sweepMinutes) * MINUTE_MS);
	const query = eventQueryScope(previous, input.now, lookBackMs, overlapMs, sweep);
	const body = buildExtractionBody({
		...base,
		timeframe: query.timeframe,
		filters: [
			...base.filters,
			// Keen's filters take any property, keen.created_at too (docs/keen-api.md §2.5, §7.6; test/keen-server/README.md).
			{ property_name: 'keen.created_at', operator: 'gte', property_value: query.receivedFrom },
		],
	});
	const events = simplifyResult('extraction', body, await input.request({ method: 'POST', path: keenPath('queries', 'extraction'), keyKind: 'read', body }));
	const maxEvents = numberOption(eventOptions.maxEvents, NEW_EVENT_DEFAULTS.maxEvents);
	let state = previous;
	let emitted: IDataObject[] = [];
	// The sweep goes first, so a steady stream of recent events cannot hold late ones back for ever;
	// it counts as done only once it has emitted everything it found.
	if (sweep) {
		const late = selectNewEvents(state, events, { overlapMs, maxEvents }, 'late');
		// concat, not push(...): Max Events per Poll may be larger than a call's argument limit.
		emitted = emitted.concat(late.events);
		state = late.complete ? { ...late.state, late: { ...late.state.late, sweptAt: new Date(input.now).toISOString() } } : late.state;
	}
	if (emitted.length < maxEvents) {
		const recent = selectNewEvents(state, events, { overlapMs, maxEvents: maxEvents - emitted.length }, 'recent');
		emitted = emitted.concat(recent.events);
		state = recent.state;
	}
	return { items: sweep ? inReceiptOrder(emitted) : emitted, stored: { scope, state } };
}

async function metricThreshold(input: PollInput): Promise<PollOutput> {
	const params = input.params;
	const thresholdOptions = options(params, 'thresholdOptions');
	const analysis = String(params.analysisType);
	const groupBy = parseList(thresholdOptions.groupBy);
	const body = buildQueryBody({
		collection: collectionOf(params),
		// The node's rule of what each analysis needs; a name Keen lacks is sent with a target, for Keen to refuse.
		analysis: analysisOf(simpleAnalysisNamed(analysis) ?? { analysis, target: 'required' }, params),
		timeframe: input.version >= 1.1 ? timeframeOf(params) : relativeTimeframe(params.relativeTimeframe, 'relativeTimeframe'),
		filters: filtersFromJson(thresholdOptions.filtersJson, 'filtersJson'),
		groupBy,
	});
	const response = await input.request({ method: 'POST', path: keenPath('queries', { value: analysis, field: 'analysisType' }), keyKind: 'read', body });
	const rows = metricRows(response, groupBy);
	const threshold = Number(params.threshold);
	const direction = params.direction as ThresholdDirection;
	const describe = (row: (typeof rows)[number], extra: IDataObject = {}): IDataObject => ({
		...row.group,
		analysis,
		value: row.value,
		threshold,
		direction,
		...extra,
	});
	if (input.manual) {
		return {
			items: rows.map((row) =>
				describe(row, { crossed: row.value !== null && thresholdSide(row.value, threshold, direction) === direction }),
			),
		};
	}

	const scope = fingerprint(['metricThreshold', body, threshold, direction]);
	const previous = previousState(input, 'metricThreshold', scope, readThresholdState) ?? {};
	const { hits, state } = evaluateThreshold(previous, rows, {
		threshold,
		direction,
		emit: params.thresholdEmit as ThresholdEmit,
	});
	return {
		items: hits.map((hit) => describe(hit, hit.previous ? { previous: hit.previous } : {})),
		stored: { scope, state },
	};
}

export const POLLERS: Record<TriggerEvent, (input: PollInput) => Promise<PollOutput>> = {
	metricThreshold,
	newEvent,
	savedQueryResult,
};
