import type { IDataObject } from 'n8n-workflow';

import { isPlainObject } from '../Keen/helpers/json';
import { hash128 } from '../Keen/helpers/uniqueness';

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

/** What was stored for a poll: its state, or why the stored entry could not be used. */
export interface StoredRead<T> {
	/** The stored state when it belongs to this scope and is well-formed. */
	state?: T;
	/** Set when something was stored but is malformed (not when nothing was stored or the parameters changed). */
	problem?: string;
}

/**
 * The state stored for a poll `scope` (a fingerprint of the parameters that define what is
 * watched). Nothing stored, or state of other parameters, reads as no state; a malformed entry
 * (a hand-edited or corrupted static data) reads as no state plus the problem, so the caller
 * starts afresh and says so instead of failing on every poll.
 */
export function storedState<T>(stored: unknown, scope: string, read: (state: IDataObject) => T | string): StoredRead<T> {
	if (stored === undefined || stored === null) return {};
	if (!isPlainObject(stored) || typeof stored.scope !== 'string') return { problem: 'the entry is not an object with a scope and a state' };
	if (stored.scope !== scope) return {};
	if (!isPlainObject(stored.state)) return { problem: 'the state is not an object' };
	const state = read(stored.state);
	return typeof state === 'string' ? { problem: state } : { state };
}

