import type { StoredEvent } from '../types';
import { compileFilters, filterProperties, type EventPredicate } from './filters';
import { resolveQueryTimeframe, type ResolvedTimeframe, type TimeWindow } from './timeframe';
import { badRequest, ErrorCode, isUnset, requireString } from './validation';

/** What one collection read needs: the events, the [start, end) window and the compiled filters. */
export interface Selection {
	collection: string;
	timeframe: ResolvedTimeframe;
	predicate: EventPredicate;
	/** Property paths the filters read, for execution_metadata. */
	filterProperties: string[];
}

/**
 * Timeframe is mandatory for queries (docs/keen-api.md §7.2, §15.4). Keen answers a missing root
 * timeframe with MissingRequiredRequestFieldError (§2.2, KeenClient-iOS #125), so we do too.
 */
export function requireTimeframe(params: Record<string, unknown>, context = ''): unknown {
	const timeframe = params.timeframe;
	if (isUnset(timeframe)) {
		throw badRequest(ErrorCode.missingField, `${context}'timeframe' is required (e.g. "this_7_days" or {"start", "end"}).`);
	}
	return timeframe;
}

/** Validates event_collection, timeframe, timezone and filters of one query or funnel step. */
export function prepareSelection(params: Record<string, unknown>, now: Date, context = '', thisEndsAtNow = false): Selection {
	const collection = requireString(params, 'event_collection', context);
	const timeframe = resolveQueryTimeframe(requireTimeframe(params, context), params.timezone, now, thisEndsAtNow);
	return {
		collection,
		timeframe,
		predicate: compileFilters(params.filters),
		filterProperties: filterProperties(params.filters),
	};
}

/**
 * Visits every stored event inside the window that passes the predicate; returns how many events
 * were inside the window (Keen's `events_scanned`). The hot loop of every analysis.
 */
export function scan(
	events: readonly StoredEvent[],
	window: TimeWindow,
	predicate: EventPredicate,
	visit: (stored: StoredEvent) => void,
): number {
	const { start, end } = window;
	let scanned = 0;
	for (let i = 0; i < events.length; i++) {
		const stored = events[i];
		if (stored.ts < start || stored.ts >= end) continue;
		scanned++;
		if (predicate(stored.event)) visit(stored);
	}
	return scanned;
}

/**
 * `execution_metadata` (docs/keen-api.md §7.8): events in the timeframe, the distinct properties the
 * query reads per event (keen.timestamp included), their product, and wall time in seconds.
 */
export function executionMetadata(
	eventsScanned: number,
	properties: readonly string[],
	startedAt: number,
): Record<string, number> {
	const perEvent = new Set(['keen.timestamp', ...properties]).size;
	return {
		events_scanned: eventsScanned,
		properties_per_event: perEvent,
		total_properties_scanned: eventsScanned * perEvent,
		total_processing_time: (performance.now() - startedAt) / 1000,
	};
}
