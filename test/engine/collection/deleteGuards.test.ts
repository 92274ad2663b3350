import type { IDataObject } from 'n8n-workflow';

import { keenCredentials, runNode } from '../../harness';
import { startKeenServer, type KeenServer } from '../../keen-server';

/*
 * Issue 10 cases 6 and 8: Delete Property has a dry run and a typed confirmation; both typed
 * confirmations (Collection → Delete, Delete Property) must match exactly — not trimmed, not
 * case-insensitively — or nothing is sent.
 */

let server: KeenServer;
beforeAll(async () => {
	server = await startKeenServer({ port: 0 });
});
afterAll(async () => await server.close());
beforeEach(() => server.clearRequests());

const rl = (value: string) => ({ __rl: true, mode: 'name', value });
const run = async (operation: string, extra: IDataObject) =>
	await runNode({ credentials: { ...keenCredentials(server) }, parameters: { resource: 'collection', operation, requestOptions: { retryDelay: 10 }, ...extra } });

function seed(collection: string) {
	server.ingest(collection, [{ price: 5, note: 'a' }, { price: 50 }, { note: 'c' }]);
}

describe('Collection → Delete: the typed name must match exactly', () => {
	it.each([
		['in other case', 'Victims'],
		['with a trailing space', 'victims '],
		['with a leading space', ' victims'],
		['empty', ''],
	])('refuses the name typed %s and sends nothing', async (_how, typed) => {
		seed('victims');
		const result = await run('delete', { collection: rl('victims'), confirmName: typed });
		expect(result.error?.message).toContain('Deleting "victims" was not confirmed (item 0, field "Confirm Collection Name")');
		expect(server.requests).toHaveLength(0);
		expect(server.eventCount('victims')).toBeGreaterThan(0);
	});
});

describe('Collection → Delete Property: dry run and typed confirmation', () => {
	it('a dry run counts the events holding the property (read key) and deletes nothing', async () => {
		seed('dp_dry');
		const result = await run('deleteProperty', { collection: rl('dp_dry'), propertyName: 'price', dryRun: true });
		expect(result.items.map((item) => item.json)).toEqual([{ dryRun: true, collection: 'dp_dry', property: 'price', eventsWithProperty: 2 }]);
		expect(server.requests).toHaveLength(1);
		expect(server.requests[0]).toMatchObject({ method: 'POST', keyKind: 'read' });
		expect((server.requests[0].body as IDataObject).filters).toEqual([{ property_name: 'price', operator: 'exists', property_value: true }]);
		expect(server.events('dp_dry').filter((event) => 'price' in event)).toHaveLength(2);
	});

	it.each([
		['not typed', undefined],
		['in other case', 'Price'],
		['with a trailing space', 'price '],
		['as another property', 'note'],
	])('refuses the property name %s and sends nothing', async (how, typed) => {
		const collection = `dp_refuse_${how.replace(/\W+/g, '_')}`;
		seed(collection);
		const result = await run('deleteProperty', { collection: rl(collection), propertyName: 'price', ...(typed === undefined ? {} : { confirmName: typed }) });
		expect(result.status).toBe('error');
		expect(result.error?.message).toContain(`Deleting property "price" of "${collection}" was not confirmed (item 0, field "Confirm Property Name")`);
		expect(result.error?.description).toMatch(/cannot be undone/);
		expect(server.requests).toHaveLength(0);
		expect(server.events(collection).filter((event) => 'price' in event)).toHaveLength(2);
	});

	it('deletes when the property name is typed again exactly', async () => {
		seed('dp_ok');
		const result = await run('deleteProperty', { collection: rl('dp_ok'), propertyName: 'price', confirmName: 'price' });
		expect(result.items[0].json).toEqual({ deleted: true, collection: 'dp_ok', property: 'price' });
		expect(server.requests.map((r) => [r.method, r.keyKind])).toEqual([['DELETE', 'master']]);
		expect(server.events('dp_ok').some((event) => 'price' in event)).toBe(false);
	});

	it('deletes without typing when Confirm Without Typing is on (automation)', async () => {
		seed('dp_auto');
		const result = await run('deleteProperty', { collection: rl('dp_auto'), propertyName: 'note', confirmWithoutTyping: true });
		expect(result.items[0].json).toEqual({ deleted: true, collection: 'dp_auto', property: 'note' });
		expect(server.events('dp_auto').some((event) => 'note' in event)).toBe(false);
	});
});

describe('Collection → Delete Events: scope in the query string only, and the dry run counts what is deleted', () => {
	const seedDated = (collection: string) =>
		server.ingest(collection, [
			{ price: 5, keen: { timestamp: '2024-05-01T00:00:00Z' } },
			{ price: 50, keen: { timestamp: '2024-05-02T00:00:00Z' } },
			{ price: 500, keen: { timestamp: '2024-06-01T00:00:00Z' } },
			{ price: 70, keen: { timestamp: '2024-06-02T00:00:00Z' } },
		]);
	const scoped = {
		filters: { filter: [{ propertyName: 'price', operator: 'gt', value: '10' }] },
		limitTimeframe: true,
		timeframeType: 'absolute',
		timeframeStart: '2024-05-01T00:00:00Z',
		timeframeEnd: '2024-05-31T00:00:00Z',
		timezone: 'UTC',
	};

	it.each([
		['filters and timeframe', scoped, ['filters', 'timeframe', 'timezone'], [5, 500, 70]],
		['filters only', { filters: scoped.filters }, ['filters'], [5]],
	])('%s', async (name, scope, queryKeys, remaining) => {
		const collection = `de_${name.replace(/\W+/g, '_')}`;
		seedDated(collection);
		const dry = await run('deleteEvents', { collection: rl(collection), ...scope, dryRun: true });
		expect(server.eventCount(collection)).toBe(4);
		server.clearRequests();

		const result = await run('deleteEvents', { collection: rl(collection), ...scope });
		expect(result.status).toBe('success');
		expect(server.requests).toHaveLength(1);
		const [request] = server.requests;
		expect(request).toMatchObject({ method: 'DELETE', path: `/3.0/projects/${server.projectId}/events/${collection}`, keyKind: 'master', body: undefined });
		expect(Object.keys(request.query).sort()).toEqual(queryKeys);
		expect(JSON.parse(request.query.filters)).toEqual([{ property_name: 'price', operator: 'gt', property_value: 10 }]);
		expect(server.events(collection).map((event) => event.price)).toEqual(remaining);
		expect(dry.items[0].json.matchingEvents).toBe(4 - remaining.length);
	});
});
