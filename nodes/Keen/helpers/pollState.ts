import type { IDataObject } from 'n8n-workflow';

import { hash128 } from './uniqueness';

/** JSON with object keys sorted at every level, so equal values always give the same text. */
export function canonicalJson(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map((entry) => canonicalJson(entry === undefined ? null : entry)).join(',')}]`;
	if (value !== null && typeof value === 'object') {
		const record = value as Record<string, unknown>;
		const entries = Object.keys(record)
			.filter((key) => record[key] !== undefined)
			.sort()
			.map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`);
		return `{${entries.join(',')}}`;
	}
	return JSON.stringify(value) ?? 'null';
}

/** A small stable hash of a value's canonical JSON: kept in static data instead of the value itself. */
export function fingerprint(value: unknown): string {
	return hash128(canonicalJson(value));
}

/**
 * The state stored for a poll `scope` (a fingerprint of the parameters that define what is
 * watched), or undefined when there is none or it belongs to other parameters.
 */
export function storedState<T>(stored: unknown, scope: string): T | undefined {
	if (stored === null || typeof stored !== 'object') return undefined;
	const record = stored as { scope?: unknown; state?: unknown };
	return record.scope === scope && record.state !== null && typeof record.state === 'object' ? (record.state as T) : undefined;
}

// ── Saved Query Result ───────────────────────────────────────────────────────────────────────

export type ResultEmit = 'everyPoll' | 'change';

export interface SavedQueryState {
	/** Fingerprint of the last result emitted. */
	fingerprint?: string;
}

/** Whether this poll emits the saved query's result, and the state after it. The first result always counts as a change. */
export function savedQueryPoll(
	previous: SavedQueryState,
	result: unknown,
	emit: ResultEmit,
): { emit: boolean; state: SavedQueryState } {
	const current = fingerprint(result);
	const changed = current !== previous.fingerprint;
	return { emit: emit === 'everyPoll' || changed, state: { fingerprint: current } };
}

// ── New Event ────────────────────────────────────────────────────────────────────────────────

export interface NewEventState {
	/** keen.timestamp (ISO) of the newest event emitted, or the activation time. */
	cursor: string;
	/** keen.id → keen.timestamp of the events emitted inside the overlap window before the cursor. */
	seen: Record<string, string>;
}

export interface NewEventOptions {
	/** How far before the cursor each poll looks again, for events Keen ingests late. */
	overlapMs: number;
	/** Most events emitted by one poll; the rest follow on the next poll. */
	maxEvents: number;
}

export interface TimeWindow {
	start: string;
	end: string;
}

/** The state of a first activation: the cursor at `now`, or `backfillMs` earlier to emit that period on the first poll. */
export function initialEventState(now: number, backfillMs: number): NewEventState {
	return { cursor: new Date(now - Math.max(0, backfillMs)).toISOString(), seen: {} };
}

/** The absolute timeframe of the next extraction (keen-api.md §7.4: start inclusive, end exclusive). */
export function eventWindow(state: NewEventState, now: number, overlapMs: number): TimeWindow {
	const start = Date.parse(state.cursor) - Math.max(0, overlapMs);
	return { start: new Date(Math.min(start, now)).toISOString(), end: new Date(now).toISOString() };
}

function keenMeta(event: IDataObject): IDataObject {
	const keen = event.keen;
	return keen !== null && typeof keen === 'object' && !Array.isArray(keen) ? (keen as IDataObject) : {};
}

/** keen.id, or the event's fingerprint for answers without one. */
export function eventId(event: IDataObject): string {
	const id = keenMeta(event).id;
	return typeof id === 'string' && id !== '' ? id : fingerprint(event);
}

/**
 * The events of this poll not emitted before, oldest first and at most `maxEvents`, and the
 * state after emitting them: the cursor moves only up to the last event emitted, and only the
 * ids still inside the next poll's overlap window are kept, so the state stays small.
 */
