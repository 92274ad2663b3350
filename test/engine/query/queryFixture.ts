import { startKeenServer, type KeenServer } from '../../keen-server';

/** The clock of the query and extraction tests: every seeded event lies in this_7_days. */
export const NOW = new Date('2024-05-10T12:00:00.000Z');

export const PURCHASES = [
	{ price: 10, country: 'FR', user: { id: 'u1' }, keen: { timestamp: '2024-05-08T10:00:00.000Z' } },
	{ price: 20, country: 'DE', user: { id: 'u2' }, keen: { timestamp: '2024-05-09T10:00:00.000Z' } },
	{ price: 30, country: 'FR', user: { id: 'u1' }, keen: { timestamp: '2024-05-09T11:00:00.000Z' } },
];

export const SIGNUPS = [
	{ user: { id: 'u1' }, keen: { timestamp: '2024-05-07T09:00:00.000Z' } },
	{ user: { id: 'u2' }, keen: { timestamp: '2024-05-07T10:00:00.000Z' } },
	{ user: { id: 'u3' }, keen: { timestamp: '2024-05-08T10:00:00.000Z' } },
];

/** One local Keen server per test file, clock pinned, purchases and signups seeded; request log cleared per test. */
export function useQueryServer(): () => KeenServer {
	let server: KeenServer;
	beforeAll(async () => {
		server = await startKeenServer({ port: 0, now: () => NOW });
		server.ingest('purchases', PURCHASES);
		server.ingest('signups', SIGNUPS);
	});
	afterAll(async () => await server.close());
	beforeEach(() => {
		server.clearRequests();
		server.faults.clear();
	});
	return () => server;
}
