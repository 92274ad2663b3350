/** What every case shares: the collection written to, and the batching defaults the node ships with. */
import { DEFAULT_BATCH_SIZE, DEFAULT_CONCURRENCY } from '../../nodes/Keen/transport/batch';

export const COLLECTION = 'bench_purchases';

/** Batch size and concurrency of a run: the node's defaults unless BATCH_SIZE / CONCURRENCY are set. */
export function batching(intEnv: (name: string, fallback: number) => number): { batchSize: number; concurrency: number; defaults: boolean } {
	const batchSize = intEnv('BATCH_SIZE', DEFAULT_BATCH_SIZE);
	const concurrency = intEnv('CONCURRENCY', DEFAULT_CONCURRENCY);
	return { batchSize, concurrency, defaults: batchSize === DEFAULT_BATCH_SIZE && concurrency === DEFAULT_CONCURRENCY };
}
