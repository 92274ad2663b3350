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

	// Each case seeds its own collection, so they pass alone and in any order (issue 22.7).
	describe('Delete', () => {
		it('refuses without confirmation and sends nothing', async () => {
			seed('c_del_refused');
			const result = await run('delete', { collection: rl('c_del_refused'), confirmName: 'c_del_refuse' });
			expect(result.status).toBe('error');
			expect(result.error?.message).toMatch(/Deleting "c_del_refused" was not confirmed/);
			expect(server.requests).toHaveLength(0);
			expect(server.eventCount('c_del_refused')).toBe(3);
		});
		it('deletes when the name is typed again, with the master key', async () => {
			seed('c_del');
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
		it.each(['keen.timestamp', 'keen'])('refuses %s before sending', async (propertyName) => {
			const result = await run('deleteProperty', { collection: rl('c_dp'), propertyName, confirmWithoutTyping: true });
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

/** Issue 10 cases 6 and 8: typed confirmations match exactly; Delete Property has a dry run. */
function seedPrices(collection: string) {
	server.ingest(collection, [{ price: 5, note: 'a' }, { price: 50 }, { note: 'c' }]);
}

describe('Collection → Delete: the typed name must match exactly', () => {
	it.each([
		['in other case', 'Victims'],
		['with a trailing space', 'victims '],
		['with a leading space', ' victims'],
		['empty', ''],
	])('refuses the name typed %s and sends nothing', async (_how, typed) => {
		seedPrices('victims');
		const result = await run('delete', { collection: rl('victims'), confirmName: typed });
		expect(result.error?.message).toContain('Deleting "victims" was not confirmed (item 0, field "Confirm Collection Name")');
		expect(server.requests).toHaveLength(0);
		expect(server.eventCount('victims')).toBeGreaterThan(0);
	});
});

describe('Collection → Delete Property: dry run and typed confirmation', () => {
	it('a dry run counts the events holding the property (read key) and deletes nothing', async () => {
		seedPrices('dp_dry');
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
		seedPrices(collection);
		const result = await run('deleteProperty', { collection: rl(collection), propertyName: 'price', ...(typed === undefined ? {} : { confirmName: typed }) });
		expect(result.status).toBe('error');
		expect(result.error?.message).toContain(`Deleting property "price" of "${collection}" was not confirmed (item 0, field "Confirm Property Name")`);
		expect(result.error?.description).toMatch(/cannot be undone/);
		expect(server.requests).toHaveLength(0);
		expect(server.events(collection).filter((event) => 'price' in event)).toHaveLength(2);
	});

	it('deletes when the property name is typed again exactly', async () => {
		seedPrices('dp_ok');
		const result = await run('deleteProperty', { collection: rl('dp_ok'), propertyName: 'price', confirmName: 'price' });
		expect(result.items[0].json).toEqual({ deleted: true, collection: 'dp_ok', property: 'price' });
		expect(server.requests.map((r) => [r.method, r.keyKind])).toEqual([['DELETE', 'master']]);
		expect(server.events('dp_ok').some((event) => 'price' in event)).toBe(false);
	});

	it('deletes without typing when Confirm Without Typing is on (automation)', async () => {
		seedPrices('dp_auto');
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

// Issue 22.7: a relative timeframe depends on the timezone; the dry run must count in the one the delete uses.
describe('Collection → Delete Events in a non-UTC timezone', () => {
	afterEach(() => server.setNow(null));

	it('the dry run counts, in Asia/Tokyo, exactly the events the delete then removes', async () => {
		// Keen's "now" is 2024-05-02T03:00Z, noon in Tokyo: the previous day there is 2024-04-30T15:00Z → 2024-05-01T15:00Z.
		server.setNow('2024-05-02T03:00:00.000Z');
		server.ingest('de_tokyo', [
			{ n: 1, keen: { timestamp: '2024-04-30T20:00:00Z' } },
			{ n: 2, keen: { timestamp: '2024-04-30T22:00:00Z' } },
			{ n: 3, keen: { timestamp: '2024-05-01T10:00:00Z' } },
			{ n: 4, keen: { timestamp: '2024-05-01T18:00:00Z' } },
		]);
		const scope = {
			collection: rl('de_tokyo'),
			limitTimeframe: true,
			timeframeType: 'relative',
			relativeTimeframe: 'custom',
			timeframeDirection: 'previous',
			timeframeCount: 1,
			timeframeUnit: 'days',
			timezone: 'custom',
			customTimezone: 'Asia/Tokyo',
			confirmWithoutTyping: true,
		};
		const dry = await run('deleteEvents', { ...scope, dryRun: true });
		expect(dry.items[0].json.matchingEvents).toBe(3);
		const deleted = await run('deleteEvents', scope);
		expect(deleted.status).toBe('success');
		expect(server.events('de_tokyo').map((event) => event.n)).toEqual([4]);
		const [count, remove] = server.requests;
		expect((count.body as IDataObject).timezone).toBe('Asia/Tokyo');
		expect(remove.query.timezone).toBe('Asia/Tokyo');
	});
});
