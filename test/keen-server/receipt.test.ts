import { startKeenServer, type KeenServer } from './index';
import { call, projectUrl } from './test-client';

describe('keen-server: receipt time (keen.created_at) and its clock', () => {
	let server: KeenServer;
	beforeAll(async () => {
		server = await startKeenServer({ now: () => new Date('2024-05-10T12:00:00.000Z') });
	});
	afterAll(() => server.close());

	it('answers with a Date header from its own clock, pinned or not', async () => {
		server.setNow('2024-05-11T08:30:15.700Z');
		const response = await call(server, 'GET', projectUrl(server, 'events'), { key: server.readKey });
		expect(response.headers.date).toBe('Sat, 11 May 2024 08:30:15 GMT');
		server.setNow(null);
	});

	it('filters extractions on keen.created_at, independently of keen.timestamp', async () => {
		server.setNow('2024-05-10T12:00:00.000Z');
		server.ingest('orders', [{ n: 'early', keen: { timestamp: '2024-05-01T00:00:00.000Z' } }]);
		server.setNow('2024-05-10T12:05:00.000Z');
		server.ingest('orders', [{ n: 'backdated, received late', keen: { timestamp: '2024-05-02T00:00:00.000Z' } }, { n: 'now' }]);
		server.setNow(null);
		const response = await call(server, 'POST', projectUrl(server, 'queries', 'extraction'), {
			key: server.readKey,
			body: {
				event_collection: 'orders',
				timeframe: { start: '2024-04-30T00:00:00.000Z', end: '2024-05-11T00:00:00.000Z' },
				filters: [{ property_name: 'keen.created_at', operator: 'gte', property_value: '2024-05-10T12:01:00Z' }],
			},
		});
		expect(response.status).toBe(200);
		expect(response.body.result.map((event: { n: string }) => event.n)).toEqual(['backdated, received late', 'now']);
	});
});
