/** What every case shares: the collection written to, and the batching defaults the node ships with. */
import { DEFAULT_BATCH_SIZE, DEFAULT_CONCURRENCY } from '../../nodes/Keen/transport/batch';

export const COLLECTION = 'bench_purchases';

/** Batch size and concurrency of a run: the node's defaults unless BATCH_SIZE / CONCURRENCY are set. */
export function batching(intEnv: (name: string, fallback: number) => number): { batchSize: number; concurrency: number; defaults: boolean } {
	const batchSize = intEnv('BATCH_SIZE', DEFAULT_BATCH_SIZE);
	const concurrency = intEnv('CONCURRENCY', DEFAULT_CONCURRENCY);
	return { batchSize, concurrency, defaults: batchSize === DEFAULT_BATCH_SIZE && concurrency === DEFAULT_CONCURRENCY };
}

/**
 * Items of the untimed warm-up run before a timed engine case. Enough that V8 has optimised the code
 * that runs per item (with 100, the node's per-event functions were still being compiled during the
 * timed run's first batches), so the timed run measures the work, not JIT warm-up.
 */
export const WARM_UP_ITEMS = 5_000;
