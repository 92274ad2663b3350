import type { KeenServer } from '../../keen-server';
import { keenCall } from '../../harness/engine-test-kit';

/** Stores a saved query through Keen's own PUT (docs/keen-api.md §8.1). */
export async function seedSavedQuery(server: KeenServer, name: string, refreshRate = 0): Promise<void> {
	await keenCall(server, 'PUT', `/queries/saved/${name}`, {
		refresh_rate: refreshRate,
		query: { analysis_type: 'sum', event_collection: 'purchases', target_property: 'price', timeframe: 'this_7_days', group_by: ['country'] },
		metadata: { display_name: 'Revenue', tags: ['shop'] },
	});
	server.clearRequests();
}
