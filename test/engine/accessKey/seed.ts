import type { KeenServer } from '../../keen-server';
import { keenCall } from '../../harness/engine-test-kit';

/** Creates an access key through Keen's own POST (docs/keen-api.md §10) and returns its key. */
export async function seedKey(server: KeenServer, name: string): Promise<string> {
	const created = (await keenCall(server, 'POST', '/keys', {
		name,
		is_active: true,
		permitted: ['queries', 'saved_queries'],
		options: { queries: { filters: [{ property_name: 'country', operator: 'eq', property_value: 'FR' }] }, saved_queries: { allowed: ['q1'] } },
	})) as { key: string };
	server.clearRequests();
	return created.key;
}
