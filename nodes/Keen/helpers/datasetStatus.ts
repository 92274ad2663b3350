import type { IDataObject } from 'n8n-workflow';

/** Whether a cached dataset's results exist yet, read from its definition (docs/keen-api.md §9.1). */
export type DatasetReadiness = { ready: true } | { ready: false; status: string; failed: boolean };

/** Statuses reported for a dataset whose first computation has not finished ([3P], §9.1). */
const NOT_READY_STATUSES = ['Created', 'Bootstrapping'];

/**
 * A new dataset is built in the background: its status reads Created, then Bootstrapping, and its
 * dates are null until results exist. A definition without `status` (older answers) is judged by
 * `latest_subtimeframe_available`; anything else — OK, Warn, statuses Keen adds later — is ready.
 */
export function datasetReadiness(definition: IDataObject | null | undefined): DatasetReadiness {
	const status = definition?.status;
	if (typeof status === 'string') {
		if (/fail/i.test(status)) return { ready: false, status, failed: true };
		if (NOT_READY_STATUSES.some((name) => name.toLowerCase() === status.toLowerCase())) return { ready: false, status, failed: false };
		return { ready: true };
	}
	if (definition && definition.latest_subtimeframe_available === null) return { ready: false, status: 'not computed yet', failed: false };
	return { ready: true };
}

/** First pause between two reads of a dataset's definition while waiting, and the longest one. */
export const WAIT_FIRST_PAUSE_MS = 250;
export const WAIT_LONGEST_PAUSE_MS = 15_000;

/** The pause before the next read: doubling from the first, never past the longest or the deadline. */
export function nextPause(previousMs: number | undefined, remainingMs: number): number {
	const pause = previousMs === undefined ? WAIT_FIRST_PAUSE_MS : Math.min(previousMs * 2, WAIT_LONGEST_PAUSE_MS);
	return Math.max(0, Math.min(pause, remainingMs));
}
