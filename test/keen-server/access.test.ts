import * as analysis from './analysis';
import { startKeenServer, type KeenServer } from './index';
import { call, projectUrl } from './test-client';

describe('keen-server: keys and access keys', () => {
	let server: KeenServer;

	beforeEach(async () => {
		server = await startKeenServer({ now: () => new Date('2024-05-10T12:00:00.000Z') });
	});
	afterEach(() => server.close());

	async function createAccessKey(body: Record<string, unknown>): Promise<string> {
		const response = await call(server, 'POST', projectUrl(server, 'keys'), { key: server.masterKey, body });
		expect(response.status).toBe(201);
		return response.body.key;
	}

	it.each([
		['no key', undefined, 401, 'InvalidApiKeyError'],
		['an unknown key', 'f'.repeat(64), 401, 'InvalidApiKeyError'],
		['the write key', 'write', 403, 'InsufficientKeyPermissionsError'],
		['the organization key', 'organization', 401, 'InvalidApiKeyError'],
	])('refuses a query with %s', async (_label, which, status, errorCode) => {
		const keys: Record<string, string> = { write: server.writeKey, organization: server.organizationKey };
		const key = which === undefined ? undefined : keys[which] ?? which;
		const response = await call(server, 'POST', projectUrl(server, 'queries', 'count'), { key, body: { event_collection: 'x', timeframe: 'this_1_days' } });
		expect([response.status, response.body.error_code]).toEqual([status, errorCode]);
	});

	it('refuses lesser keys on master-only endpoints with 401 AdminOnlyEndpointError', async () => {
		for (const key of [server.readKey, server.writeKey]) {
			const response = await call(server, 'GET', projectUrl(server, 'keys'), { key });
			expect([response.status, response.body.error_code]).toEqual([401, 'AdminOnlyEndpointError']);
		}
		const read = await call(server, 'POST', projectUrl(server, 'events', 'x'), { key: server.readKey, body: {} });
		expect([read.status, read.body.error_code]).toEqual([403, 'InsufficientKeyPermissionsError']);
	});

	it('takes the key from ?api_key= and lets the header win when both are sent', async () => {
		const viaQuery = await call(server, 'GET', projectUrl(server), { apiKey: server.masterKey });
		const headerWins = await call(server, 'GET', projectUrl(server), { key: server.readKey, apiKey: server.masterKey });
		expect(viaQuery.status).toBe(200);
		expect([headerWins.status, headerWins.body.error_code]).toEqual([401, 'AdminOnlyEndpointError']);
		expect(server.requests.map((entry) => entry.keyKind)).toEqual(['master', 'read']);
	});

	it('answers 404 ResourceNotFoundError for an unknown project', async () => {
		const response = await call(server, 'GET', '/3.0/projects/000000000000000000000000/events', { key: server.readKey });
		expect([response.status, response.body.error_code]).toEqual([404, 'ResourceNotFoundError']);
	});

	it('creates, lists, gets, updates, revokes, unrevokes and deletes access keys', async () => {
		const key = await createAccessKey({ name: 'dashboard', permitted: ['queries'] });
		expect(key).toMatch(/^[0-9A-F]{64}$/);
		const url = projectUrl(server, 'keys', key);
		const got = await call(server, 'GET', url, { key: server.masterKey });
		expect(got.body).toEqual({
			key,
			project_id: server.projectId,
			name: 'dashboard',
			is_active: true,
			permitted: ['queries'],
			options: { queries: null, saved_queries: null, cached_queries: null, writes: null, datasets: null },
		});
		const listed = await call(server, 'GET', projectUrl(server, 'keys'), { key: server.masterKey });
		expect(listed.body).toHaveLength(1);
		const updated = await call(server, 'POST', url, { key: server.masterKey, body: { name: 'renamed', permitted: ['writes'] } });
		expect(updated.body).toMatchObject({ key, name: 'renamed', permitted: ['writes'] });
		const revoked = await call(server, 'POST', `${url}/revoke`, { key: server.masterKey });
		expect([revoked.status, revoked.body.is_active]).toEqual([200, false]);
		const refused = await call(server, 'POST', projectUrl(server, 'events', 'x'), { key, body: { a: 1 } });
		expect([refused.status, refused.body.error_code]).toEqual([401, 'InvalidApiKeyError']);
		const unrevoked = await call(server, 'POST', `${url}/unrevoke`, { key: server.masterKey });
		expect(unrevoked.body.is_active).toBe(true);
		expect((await call(server, 'POST', projectUrl(server, 'events', 'x'), { key, body: { a: 1 } })).status).toBe(201);
		expect((await call(server, 'DELETE', url, { key: server.masterKey })).status).toBe(204);
		expect((await call(server, 'POST', projectUrl(server, 'events', 'x'), { key, body: { a: 1 } })).status).toBe(401);
		const bad = await call(server, 'POST', projectUrl(server, 'keys'), { key: server.masterKey, body: { name: 'x', permitted: ['everything'] } });
		expect([bad.status, bad.body.error_code]).toEqual([400, 'BadRequestError']);
	});

	it('enforces permitted: a queries-only key cannot write or read schemas', async () => {
		const key = await createAccessKey({ name: 'q', permitted: ['queries'] });
		const write = await call(server, 'POST', projectUrl(server, 'events', 'x'), { key, body: { a: 1 } });
		const schema = await call(server, 'GET', projectUrl(server, 'events'), { key });
		expect([write.status, write.body.error_code]).toEqual([403, 'InsufficientKeyPermissionsError']);
		expect(schema.status).toBe(403);
	});

	it('deep-merges writes.autofill into every written event, autofill winning', async () => {
		const key = await createAccessKey({ name: 'w', permitted: ['writes'], options: { writes: { autofill: { customer: { id: '42', plan: 'pro' } } } } });
		await call(server, 'POST', projectUrl(server, 'events', 'clicks'), { key, body: { customer: { id: 'spoofed', name: 'Ada' } } });
		await call(server, 'POST', projectUrl(server, 'events'), { key, body: { clicks: [{ n: 2 }] } });
		expect(server.events('clicks').map(({ keen, ...rest }) => rest)).toEqual([{ customer: { id: '42', name: 'Ada', plan: 'pro' } }, { n: 2, customer: { id: '42', plan: 'pro' } }]);
	});

	it('ANDs queries.filters into every query run with the key, also into funnel steps', async () => {
		const spy = jest.spyOn(analysis, 'runAnalysis');
		const forced = { property_name: 'customer.id', operator: 'eq', property_value: '42' };
		const key = await createAccessKey({ name: 'r', permitted: ['queries'], options: { queries: { filters: [forced] } } });
		const own = { property_name: 'price', operator: 'gt', property_value: 1 };
		await call(server, 'POST', projectUrl(server, 'queries', 'count'), { key, body: { event_collection: 'x', timeframe: 'this_1_days', filters: [own] } });
		await call(server, 'POST', projectUrl(server, 'queries', 'funnel'), { key, body: { timeframe: 'this_1_days', steps: [{ event_collection: 'x', actor_property: 'u' }] } });
		expect(spy.mock.calls[0][1].filters).toEqual([own, forced]);
		expect((spy.mock.calls[1][1].steps as { filters: unknown }[])[0].filters).toEqual([forced]);
		spy.mockRestore();
	});

	it('enforces saved_queries and cached_queries allow-lists', async () => {
		const put = (name: string, refreshRate: number) =>
			call(server, 'PUT', projectUrl(server, 'queries', 'saved', name), { key: server.masterKey, body: { refresh_rate: refreshRate, query: { analysis_type: 'count', event_collection: 'x', timeframe: 'this_1_days' } } });
		await put('open', 0);
		await put('closed', 0);
		await put('cached', 14_400);
		const key = await createAccessKey({ name: 's', permitted: ['saved_queries'], options: { saved_queries: { allowed: ['open'] } } });
		const result = (name: string) => call(server, 'GET', projectUrl(server, 'queries', 'saved', name, 'result'), { key });
		expect((await result('open')).status).toBe(200);
		expect((await result('closed')).status).toBe(403);
		expect((await result('cached')).status).toBe(403);
		const cachedKey = await createAccessKey({ name: 'c', permitted: ['cached_queries'], options: { cached_queries: { allowed: ['cached'] } } });
		expect((await call(server, 'GET', projectUrl(server, 'queries', 'saved', 'cached', 'result'), { key: cachedKey })).status).toBe(200);
		expect((await call(server, 'GET', projectUrl(server, 'queries', 'saved', 'open', 'result'), { key: cachedKey })).status).toBe(403);
	});

	it('enforces dataset operations, allow-list and pinned index values', async () => {
		await call(server, 'PUT', projectUrl(server, 'datasets', 'by-product'), {
			key: server.masterKey,
			body: { query: { analysis_type: 'count', event_collection: 'x', timeframe: 'this_7_days', interval: 'daily' }, index_by: 'product.id' },
		});
		const key = await createAccessKey({ name: 'd', permitted: ['datasets'], options: { datasets: { operations: ['retrieve'], allowed: { 'by-product': { index_by: { 'product.id': 'p1' } } } } } });
		const results = (index: string) => call(server, 'GET', projectUrl(server, 'datasets', 'by-product', 'results'), { key, query: { index_by: index, timeframe: 'this_2_days' } });
		expect((await results('p1')).status).toBe(200);
		expect((await results('p2')).status).toBe(403);
		expect((await call(server, 'GET', projectUrl(server, 'datasets', 'by-product'), { key })).status).toBe(403);
	});

	it('accepts the organization key only on organization endpoints', async () => {
		const org = await call(server, 'GET', `/3.0/organizations/${server.organizationId}/projects`, { key: server.organizationKey });
		const master = await call(server, 'GET', `/3.0/organizations/${server.organizationId}/projects`, { key: server.masterKey });
		expect(org.status).toBe(200);
		expect([master.status, master.body.error_code]).toEqual([401, 'InvalidApiKeyError']);
	});
});
