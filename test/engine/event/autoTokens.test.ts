import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { keenCredentials, runNode } from '../../harness';
import { useEventServer } from '../../harness/engine-test-kit';
import type { KeenServer } from '../../keen-server';

/**
 * Issue 10.2: Auto uniqueness tokens are unique per run of the node and stable across retries
 * inside that run. Before, a node inside a loop stored only its first batch (the tokens had no run
 * index, so Keen dropped every later batch as duplicates of the first).
 */
let server: KeenServer;
useEventServer((started) => (server = started));

const eventsPath = () => `/3.0/projects/${server.projectId}/events`;
const numbers = (count: number) => Array.from({ length: count }, (_, n) => ({ n }));
const storedNumbers = (collection: string) => server.events(collection).map((event) => Number(event.n)).sort((a, b) => a - b);

function record(collection: string, options: INodeParameters = {}): INodeParameters {
	return {
		resource: 'event',
		operation: 'recordMany',
		collection: { __rl: true, mode: 'name', value: collection },
		requestOptions: { retryDelay: 1, maxRetries: 6 },
		options,
	};
}

describe('Auto uniqueness tokens', () => {
	it('a node run 5 times in one execution (a loop of 10-item batches) stores every one of 50 events once', async () => {
		const result = await runNode({ credentials: { ...keenCredentials(server) }, parameters: record('tok_loop'), items: numbers(50), loopBatchSize: 10 });
		expect(result.status).toBe('success');
		expect(result.runs).toHaveLength(5);
		expect(result.runs.flat().every((item) => item.json.created === true)).toBe(true);
		expect(storedNumbers('tok_loop')).toEqual(numbers(50).map(({ n }) => n));
		const tokens = server.events('tok_loop').map((event) => (event.keen as IDataObject).uniqueness_token);
		expect(new Set(tokens).size).toBe(50);
	});

	it('inside the loop, 503s, 429 bursts and connections dropped after Keen stored the batch store no duplicate', async () => {
		server.faults.add({ method: 'POST', path: eventsPath(), count: 3, kind: 'dropAfterProcessing' });
		server.faults.add({ method: 'POST', path: eventsPath(), count: 2, kind: 'status', status: 503 });
		server.faults.add({ method: 'POST', path: eventsPath(), count: 3, kind: 'status', status: 429, retryAfter: 0 });
		server.faults.add({ method: 'POST', path: eventsPath(), probability: 0.2, kind: 'dropAfterProcessing' });
		const result = await runNode({
			credentials: { ...keenCredentials(server) },
			parameters: record('tok_loop_faults', { batchSize: 4, concurrency: 2 }),
			items: numbers(60),
			loopBatchSize: 12,
		});
		expect(result.status).toBe('success');
		expect(result.runs).toHaveLength(5);
		expect(server.requests.filter((request) => request.fault === 'dropAfterProcessing').length).toBeGreaterThan(3);
		expect(storedNumbers('tok_loop_faults')).toEqual(numbers(60).map(({ n }) => n));
	});

	it("the node's Retry On Fail, after a try whose batch Keen stored but whose answer was lost, stores no duplicate", async () => {
		server.faults.add({ method: 'POST', path: eventsPath(), count: 1, kind: 'dropAfterProcessing' });
		const result = await runNode({
			credentials: { ...keenCredentials(server) },
			parameters: { ...record('tok_retry_on_fail'), requestOptions: { retryDelay: 1, maxRetries: 0 } },
			items: numbers(5),
			retryOnFail: { maxTries: 2 },
		});
		expect(result.status).toBe('success');
		expect(server.requests.filter((request) => request.method === 'POST')).toHaveLength(2);
		expect(storedNumbers('tok_retry_on_fail')).toEqual([0, 1, 2, 3, 4]);
	});

	it('two executions sharing an execution ID (a reset database, a second instance) both store their events', async () => {
		for (let i = 0; i < 2; i++) {
			const result = await runNode({ credentials: { ...keenCredentials(server) }, parameters: record('tok_shared_id'), items: numbers(3), executionId: 'shared-execution' });
			expect(result.status).toBe('success');
		}
		expect(storedNumbers('tok_shared_id')).toEqual([0, 0, 1, 1, 2, 2]);
	});
});
