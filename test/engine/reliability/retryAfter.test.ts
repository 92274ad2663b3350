import { keenCredentials, runNode } from '../../harness';
import { startKeenServer, type KeenServer } from '../../keen-server';

/*
 * Issue 10 case 8: Retry-After is honoured, measured. The first retry delay is set to 1 ms, so a
 * retry sooner than the server's Retry-After (1 s) can only come from ignoring it. Only a lower
 * bound is asserted: a busy machine makes the run slower, never faster.
 */

let server: KeenServer;
beforeAll(async () => {
	server = await startKeenServer({ port: 0 });
	server.ingest('waits', [{ n: 1 }]);
});
afterAll(async () => await server.close());

it('waits the Retry-After of a 429 before retrying, though its own backoff would retry after 1 ms', async () => {
	server.faults.add({ kind: 'status', status: 429, retryAfter: 1, path: `/3.0/projects/${server.projectId}/queries/count`, count: 1 });
	// When each request reached the server: the wait between them is what Retry-After governs.
	const arrivals: number[] = [];
	const log = server.requests;
	const push = log.push.bind(log);
	log.push = (...entries) => {
		arrivals.push(Date.now());
		return push(...entries);
	};
	const result = await runNode({
		credentials: { ...keenCredentials(server) },
		parameters: {
			resource: 'query',
			operation: 'count',
			collection: { __rl: true, mode: 'name', value: 'waits' },
			requestOptions: { maxRetries: 2, retryDelay: 1 },
		},
	});
	expect(result.status).toBe('success');
	expect(server.requests.map((request) => request.status)).toEqual([429, 200]);
	expect(arrivals[1] - arrivals[0]).toBeGreaterThanOrEqual(1000);
});
