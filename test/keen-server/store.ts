import type { StoredEvent } from './types';
import { CollectionSchema } from './schema';
import { isPlainObject } from './events';

/** keen.uniqueness_token values expire after 31 days (docs/keen-api.md §2.5). */
const TOKEN_LIFETIME_MS = 31 * 24 * 3600 * 1000;

export interface Collection {
	events: StoredEvent[];
	schema: CollectionSchema;
	/** uniqueness token → receipt time (ms) of the event that claimed it. */
	tokens: Map<string, number>;
}

/** The events of one project, with incremental schemas and uniqueness tokens per collection. */
export class EventStore {
	readonly collections = new Map<string, Collection>();

	events(collection: string): readonly StoredEvent[] {
		return this.collections.get(collection)?.events ?? [];
	}

	eventCount(collection?: string): number {
		if (collection !== undefined) return this.events(collection).length;
		let total = 0;
		for (const { events } of this.collections.values()) total += events.length;
		return total;
	}

	/**
	 * Stores a prepared event unless its uniqueness token was already claimed in this collection
	 * less than 31 days ago (first wins). Returns false for such a duplicate.
	 */
	insert(collection: string, stored: StoredEvent, receivedMs: number): boolean {
		const target = this.collectionFor(collection);
		const token = (stored.event.keen as Record<string, unknown>).uniqueness_token;
		if (typeof token === 'string') {
			const claimed = target.tokens.get(token);
			if (claimed !== undefined && receivedMs - claimed < TOKEN_LIFETIME_MS) return false;
			target.tokens.set(token, receivedMs);
		}
		target.events.push(stored);
		target.schema.record(stored.event);
		return true;
	}

	deleteCollection(collection: string): boolean {
		return this.collections.delete(collection);
	}

	/** Removes the given events (by identity) and rebuilds the schema from what is left. */
	deleteEvents(collection: string, doomed: readonly StoredEvent[]): number {
		const target = this.collections.get(collection);
		if (!target || doomed.length === 0) return 0;
		const remove = new Set(doomed);
		const before = target.events.length;
		target.events = target.events.filter((stored) => !remove.has(stored));
		this.rebuildSchema(target);
		return before - target.events.length;
	}

	/** Deletes a dot-path property from every event of the collection (docs/keen-api.md §6). */
	deleteProperty(collection: string, path: string): void {
		const target = this.collections.get(collection);
		if (!target) return;
		const segments = path.split('.');
		for (const { event } of target.events) removePath(event, segments);
		this.rebuildSchema(target);
	}

	private rebuildSchema(target: Collection): void {
		target.schema.reset();
		for (const { event } of target.events) target.schema.record(event);
	}

	private collectionFor(collection: string): Collection {
		let target = this.collections.get(collection);
		if (target === undefined) {
			target = { events: [], schema: new CollectionSchema(), tokens: new Map() };
			this.collections.set(collection, target);
		}
		return target;
	}
}

function removePath(object: Record<string, unknown>, segments: string[]): void {
	let current: Record<string, unknown> = object;
	for (let i = 0; i < segments.length - 1; i++) {
		const next = current[segments[i]];
		if (!isPlainObject(next)) return;
		current = next;
	}
	delete current[segments[segments.length - 1]];
}
