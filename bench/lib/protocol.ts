/** Messages between the benchmark's processes (Node IPC): orchestrator ⇄ Keen server, case ⇄ orchestrator. */

import type { KeenServerKeys } from '../../test/harness/keen-credentials';

/** What the bench server prints once it listens, and what a case process gets in BENCH_SERVER. */
export type ServerInfo = KeenServerKeys;

export type ControlCommand =
	/** Requests answered since the last `clear`, and stored events. */
	| { cmd: 'stats'; collection?: string }
	| { cmd: 'clear' }
	/** Drops a collection's events so the server's memory stays flat between runs. */
	| { cmd: 'dropCollection'; collection: string }
	/**
	 * Stores `count` bench events without HTTP, keen.timestamp spread over [fromMs, toMs); with
	 * `receivedAsStamped`, keen.created_at follows keen.timestamp (to the chunk of 10,000), as in a
	 * collection that has been receiving events all along.
	 */
	| { cmd: 'seed'; collection: string; count: number; fromMs: number; toMs: number; receivedAsStamped?: boolean };

export interface ControlRequest {
	id: number;
	command: ControlCommand;
}

export interface ControlReply {
	id: number;
	result?: ServerStats;
	error?: string;
}

export interface ServerStats {
	/** Requests received since the last clear. */
	requests: number;
	/** Of those, how many were answered with a status ≥ 400 (0 for a valid run). */
	failedRequests: number;
	events: number;
	peakRssMB: number;
	/** CPU time (user + system) of the server process since the last clear. */
	cpuMs: number;
	/** Events the queries answered since the last clear scanned (Keen's events_scanned). */
	eventsScanned: number;
}

/** One case's result line (stdout, prefixed by RESULT_PREFIX). */
export interface CaseResult {
	case: string;
	label: string;
	items: number;
	requests: number | null;
	wallMs: number;
	itemsPerSec: number;
	/** Peak RSS of the case process (process.resourceUsage().maxRSS). */
	peakRssMB: number;
	/** RSS after imports and input generation, before the timed part. */
	rssBeforeMB: number;
	target?: string;
	pass?: boolean;
	notes?: Record<string, unknown>;
	/** Monotonic-clock window of the timed part, µs (to cut CPU profiles to it). */
	timedWindowUs?: [number, number];
}

export const RESULT_PREFIX = 'BENCH_RESULT ';
