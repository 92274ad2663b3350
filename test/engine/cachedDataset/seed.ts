import type { KeenServer } from '../../keen-server';
import { keenCall } from '../../harness/engine-test-kit';

/**
 * Stores a dataset through Keen's own PUT (docs/keen-api.md §9.1) and, on a server that bootstraps
 * datasets (`datasetBootstrapMs` variant), waits until it is ready unless told not to.
 */
export async function seedDataset(server: KeenServer, name: string, options: { waitReady?: boolean } = {}): Promise<void> {
	await keenCall(server, 'PUT', `/datasets/${name}`, {
		display_name: name,
		query: { analysis_type: 'sum', event_collection: 'purchases', target_property: 'price', timeframe: 'this_30_days', interval: 'daily', group_by: ['country'] },
		index_by: ['product.id'],
	});
	if (options.waitReady !== false && server.variants.datasetBootstrapMs > 0) {
		await new Promise((resolve) => setTimeout(resolve, server.variants.datasetBootstrapMs + 50));
	}
	server.clearRequests();
}
