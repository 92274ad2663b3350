/**
 * The warm-up before a case's timed run. V8 runs a function in its interpreter and baseline code
 * until it has been called often enough to optimise it; the Keen node does its per-event work in
 * JavaScript (validation, the keen member, the batch body), so its first ~7,000 events run several
 * times slower than the rest (docs/benchmarks.md, "Issue 27, fourth pass"). The ceilings' per-event
 * work is native (JSON.stringify and JSON.parse) and hardly warms up at all. A timed run that starts
 * cold measures the node's first run in a fresh process, not its work per event.
 *
 * So every throughput case first makes WARM_UP_RUNS small runs of WARM_UP_ITEMS events each (many
 * small runs rather than one large one, so the heap stays small). No garbage collection is forced
 * afterwards: a forced full collection sets V8's heap limits from the small heap left, and the
 * helper ceiling's timed run then paid a major collection of its input (500 ms of CPU more). The
 * RSS base the memory figures are taken from is read after the first run, with the modules loaded,
 * as before there was a warm-up: what the later runs leave counts against the timed run, never for
 * it. COLD=1 keeps that single first run of 100 items: the cases node-cold and helper-cold measure
 * the first run of a fresh process.
 */
import { intEnv, rssMB } from './case';
import { makeEvents, type BenchEvent } from './events';

/** Runs of the warm-up: 100, or WARM_UP_RUNS (`npm run bench -- --quick` makes 10). */
const WARM_UP_RUNS = 100;
const WARM_UP_ITEMS = 200;

/** Whether this case measures the first run of a fresh process (COLD=1). */
export function coldStart(): boolean {
	return process.env.COLD === '1';
}

/**
 * Runs `run` on the warm-up's events, each run's numbered on from `offset` (past the timed run's
 * own, so no warm-up event or ceiling token is one of them; `run` gets its first number too), and
 * returns the RSS after the first run (MB): the base of the memory figures.
 */
export async function warmUp(run: (events: BenchEvent[], first: number) => Promise<unknown>, offset: number): Promise<number> {
	const runs = coldStart() ? 1 : intEnv('WARM_UP_RUNS', WARM_UP_RUNS);
	const items = coldStart() ? 100 : WARM_UP_ITEMS;
	let baseMB = 0;
	for (let index = 0; index < runs; index++) {
		const first = offset + index * items;
		await run(makeEvents(items, first), first);
		if (index === 0) baseMB = rssMB();
	}
	return baseMB;
}
