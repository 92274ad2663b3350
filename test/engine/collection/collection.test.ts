import type { IDataObject } from 'n8n-workflow';

import { keenCredentials, runNode } from '../../harness';
import { startKeenServer, type KeenServer } from '../../keen-server';

let server: KeenServer;
beforeAll(async () => {
	server = await startKeenServer({ port: 0 });
});
afterAll(async () => await server.close());
beforeEach(() => server.clearRequests());

const rl = (value: string) => ({ __rl: true, mode: 'name', value });
const run = async (operation: string, extra: IDataObject) =>
	await runNode({ credentials: { ...keenCredentials(server) }, parameters: { resource: 'collection', operation, requestOptions: { retryDelay: 10 }, ...extra } });
const path = (suffix: string) => `/3.0/projects/${server.projectId}${suffix}`;
const last = () => server.requests[server.requests.length - 1];

function seed(collection: string) {
	server.ingest(collection, [
		{ user: { id: 'u1' }, price: 5, keen: { timestamp: '2024-05-01T00:00:00Z' } },
		{ user: { id: 'u2' }, price: 50, keen: { timestamp: '2024-05-02T00:00:00Z' } },
		{ user: { id: 'u3' }, price: 500, keen: { timestamp: '2024-06-01T00:00:00Z' } },
	]);
}

describe('Collection', () => {
	it('Get Schema', async () => {
		seed('c_get');
		const result = await run('get', { collection: rl('c_get') });
		expect(result.items[0].json.properties).toMatchObject({ 'user.id': 'string', price: 'num' });
		expect(last()).toMatchObject({ method: 'GET', path: path('/events/c_get'), keyKind: 'read' });
	});

	it('Get Many with a limit', async () => {
		seed('c_many1');
		seed('c_many2');
		const result = await run('getAll', { returnAll: false, limit: 1 });
		expect(result.items).toHaveLength(1);
		expect(last()).toMatchObject({ method: 'GET', path: path('/events'), keyKind: 'read' });
		expect((await run('getAll', { returnAll: true })).items.length).toBeGreaterThanOrEqual(2);
	});

	it('Get Property', async () => {
		seed('c_prop');
		const result = await run('getProperty', { collection: rl('c_prop'), propertyName: 'user.id' });
		expect(result.items[0].json).toMatchObject({ property_name: 'user.id', type: 'string' });
		expect(last()).toMatchObject({ method: 'GET', path: path('/events/c_prop/properties/user.id'), keyKind: 'read' });
	});

	describe('Delete', () => {
		it('refuses without confirmation and sends nothing', async () => {
			seed('c_del');
			const result = await run('delete', { collection: rl('c_del'), confirmName: 'c_de' });
			expect(result.status).toBe('error');
			expect(result.error?.message).toMatch(/Deleting "c_del" was not confirmed/);
			expect(server.requests).toHaveLength(0);
			expect(server.eventCount('c_del')).toBe(3);
		});
		it('deletes when the name is typed again, with the master key', async () => {
			const result = await run('delete', { collection: rl('c_del'), confirmName: 'c_del' });
			expect(result.items[0].json).toEqual({ deleted: true, collection: 'c_del' });
			expect(last()).toMatchObject({ method: 'DELETE', path: path('/events/c_del'), keyKind: 'master', query: {} });
			expect(server.eventCount('c_del')).toBe(0);
		});
		it('deletes with Confirm Without Typing', async () => {
			seed('c_del2');
			await run('delete', { collection: rl('c_del2'), confirmWithoutTyping: true });
			expect(server.eventCount('c_del2')).toBe(0);
		});
	});

	describe('Delete Events', () => {
		const filters = { filter: [{ propertyName: 'price', operator: 'gt', value: '10' }] };

		it('refuses an empty scope before sending', async () => {
			seed('c_de_empty');
			const result = await run('deleteEvents', { collection: rl('c_de_empty') });
			expect(result.error?.message).toMatch(/needs filters or a timeframe/);
			expect(server.requests).toHaveLength(0);
		});

		it('dry run counts the matching events with the read key and deletes nothing', async () => {
			seed('c_de_dry');
			const result = await run('deleteEvents', { collection: rl('c_de_dry'), filters, dryRun: true });
			expect(result.items[0].json).toEqual({ dryRun: true, collection: 'c_de_dry', matchingEvents: 2 });
			expect(last()).toMatchObject({ method: 'POST', path: path('/queries/count'), keyKind: 'read' });
			expect(server.eventCount('c_de_dry')).toBe(3);
		});

		it('puts filters, timeframe and timezone in the query string, JSON-encoded', async () => {
			seed('c_de');
			const result = await run('deleteEvents', {
				collection: rl('c_de'),
				filters,
				limitTimeframe: true,
				timeframeType: 'absolute',
				timeframeStart: '2024-05-01T00:00:00Z',
				timeframeEnd: '2024-05-31T00:00:00Z',
				timezone: 'UTC',
			});
			expect(result.status).toBe('success');
			const request = last();
			expect(request).toMatchObject({ method: 'DELETE', path: path('/events/c_de'), keyKind: 'master' });
			expect(JSON.parse(request.query.filters)).toEqual([{ property_name: 'price', operator: 'gt', property_value: 10 }]);
			expect(JSON.parse(request.query.timeframe)).toEqual({ start: '2024-05-01T00:00:00.000Z', end: '2024-05-31T00:00:00.000Z' });
			expect(request.query.timezone).toBe('UTC');
			expect(request.body).toBeUndefined();
			expect(server.events('c_de').map((e) => e.price)).toEqual([5, 500]);
		});
	});

	describe('Delete Property', () => {
		it('refuses keen.* before sending', async () => {
			const result = await run('deleteProperty', { collection: rl('c_dp'), propertyName: 'keen.timestamp' });
			expect(result.error?.message).toMatch(/cannot be deleted/);
			expect(server.requests).toHaveLength(0);
		});
		it('deletes a property with the master key', async () => {
			seed('c_dp');
			const result = await run('deleteProperty', { collection: rl('c_dp'), propertyName: 'price', confirmName: 'price' });
			expect(result.items[0].json).toEqual({ deleted: true, collection: 'c_dp', property: 'price' });
			expect(last()).toMatchObject({ method: 'DELETE', path: path('/events/c_dp/properties/price'), keyKind: 'master' });
			expect(server.events('c_dp').every((e) => !('price' in e))).toBe(true);
		});
	});
});