function isDateText(value: unknown): value is string {
	return typeof value === 'string' && Number.isFinite(Date.parse(value));
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

export function readSavedQueryState(state: IDataObject): SavedQueryState | string {
	if (state.fingerprint !== undefined && typeof state.fingerprint !== 'string') return 'the result fingerprint is not a string';
	return state.fingerprint === undefined ? {} : { fingerprint: state.fingerprint };
}

// ── New Event ──────────────────────────────────────────────────────────────────────────────────

/**
 * An event whose keen.timestamp lies at most this long before its receipt is "recent": every poll
 * finds it with a scan this wide. Anything stamped earlier (backdated, or sent late by a client
 * that queued it) is "late" and found by the sweep, which scans the whole Look-Back Window. Each
 * event is one or the other, from its own two keen times, so the two never emit the same event.
 */
export const RECENT_MS = 15 * 60_000;

/** The two passes of New Event: every poll's narrow one, and the sweep at a slower cadence. */
export type EventPass = 'recent' | 'late';

/** Where one pass stands: it has emitted (or passed over) every event of its kind received up to `cursor`. */
export interface EventStream {
	/** keen.created_at (Keen's clock) of the newest event passed, or `since`. */
	cursor: string;
	/** keen.id → keen.created_at of the events emitted inside the overlap window before the cursor. */
	seen: Record<string, string>;
}

export interface NewEventState extends EventStream {
	/** keen.created_at before which nothing is emitted: the activation on Keen's clock, or the start of the backfill. */
	since: string;
	/** The late-event sweep's own stream, and when it last finished (n8n's clock; absent: due now). */
	late: EventStream & { sweptAt?: string };
}

export interface NewEventOptions {
	/** How far before the cursor each poll looks again, for events Keen makes queryable late. */
	overlapMs: number;
	/** Most events emitted by one pass; the rest follow on the next poll. */
	maxEvents: number;
}

/** How far n8n's clock may lag Keen's before events stamped by Keen fall outside the scan (with a look-back of 0). */
const CLOCK_TOLERANCE_MS = 60 * 60_000;

export interface TimeWindow {
	start: string;
	end: string;
}

/** What one New Event poll asks Keen for. */
export interface EventQueryScope {
	/** keen.timestamp range (docs/keen-api.md §7.4: start inclusive, end exclusive). */
	timeframe: TimeWindow;
	/** The earliest keen.created_at asked for (inclusive). */
	receivedFrom: string;
}

/** The state of a first activation: `since` at Keen's `keenNow`, or `backfillMs` earlier to emit that period on the first poll. */
export function initialEventState(keenNow: number, backfillMs: number): NewEventState {
	const since = new Date(keenNow - Math.max(0, backfillMs)).toISOString();
	return { since, cursor: since, seen: {}, late: { cursor: since, seen: {} } };
}

/**
 * Whether this poll sweeps for late events: when the last sweep finished `sweepMs` ago or more
 * (or n8n's clock went back), never when the look-back is no wider than a recent scan.
 */
export function sweepDue(state: NewEventState, now: number, lookBackMs: number, sweepMs: number): boolean {
	if (lookBackMs <= RECENT_MS) return false;
	if (state.late.sweptAt === undefined) return true;
	const sweptAt = Date.parse(state.late.sweptAt);
	return now - sweptAt >= sweepMs || now < sweptAt;
}

/**
 * Events are selected on keen.created_at (when Keen received them, on Keen's clock), from the
 * cursor minus the overlap but never before `since`. keen.timestamp only bounds the scan: it may
 * lie up to RECENT_MS (the recent pass) or `lookBackMs` (the sweep) before the earliest receipt
 * time asked for, or up to `lookBackMs` plus an hour after `now` (n8n's clock) — so late and
 * backdated events inside the window, and n8n's clock being off, lose nothing. A poll that sweeps
 * asks once for what both passes need.
 */
export function eventQueryScope(state: NewEventState, now: number, lookBackMs: number, overlapMs: number, sweep: boolean): EventQueryScope {
	const lookBack = Math.max(0, lookBackMs);
	const since = Date.parse(state.since);
	const fromOf = (stream: EventStream) => Math.max(since, Date.parse(stream.cursor) - Math.max(0, overlapMs));
	const recentFrom = fromOf(state);
	let from = recentFrom;
	let start = recentFrom - Math.min(lookBack, RECENT_MS);
	if (sweep) {
		const lateFrom = fromOf(state.late);
		from = Math.min(from, lateFrom);
		start = Math.min(start, lateFrom - lookBack);
	}
	const end = Math.max(now, recentFrom) + lookBack + CLOCK_TOLERANCE_MS;
	return {
		timeframe: { start: new Date(start).toISOString(), end: new Date(end).toISOString() },
		receivedFrom: new Date(from).toISOString(),
	};
}

function readStream(state: IDataObject, whose: string): EventStream | string {
	if (!isDateText(state.cursor)) return `${whose} cursor is not a date`;
	if (!isPlainObject(state.seen)) return `${whose} list of events seen is not an object`;
	const seen: Record<string, string> = {};
	for (const [id, receivedAt] of Object.entries(state.seen)) {
		if (!isDateText(receivedAt)) return `the event seen "${id}" has no date`;
		seen[id] = receivedAt;
	}
	return { cursor: state.cursor, seen };
}

/**
 * A stored New Event state, checked field by field. Old states without `since` start at their
 * cursor; states from before the sweep (no `late`) give the sweep the same cursor and ids — the
 * old poll had emitted every kind of event up to that cursor — and sweep on the next poll.
 */
export function readNewEventState(state: IDataObject): NewEventState | string {
	const recent = readStream(state, 'the');
	if (typeof recent === 'string') return recent;
	if (state.since !== undefined && !isDateText(state.since)) return 'the start ("since") is not a date';
	if (state.late === undefined) return { since: state.since ?? recent.cursor, ...recent, late: { cursor: recent.cursor, seen: { ...recent.seen } } };
	if (!isPlainObject(state.late)) return 'the sweep\'s state ("late") is not an object';
	const late = readStream(state.late, 'the sweep\'s');
	if (typeof late === 'string') return late;
	if (state.late.sweptAt !== undefined && !isDateText(state.late.sweptAt)) return 'the time of the last sweep is not a date';
	return {
		since: state.since ?? recent.cursor,
		...recent,
		late: state.late.sweptAt === undefined ? late : { ...late, sweptAt: state.late.sweptAt },
	};
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

/** Which pass emits an event: late when its keen.timestamp lies more than RECENT_MS before its receipt. */
export function eventPass(event: IDataObject, receivedAt: number): EventPass {
	return receivedAt - Date.parse(String(keenMeta(event).timestamp)) > RECENT_MS ? 'late' : 'recent';
}

/**
 * The events of this poll that `pass` has not emitted before, in the order Keen received them and
 * at most `maxEvents`, and the state after emitting them. The pass's cursor moves over the other
 * pass's events too (they are never its own), but stops at the last event emitted when the rest
 * must wait for the next poll (`complete` is then false); only the ids still inside the next
 * poll's overlap window are kept, so the state stays small.
 */
export function selectNewEvents(
	previous: NewEventState,
	events: IDataObject[],
	options: NewEventOptions,
	pass: EventPass = 'recent',
): { events: IDataObject[]; state: NewEventState; complete: boolean } {
	const stream: EventStream = pass === 'recent' ? previous : previous.late;
	// A sweeping poll's answer reaches back to the other pass's cursor: what lies before this
	// pass's own window was emitted by it already (and its id may be forgotten).
	const from = Math.max(Date.parse(previous.since), Date.parse(stream.cursor) - Math.max(0, options.overlapMs));
	const fresh = new Map<string, { event: IDataObject; id: string; at: number; own: boolean }>();
	for (const event of events) {
		const id = eventId(event);
		const at = Date.parse(String(keenMeta(event).created_at));
		if (at >= from && !(id in stream.seen) && !fresh.has(id)) {
			fresh.set(id, { event, id, at, own: eventPass(event, at) === pass });
		}
	}
	const maxEvents = Math.max(1, Math.floor(options.maxEvents));
	const previousCursor = Date.parse(stream.cursor);
	let cursor = previousCursor;
	let complete = true;
	const emitted: Array<{ event: IDataObject; id: string; at: number }> = [];
	for (const entry of [...fresh.values()].sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
		if (entry.own) {
			if (emitted.length === maxEvents) {
				complete = false;
				break;
			}
			emitted.push(entry);
		}
		cursor = Math.max(cursor, entry.at);
	}

	const keepFrom = cursor - Math.max(0, options.overlapMs);
	const seen: Record<string, string> = {};
	for (const [id, receivedAt] of Object.entries(stream.seen)) {
		if (Date.parse(receivedAt) >= keepFrom) seen[id] = receivedAt;
	}
	for (const entry of emitted) {
		if (entry.at >= keepFrom) seen[entry.id] = new Date(entry.at).toISOString();
	}
	const next = { cursor: cursor === previousCursor ? stream.cursor : new Date(cursor).toISOString(), seen };
	return {
		events: emitted.map((entry) => entry.event),
		state: pass === 'recent' ? { ...previous, ...next } : { ...previous, late: { ...previous.late, ...next } },
		complete,
	};
}

/** Events in the order Keen received them (a poll's two passes, merged). */
export function inReceiptOrder(events: IDataObject[]): IDataObject[] {
	const at = (event: IDataObject) => Date.parse(String(keenMeta(event).created_at));
	return events.map((event) => ({ event, at: at(event) })).sort((a, b) => a.at - b.at).map((entry) => entry.event);
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
 * The rows of an analysis answer (docs/keen-api.md §7.8): `{ result: n }` gives one row,
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

/** A stored Metric Threshold state: group key → the side of the threshold it was on. */
export function readThresholdState(state: IDataObject): Record<string, ThresholdDirection> | string {
	const sides: Record<string, ThresholdDirection> = {};
	for (const [key, side] of Object.entries(state)) {
		if (side !== 'above' && side !== 'below') return `the side of group ${key} is neither "above" nor "below"`;
		sides[key] = side;
	}
	return sides;
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
