import * as analysis from './analysis';
import { startKeenServer, type KeenServer } from './index';
import { call, projectUrl } from './test-client';

const COUNT_QUERY = { analysis_type: 'count', event_collection: 'purchases', timeframe: 'this_7_days' };

describe('keen-server: queries, saved queries, datasets, projects, deletes', () => {
	let server: KeenServer;

	beforeEach(async () => {
		server = await startKeenServer({ now: () => new Date('2024-05-10T12:00:00.000Z') });
		server.ingest('purchases', [
			{ price: 10, country: 'US', product: { id: 'p1' }, keen: { timestamp: '2024-05-09T10:00:00.000Z' } },
			{ price: 20, country: 'CA', product: { id: 'p2' }, keen: { timestamp: '2024-05-09T11:00:00.000Z' } },
			{ price: 30, country: 'US', product: { id: 'p1' }, keen: { timestamp: '2024-05-01T11:00:00.000Z' } },
		]);
	});
	afterEach(() => server.close());

	const master = () => ({ key: server.masterKey });
	const putSaved = (name: string, body: unknown) => call(server, 'PUT', projectUrl(server, 'queries', 'saved', name), { ...master(), body });

	describe('analyses', () => {
		it('passes the same params to runAnalysis from a GET query string and a POST body', async () => {
			const spy = jest.spyOn(analysis, 'runAnalysis');
			const params = {
				event_collection: 'purchases',
				timeframe: { start: '2024-05-01T00:00:00.000Z', end: '2024-05-10T00:00:00.000Z' },
				filters: [{ property_name: 'price', operator: 'gte', property_value: 10 }],
				group_by: ['country'],
				percentile: 50,
				target_property: 'price',
				include_metadata: true,
			};
			const post = await call(server, 'POST', projectUrl(server, 'queries', 'percentile'), { key: server.readKey, body: params });
			const get = await call(server, 'GET', projectUrl(server, 'queries', 'percentile'), { apiKey: server.readKey, query: params });
			expect(post.status).toBe(200);
			expect(get.body.result).toEqual(post.body.result);
			expect(spy.mock.calls[1][1]).toEqual(spy.mock.calls[0][1]);
			expect(spy.mock.calls[0].slice(0, 2)).toEqual(['percentile', params]);
			spy.mockRestore();
		});

		it('answers an unknown analysis with 404 and bad params with the engine error', async () => {
			const unknown = await call(server, 'POST', projectUrl(server, 'queries', 'mode'), { key: server.readKey, body: {} });
			expect([unknown.status, unknown.body.error_code]).toEqual([404, 'ResourceNotFoundError']);
			const bad = await call(server, 'POST', projectUrl(server, 'queries', 'sum'), { key: server.readKey, body: { event_collection: 'purchases' } });
			expect(bad.status).toBe(400);
			expect(bad.body).toEqual({ message: expect.any(String), error_code: expect.any(String) });
			const malformed = await call(server, 'POST', projectUrl(server, 'queries', 'count'), { key: server.readKey, rawBody: '{' });
			expect([malformed.status, malformed.body.error_code]).toEqual([400, 'BadRequestError']);
		});

		it('answers a synchronous CSV extraction with CSV text', async () => {
			const response = await call(server, 'POST', projectUrl(server, 'queries', 'extraction'), {
				key: server.readKey,
				body: { event_collection: 'purchases', timeframe: 'this_30_days', content_type: 'text/csv', property_names: ['price', 'product.id'] },
			});
			expect(response.headers['content-type']).toMatch(/^text\/csv/);
			expect(response.text.split('\r\n')[0]).toBe('price,product.id');
			expect(response.text.trim().split('\r\n')).toHaveLength(4);
		});

		it('acknowledges an email extraction and keeps the file it would have sent', async () => {
			const response = await call(server, 'POST', projectUrl(server, 'queries', 'extraction'), {
				key: server.readKey,
				body: { event_collection: 'purchases', timeframe: 'this_30_days', email: 'me@example.com' },
			});
			expect(response.body).toEqual({ result: expect.stringContaining('email') });
			expect(server.emailExtractions).toEqual([expect.objectContaining({ email: 'me@example.com', contentType: 'text/csv', eventCount: 3 })]);
		});

		it('lists query resources', async () => {
			const response = await call(server, 'GET', projectUrl(server, 'queries'), { key: server.readKey });
			expect(response.body.count_url).toBe(projectUrl(server, 'queries', 'count'));
			expect(Object.keys(response.body)).toHaveLength(14);
		});
	});

	describe('saved queries', () => {
		it('creates (201), replaces (200), normalises, lists, gets, computes and deletes', async () => {
			const created = await putSaved('weekly', { refresh_rate: 0, query: COUNT_QUERY, metadata: { display_name: 'Weekly' } });
			expect(created.status).toBe(201);
			expect(created.body).toMatchObject({
				query_name: 'weekly',
				refresh_rate: 0,
				query: { ...COUNT_QUERY, filters: [], group_by: null, interval: null, timezone: null },
				metadata: { display_name: 'Weekly' },
				run_information: null,
			});
			const replaced = await putSaved('weekly', { refresh_rate: 14_400, query: { ...COUNT_QUERY, group_by: 'country' } });
			expect(replaced.status).toBe(200);
			expect(replaced.body.query.group_by).toEqual(['country']);
			expect(replaced.body.metadata).toEqual({});
			expect((await call(server, 'GET', projectUrl(server, 'queries', 'saved'), master())).body).toHaveLength(1);
			expect((await call(server, 'GET', projectUrl(server, 'queries', 'saved', 'weekly'), master())).body.query_name).toBe('weekly');
			const result = await call(server, 'GET', projectUrl(server, 'queries', 'saved', 'weekly', 'result'), { key: server.readKey });
			expect(result.body).toMatchObject({ query_name: 'weekly', result: expect.arrayContaining([{ country: 'US', result: 1 }]) });
			expect((await call(server, 'DELETE', projectUrl(server, 'queries', 'saved', 'weekly'), master())).status).toBe(204);
			expect((await call(server, 'DELETE', projectUrl(server, 'queries', 'saved', 'weekly'), master())).status).toBe(404);
		});

		it.each([[1], [3_600], [14_399], [172_801], ['14400'], [undefined]])('refuses refresh_rate %p with 400', async (refreshRate) => {
			const response = await putSaved('q', { refresh_rate: refreshRate, query: COUNT_QUERY });
			expect(response.status).toBe(400);
		});

		it('honours configured refresh-rate bounds', async () => {
			await server.close();
			server = await startKeenServer({ refreshRate: { min: 60, max: 120 } });
			expect((await putSaved('q', { refresh_rate: 60, query: COUNT_QUERY })).status).toBe(201);
			expect((await putSaved('q', { refresh_rate: 14_400, query: COUNT_QUERY })).status).toBe(400);
		});

		it('refuses read-only fields and nulls on PUT, and renames via query_name', async () => {
			const readOnly = await putSaved('q', { refresh_rate: 0, query: COUNT_QUERY, run_information: {} });
			expect([readOnly.status, readOnly.body.message]).toEqual([400, expect.stringContaining('run_information')]);
			expect((await putSaved('q', { refresh_rate: 0, query: { ...COUNT_QUERY, group_by: null } })).status).toBe(400);
			expect((await putSaved('q', { refresh_rate: 0, query: { event_collection: 'x' } })).body.error_code).toBe('MissingRequiredRequestFieldError');
			await putSaved('old', { refresh_rate: 0, query: COUNT_QUERY });
			await putSaved('taken', { refresh_rate: 0, query: COUNT_QUERY });
			const renamed = await putSaved('old', { query_name: 'new', refresh_rate: 0, query: COUNT_QUERY });
			expect([renamed.status, renamed.body.query_name]).toEqual([200, 'new']);
			expect((await call(server, 'GET', projectUrl(server, 'queries', 'saved', 'old'), master())).status).toBe(404);
			expect((await putSaved('new', { query_name: 'taken', refresh_rate: 0, query: COUNT_QUERY })).status).toBe(409);
		});
	});

	describe('cached datasets', () => {
		const dataset = { query: { ...COUNT_QUERY, interval: 'daily', group_by: ['country'] }, index_by: 'product.id', display_name: 'By product' };

		it('validates definitions', async () => {
			const put = (body: unknown) => call(server, 'PUT', projectUrl(server, 'datasets', 'd'), { ...master(), body });
			expect((await put({ ...dataset, index_by: undefined })).status).toBe(400);
			expect((await put({ ...dataset, index_by: 'country' })).status).toBe(400);
			expect((await put({ ...dataset, query: { ...dataset.query, interval: undefined } })).status).toBe(400);
			expect((await put({ ...dataset, query: { ...dataset.query, timeframe: { start: '2024-01-01', end: '2024-02-01' } } })).status).toBe(400);
			expect((await put(dataset)).status).toBe(201);
			expect((await put(dataset)).status).toBe(409);
		});

		it('pages the list with limit / after_name / absolute next_page_url / count', async () => {
			for (const name of ['c', 'a', 'b']) await call(server, 'PUT', projectUrl(server, 'datasets', name), { ...master(), body: dataset });
			const first = await call(server, 'GET', projectUrl(server, 'datasets'), { key: server.readKey, query: { limit: '2' } });
			expect(first.body.datasets.map((d: { dataset_name: string }) => d.dataset_name)).toEqual(['a', 'b']);
			expect(first.body.count).toBe(3);
			expect(first.body.next_page_url).toBe(`${server.url}${projectUrl(server, 'datasets')}?limit=2&after_name=b`);
			const second = await call(server, 'GET', first.body.next_page_url.slice(server.url.length), { key: server.readKey });
			expect(second.body).toMatchObject({ datasets: [expect.objectContaining({ dataset_name: 'c' })], next_page_url: null });
			expect((await call(server, 'GET', projectUrl(server, 'datasets'), { key: server.readKey, query: { limit: '101' } })).status).toBe(400);
		});

		it('computes results for an index value, plain or as a JSON object, interval-shaped', async () => {
			await call(server, 'PUT', projectUrl(server, 'datasets', 'd'), { ...master(), body: dataset });
			const plain = await call(server, 'GET', projectUrl(server, 'datasets', 'd', 'results'), { key: server.readKey, query: { index_by: 'p1', timeframe: 'this_2_days' } });
			const object = await call(server, 'GET', projectUrl(server, 'datasets', 'd', 'results'), { key: server.readKey, query: { index_by: { 'product.id': 'p1' }, timeframe: 'this_2_days' } });
			expect(plain.status).toBe(200);
			expect(plain.body).toEqual(object.body);
			expect(plain.body.result).toEqual([
				{ timeframe: { start: '2024-05-09T00:00:00.000Z', end: '2024-05-10T00:00:00.000Z' }, value: [{ country: 'US', result: 1 }] },
				{ timeframe: { start: '2024-05-10T00:00:00.000Z', end: '2024-05-11T00:00:00.000Z' }, value: [] },
			]);
			expect((await call(server, 'GET', projectUrl(server, 'datasets', 'd'), { key: server.readKey })).body).toMatchObject({ dataset_name: 'd', index_by: ['product.id'] });
			expect((await call(server, 'DELETE', projectUrl(server, 'datasets', 'd'), master())).status).toBe(204);
		});
	});

	describe('organization projects', () => {
		const orgUrl = (...rest: string[]) => [`/3.0/organizations/${server.organizationId}/projects`, ...rest].join('/');
		const org = () => ({ key: server.organizationKey });

		it('lists, creates (409 on duplicate), gets and updates projects whose keys work', async () => {
			const created = await call(server, 'POST', orgUrl(), { ...org(), body: { name: 'Second', users: [{ email: 'a@b.c' }] } });
			expect(created.status).toBe(200);
			expect(created.body).toMatchObject({ name: 'Second', apiKeys: { masterKey: expect.stringMatching(/^[0-9a-f]{64}$/) }, users: [{ email: 'a@b.c' }] });
			expect((await call(server, 'POST', orgUrl(), { ...org(), body: { name: 'Second' } })).status).toBe(409);
			expect((await call(server, 'GET', orgUrl(), org())).body).toHaveLength(2);
			const id = created.body.id;
			const updated = await call(server, 'POST', orgUrl(id), { ...org(), body: { name: 'Renamed', users: [] } });
			expect(updated.body).toMatchObject({ id, name: 'Renamed', users: [] });
			expect((await call(server, 'GET', orgUrl(id), org())).body.name).toBe('Renamed');
			const write = await call(server, 'POST', `/3.0/projects/${id}/events/x`, { key: created.body.apiKeys.writeKey, body: { a: 1 } });
			expect(write.status).toBe(201);
			expect((await call(server, 'POST', `/3.0/projects/${id}/events/x`, { key: server.writeKey, body: { a: 1 } })).status).toBe(401);
		});
	});

	describe('deletes', () => {
		it('deletes by filters and timeframe from the query string, ignoring any body', async () => {
			const response = await call(server, 'DELETE', projectUrl(server, 'events', 'purchases'), {
				...master(),
				query: { filters: [{ property_name: 'country', operator: 'eq', property_value: 'US' }], timeframe: 'this_2_days', timezone: 'UTC' },
				body: { filters: [{ property_name: 'country', operator: 'eq', property_value: 'CA' }] },
			});
			expect(response.status).toBe(204);
			expect(server.events('purchases').map((event) => event.price)).toEqual([20, 30]);
		});

		it('deletes the whole collection when the filters are only in the body', async () => {
			await call(server, 'DELETE', projectUrl(server, 'events', 'purchases'), { ...master(), body: { filters: [] } });
			expect(server.eventCount('purchases')).toBe(0);
			expect((await call(server, 'GET', projectUrl(server, 'events', 'purchases'), master())).status).toBe(404);
		});

		it('deletes a property from every event and its schema, but not keen.* (403)', async () => {
			expect((await call(server, 'DELETE', projectUrl(server, 'events', 'purchases', 'properties', 'product.id'), master())).status).toBe(204);
			expect(server.events('purchases')[0].product).toEqual({});
			const schema = await call(server, 'GET', projectUrl(server, 'events', 'purchases'), master());
			expect(schema.body.properties['product.id']).toBeUndefined();
			const keen = await call(server, 'DELETE', projectUrl(server, 'events', 'purchases', 'properties', 'keen.timestamp'), master());
			expect([keen.status, keen.body.error_code]).toEqual([403, 'ProtectedPropertyError']);
			expect((await call(server, 'DELETE', projectUrl(server, 'events', 'purchases'), { key: server.readKey })).status).toBe(401);
		});
	});

	describe('misc endpoints', () => {
		it('serves project info, timezones and CORS preflights', async () => {
			const info = await call(server, 'GET', projectUrl(server), master());
			expect(info.body).toMatchObject({ id: server.projectId, events: [{ name: 'purchases', url: projectUrl(server, 'events', 'purchases') }] });
			const zones = await call(server, 'GET', '/timezones');
			expect(zones.body).toContainEqual({ name: 'US/Pacific', utc_offset: '-07:00', number_of_seconds_to_offset_time: -25_200 });
			const preflight = await call(server, 'OPTIONS', projectUrl(server, 'events', 'x'));
			expect(preflight.status).toBe(204);
			expect(preflight.headers['access-control-allow-headers']).toContain('Keen-Sdk');
			expect((await call(server, 'GET', '/nowhere')).body.error_code).toBe('ResourceNotFoundError');
		});

		it('keeps events in a data file across restarts', async () => {
			const file = `${require('node:os').tmpdir()}/keen-server-${process.pid}-${Date.now()}.json`;
			const first = await startKeenServer({ dataFile: file });
			first.ingest('kept', [{ a: 1 }]);
			await first.close();
			const second = await startKeenServer({ dataFile: file });
			expect([second.masterKey, second.events('kept')]).toEqual([first.masterKey, first.events('kept')]);
			await second.close();
			require('node:fs').unlinkSync(file);
		});
	});
});
