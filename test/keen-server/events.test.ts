import { startKeenServer, type KeenServer } from './index';
import { call, projectUrl } from './test-client';

describe('keen-server: recording events and schema', () => {
	let server: KeenServer;

	beforeEach(async () => {
		server = await startKeenServer({ now: () => new Date('2024-05-10T12:00:00.000Z') });
	});
	afterEach(() => server.close());

	it('records one event with 201 and fills keen.timestamp, created_at and id', async () => {
		const response = await call(server, 'POST', projectUrl(server, 'events', 'purchases'), { key: server.writeKey, body: { price: 10, keen: { addons: [] } } });
		expect(response.status).toBe(201);
		expect(response.body).toEqual({ created: true });
		const [event] = server.events('purchases');
		expect(event.keen).toEqual({ timestamp: '2024-05-10T12:00:00.000Z', created_at: '2024-05-10T12:00:00.000Z', id: expect.stringMatching(/^[0-9a-f]{24}$/) });
	});

	it('keeps a client keen.timestamp, normalised to UTC, and treats one without offset as UTC', async () => {
		const url = projectUrl(server, 'events', 'visits');
		await call(server, 'POST', url, { key: server.writeKey, body: { keen: { timestamp: '2024-05-01T10:00:00+02:00' } } });
		await call(server, 'POST', url, { key: server.writeKey, body: { keen: { timestamp: '2024-05-01T10:00:00' } } });
		expect(server.events('visits').map((event) => (event.keen as { timestamp: string }).timestamp)).toEqual(['2024-05-01T08:00:00.000Z', '2024-05-01T10:00:00.000Z']);
	});

	it('answers a batch per item, in order, with Keen error names', async () => {
		const response = await call(server, 'POST', projectUrl(server, 'events'), {
			key: server.writeKey,
			body: {
				signups: [{ name: 'bob' }, { 'an.invalid': 1 }, { keen: 'not-an-object' }, { text: 'x'.repeat(10_000) }, { $bad: 1 }],
				_hidden: [{ a: 1 }],
				purchases: [{ price: 10, keen: { timestamp: 'yesterday' } }],
			},
		});
		expect(response.status).toBe(200);
		const names = (results: { success: boolean; error?: { name: string } }[]) => results.map((result) => (result.success ? 'ok' : result.error?.name));
		expect(names(response.body.signups)).toEqual(['ok', 'InvalidPropertyNameError', 'NamespaceTypeError', 'InvalidPropertyValueError', 'InvalidPropertyNameError']);
		expect(names(response.body._hidden)).toEqual(['InvalidCollectionNameError']);
		expect(names(response.body.purchases)).toEqual(['InvalidKeenNamespaceProperty']);
		expect(response.body.signups[1].error.description).toEqual(expect.any(String));
		expect(server.eventCount()).toBe(1);
	});

	it.each([
		['events/bad.name.', { a: 1 }, 'InvalidCollectionNameError'],
		['events/ok', { nested: { 'dot.ted': 1 } }, 'InvalidPropertyNameError'],
		['events/ok', { list: ['x'.repeat(10_000)] }, 'InvalidPropertyValueError'],
		['events/ok', { keen: [] }, 'NamespaceTypeError'],
		['events/ok', [1, 2], 'InvalidEventError'],
	])('rejects a single event (%s, %j) with 400 %s', async (path, body, errorCode) => {
		const [, collection] = path.split('/');
		const response = await call(server, 'POST', projectUrl(server, 'events', collection), { key: server.writeKey, body });
		expect(response.status).toBe(400);
		expect(response.body).toEqual({ message: expect.any(String), error_code: errorCode });
	});

	it('answers malformed JSON with InvalidEventError / InvalidBatchError, and keeps running', async () => {
		const single = await call(server, 'POST', projectUrl(server, 'events', 'x'), { key: server.writeKey, rawBody: '{"a":' });
		const batch = await call(server, 'POST', projectUrl(server, 'events'), { key: server.writeKey, rawBody: 'nope' });
		const notLists = await call(server, 'POST', projectUrl(server, 'events'), { key: server.writeKey, body: { x: { a: 1 } } });
		expect([single.status, single.body.error_code]).toEqual([400, 'InvalidEventError']);
		expect([batch.status, batch.body.error_code]).toEqual([400, 'InvalidBatchError']);
		expect([notLists.status, notLists.body.error_code]).toEqual([400, 'InvalidBatchError']);
	});

	it('answers 413 past the configured event and batch sizes', async () => {
		await server.close();
		server = await startKeenServer({ limits: { eventBytes: 1_000, batchBytes: 5_000 } });
		const single = await call(server, 'POST', projectUrl(server, 'events', 'x'), { key: server.writeKey, body: { text: 'y'.repeat(1_000) } });
		const batch = await call(server, 'POST', projectUrl(server, 'events'), { key: server.writeKey, body: { x: Array.from({ length: 10 }, () => ({ text: 'y'.repeat(600) })) } });
		expect([single.status, single.body.error_code]).toEqual([413, 'PayloadTooLargeError']);
		expect([batch.status, batch.body.error_code]).toEqual([413, 'PayloadTooLargeError']);
		expect(server.eventCount()).toBe(0);
	});

	it('de-duplicates by keen.uniqueness_token per collection: first wins, duplicates still succeed', async () => {
		const event = (n: number) => ({ n, keen: { uniqueness_token: 'token-1' } });
		await call(server, 'POST', projectUrl(server, 'events', 'a'), { key: server.writeKey, body: event(1) });
		const again = await call(server, 'POST', projectUrl(server, 'events', 'a'), { key: server.writeKey, body: event(2) });
		const batch = await call(server, 'POST', projectUrl(server, 'events'), { key: server.writeKey, body: { a: [event(3)], b: [event(4), event(5)] } });
		expect(again.status).toBe(201);
		expect(batch.body).toEqual({ a: [{ success: true }], b: [{ success: true }, { success: true }] });
		expect(server.events('a').map((e) => e.n)).toEqual([1]);
		expect(server.events('b').map((e) => e.n)).toEqual([4]);
	});

	it('applies the ${keen.ip} / ${keen.user_agent} placeholders and records image beacons', async () => {
		const data = Buffer.from(JSON.stringify({ ip: '${keen.ip}', page: '/home' })).toString('base64');
		const response = await call(server, 'GET', projectUrl(server, 'events', 'beacons'), { query: { data }, apiKey: server.writeKey });
		expect(response.status).toBe(200);
		expect(response.headers['content-type']).toBe('image/gif');
		expect(server.events('beacons')[0]).toMatchObject({ ip: '127.0.0.1', page: '/home' });
	});

	it('describes all collections, one collection and one property with Keen types', async () => {
		await call(server, 'POST', projectUrl(server, 'events', 'purchases'), {
			key: server.writeKey,
			body: { item: 'gadget', price: 25, on_sale: true, tags: ['a'], when: '2024-05-01T00:00:00.000Z', user: { id: 'u1', address: { city: 'Oslo' } }, nothing: null },
		});
		const all = await call(server, 'GET', projectUrl(server, 'events'), { key: server.readKey });
		expect(all.body).toEqual([{ name: 'purchases', properties: expect.any(Object), url: projectUrl(server, 'events', 'purchases') }]);
		expect(all.body[0].properties).toEqual({
			item: 'string',
			'keen.created_at': 'datetime',
			'keen.id': 'string',
			'keen.timestamp': 'datetime',
			nothing: 'null',
			on_sale: 'bool',
			price: 'num',
			tags: 'list',
			'user.address.city': 'string',
			'user.id': 'string',
			when: 'datetime',
		});
		const one = await call(server, 'GET', projectUrl(server, 'events', 'purchases'), { key: server.readKey });
		expect(one.body.properties.price).toBe('num');
		const property = await call(server, 'GET', projectUrl(server, 'events', 'purchases', 'properties', 'user.id'), { apiKey: server.readKey });
		expect(property.body).toEqual({ property_name: 'user.id', url: projectUrl(server, 'events', 'purchases', 'properties', 'user.id'), type: 'string' });
		const missing = await call(server, 'GET', projectUrl(server, 'events', 'nope'), { key: server.readKey });
		expect([missing.status, missing.body.error_code]).toEqual([404, 'ResourceNotFoundError']);
	});

	it('accepts URL-encoded collection names with spaces and slashes', async () => {
		const response = await call(server, 'POST', projectUrl(server, 'events', 'User posts.new/v2'), { key: server.writeKey, body: { a: 1 } });
		expect(response.status).toBe(201);
		expect(server.eventCount('User posts.new/v2')).toBe(1);
	});

	it('seeds realistic events deterministically', async () => {
		const options = { seed: 300, now: () => new Date('2024-05-10T00:00:00.000Z') };
		const [first, second] = await Promise.all([startKeenServer(options), startKeenServer(options)]);
		const strip = (s: KeenServer) => s.events('purchases').map(({ keen, ...rest }) => rest);
		expect(first.eventCount()).toBe(300);
		expect(strip(first)).toEqual(strip(second));
		expect(first.events('purchases')[0]).toMatchObject({ user: { id: expect.any(String) }, country: expect.any(String), price: expect.any(Number) });
		await Promise.all([first.close(), second.close()]);
	});
});
