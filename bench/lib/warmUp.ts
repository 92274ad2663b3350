/**
 * The warm-up before a case's timed run. V8 runs a function in its interpreter and baseline code
 * until it has been called often enough to optimise it; the Keen node does its per-event work in
 * JavaScript (validation, the keen member, the batch body), so its first ~7,000 events run several
 * times slower than the rest (docs/benchmarks.md, "Issue 27, fourth pass"). The ceilings' per-event
 * work is native (JSON.stringify and JSON.parse) and hardly warms up at all. A timed run that starts
 * cold measures the node's first run in a fresh process, not its work per event.
 *
 * So every throughput case first makes WARM_UP_RUNS small runs of WARM_UP_ITEMS events each: many
 * small runs rather than one large one, so the heap, and the RSS base the memory figures are taken
 * from, stay those of a fresh process. COLD=1 keeps a single 100-item run (module loading only):
 * the cases node-cold and helper-cold measure a first run.
 */
import { makeEvents, type BenchEvent } from './events';

export const WARM_UP_RUNS = 100;
export const WARM_UP_ITEMS = 200;

/** Whether this case measures the first run of a fresh process (COLD=1). */
export function coldStart(): boolean {
	return process.env.COLD === '1';
}

/**
 * Runs `run` on the warm-up's events, each run's numbered on from `offset` (past the timed run's
 * own, so no warm-up event or ceiling token is one of them); `run` gets its first number too.
 */
export async function warmUp(run: (events: BenchEvent[], first: number) => Promise<unknown>, offset: number): Promise<void> {
	const runs = coldStart() ? 1 : WARM_UP_RUNS;
	const items = coldStart() ? 100 : WARM_UP_ITEMS;
	for (let index = 0; index < runs; index++) {
		const first = offset + index * items;
		await run(makeEvents(items, first), first);
	}
}
