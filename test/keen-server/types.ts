/** One stored event. `ts` is keen.timestamp in epoch milliseconds, kept beside the event so analyses never re-parse it. */
export interface StoredEvent {
	ts: number;
	event: Record<string, unknown>;
}

/** What an analysis reads: the events of a collection in insertion order, and the clock. */
export interface AnalysisContext {
	getEvents(collection: string): readonly StoredEvent[];
	now: Date;
	/** Variant `thisUnitsEnd: 'now'`: this_N_units ends at `now`, not at the end of the current unit. */
	thisEndsAtNow?: boolean;
	/** Variant `funnelOrder: 'any'`: a funnel step's event may come before the previous step's. */
	funnelAnyOrder?: boolean;
	/** Told how many events each collection read scanned (the request log's `eventsScanned`). */
	countScanned?: (events: number) => void;
}