export function selectNewEvents(
	previous: NewEventState,
	events: IDataObject[],
	options: NewEventOptions,
): { events: IDataObject[]; state: NewEventState } {
	const fresh = new Map<string, { event: IDataObject; id: string; ts: number }>();
	for (const event of events) {
		const id = eventId(event);
		const ts = Date.parse(String(keenMeta(event).timestamp));
		if (Number.isFinite(ts) && !(id in previous.seen) && !fresh.has(id)) fresh.set(id, { event, id, ts });
	}
	const emitted = [...fresh.values()]
		.sort((a, b) => a.ts - b.ts || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
		.slice(0, Math.max(1, Math.floor(options.maxEvents)));

	const previousCursor = Date.parse(previous.cursor);
	const cursor = emitted.reduce((latest, entry) => Math.max(latest, entry.ts), previousCursor);
	const keepFrom = cursor - Math.max(0, options.overlapMs);
	const seen: Record<string, string> = {};
	for (const [id, timestamp] of Object.entries(previous.seen)) {
		if (Date.parse(timestamp) >= keepFrom) seen[id] = timestamp;
	}
	for (const entry of emitted) {
		if (entry.ts >= keepFrom) seen[entry.id] = new Date(entry.ts).toISOString();
	}
	return {
		events: emitted.map((entry) => entry.event),
		state: { cursor: cursor === previousCursor ? previous.cursor : new Date(cursor).toISOString(), seen },
	};
}

/** The `count` most recent events, newest first (manual mode's sample). */
export function latestEvents(events: IDataObject[], count: number): IDataObject[] {
	return events
		.map((event) => ({ event, ts: Date.parse(String(keenMeta(event).timestamp)) }))
		.sort((a, b) => (Number.isFinite(b.ts) ? b.ts : 0) - (Number.isFinite(a.ts) ? a.ts : 0))
		.slice(0, count)
		.map((entry) => entry.event);
}

// ── Metric Threshold ─────────────────────────────────────────────────────────────────────────

export type ThresholdDirection = 'above' | 'below';
export type ThresholdEmit = 'crossing' | 'everyPoll';

/** One value of an analysis: the whole result, or one group of a group-by result. */
export interface MetricRow {
	/** Stable key of the group ('' without group by). */
	key: string;
	group: IDataObject;
	value: number | null;
}

function numberOrNull(value: unknown): number | null {
	return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/**
 * The rows of an analysis answer (keen-api.md §7.8): `{ result: n }` gives one row,
 * `{ result: [{ <group props>, result: n }] }` one per group.
 */
export function metricRows(response: unknown, groupBy: string[]): MetricRow[] {
	const result = (response as IDataObject | null)?.result;
	if (!Array.isArray(result)) return [{ key: '', group: {}, value: numberOrNull(result) }];
	return (result as IDataObject[]).map((row) => {
		const group: IDataObject = {};
		for (const property of groupBy) group[property] = row[property] === undefined ? null : row[property];
		return { key: canonicalJson(groupBy.map((property) => group[property])), group, value: numberOrNull(row.result) };
	});
}

export interface ThresholdOptions {
	threshold: number;
	direction: ThresholdDirection;
	emit: ThresholdEmit;
}

export interface ThresholdHit extends MetricRow {
	/** The side the value was on at the previous poll, if known. */
	previous?: ThresholdDirection;
}

function opposite(direction: ThresholdDirection): ThresholdDirection {
	return direction === 'above' ? 'below' : 'above';
}

/** Which side of the threshold a value is on, as seen by the chosen direction (equal counts as not crossed). */
export function thresholdSide(value: number, threshold: number, direction: ThresholdDirection): ThresholdDirection {
	const crossed = direction === 'above' ? value > threshold : value < threshold;
	return crossed ? direction : opposite(direction);
}

/**
 * The rows to emit and the state after this poll (group key → side). A crossing emits once and
 * again only after the value has gone back; a group seen for the first time counts as not
 * crossed yet. Rows without a value keep their previous side; groups that vanished are dropped.
 */
export function evaluateThreshold(
	previous: Record<string, ThresholdDirection>,
	rows: MetricRow[],
	options: ThresholdOptions,
): { hits: ThresholdHit[]; state: Record<string, ThresholdDirection> } {
	const hits: ThresholdHit[] = [];
	const state: Record<string, ThresholdDirection> = {};
	for (const row of rows) {
		const before = previous[row.key];
		if (row.value === null) {
			if (before) state[row.key] = before;
			continue;
		}
		const side = thresholdSide(row.value, options.threshold, options.direction);
		state[row.key] = side;
		const crossedNow = side === options.direction;
		if (crossedNow && (options.emit === 'everyPoll' || before !== options.direction)) {
			hits.push(before ? { ...row, previous: before } : row);
		}
	}
	return { hits, state };
}
