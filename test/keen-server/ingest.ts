import { EventRejection, checkCollectionName, prepareEvent } from './events';
import type { Project, ServerState } from './state';

/**
 * Stores events without HTTP, through the same validation as the API, as if received at
 * `receivedMs` (seed data, benchmarks, fixtures). Throws on the first invalid event, since
 * such callers control their data. Returns how many were stored (duplicates are skipped).
 */
export function ingestDirect(state: ServerState, project: Project, collection: string, events: Record<string, unknown>[], receivedMs = state.now().getTime()): number {
	const nameError = checkCollectionName(collection);
	if (nameError) throw new Error(nameError.description);
	const ingest = { nowMs: receivedMs, nowIso: new Date(receivedMs).toISOString(), ip: '127.0.0.1', userAgent: 'keen-server', newId: state.newEventId };
	let stored = 0;
	for (const event of events) {
		const prepared = prepareEvent(event, ingest);
		if (prepared instanceof EventRejection) throw new Error(`${prepared.name}: ${prepared.description}`);
		if (project.store.insert(collection, prepared, receivedMs)) stored++;
	}
	return stored;
}
