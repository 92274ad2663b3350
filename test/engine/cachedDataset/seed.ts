import type { KeenServer } from '../../keen-server';
import { keenCall } from '../manageFixture';

/** Stores a dataset through Keen's own PUT (keen-api.md §9.1). */
export async function seedDataset(server: KeenServer, name: string): Promise<void> {
	await keenCall(server, 'PUT', `/datasets/${name}`, {
		display_name: name,
		query: { analysis_type: 'sum', event_collection: 'purchases', target_property: 'price', timeframe: 'this_30_days', interval: 'daily', group_by: ['country'] },
		index_by: ['product.id'],
	});
	server.clearRequests();
}
