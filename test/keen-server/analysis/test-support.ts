import { KeenError } from '../errors';
import type { AnalysisContext, StoredEvent } from '../types';

/** Test-only: an AnalysisContext over in-memory collections, `ts` taken from keen.timestamp. */
export function contextWith(now: string, collections: Record<string, Array<Record<string, unknown>>>): AnalysisContext {
	const stored = new Map<string, StoredEvent[]>();
	for (const [name, events] of Object.entries(collections)) {
		stored.set(
			name,
			events.map((event) => ({ ts: Date.parse((event.keen as { timestamp: string }).timestamp), event })),
		);
	}
	return { getEvents: (collection) => stored.get(collection) ?? [], now: new Date(now) };
}

/** Test-only: an event at an ISO instant with the given properties. */
export function at(timestamp: string, properties: Record<string, unknown> = {}): Record<string, unknown> {
	return { ...properties, keen: { timestamp: new Date(timestamp).toISOString() } };
}

/** Test-only: runs `action` and returns the KeenError it throws (fails when it throws nothing else). */
export function keenError(action: () => unknown): KeenError {
	try {
		action();
	} catch (error) {
		if (error instanceof KeenError) return error;
		throw error;
	}
	throw new Error('expected a KeenError');
}

export const iso = (ms: number): string => new Date(ms).toISOString();
