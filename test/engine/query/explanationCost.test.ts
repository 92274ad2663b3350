import { keenCredentials, runNode } from '../../harness';
import { byName, hintsOf, run, useKeenServer } from '../../harness/engine-test-kit';

/*
 * Issue 22.6: an empty result is explained by one look at the project's schema (GET /events), read
 * at most once per execution and shared by every item — and not at all when nothing needs explaining.
 */

const server = useKeenServer();
const ITEMS = Array.from({ length: 50 }, (_, n) => ({ n }));
const schemaReads = () => server().requests.filter((r) => r.method === 'GET' && r.path === `/3.0/projects/${server().projectId}/events`).length;
const counts = () => server().requests.filter((r) => r.path.endsWith('/queries/count')).length;

describe('explaining an empty result', () => {
	it('50 items that each count 0: 50 queries and one schema read; the hint names the known collections', async () => {
		const result = await run(server(), { resource: 'query', operation: 'count', collection: byName('purchasez') }, { items: ITEMS });
		expect(result.status).toBe('success');
		expect(result.items.map((item) => item.json.value)).toEqual(ITEMS.map(() => 0));
		expect(counts()).toBe(50);
		expect(schemaReads()).toBe(1);
		expect([...new Set(hintsOf(result))]).toEqual([expect.stringMatching(/^There is no event collection "purchasez" in this project\. Use one of: .*purchases/)]);
	});

	it('the same inside a loop of 10 batches: still one schema read for the execution', async () => {
		const result = await runNode({
			credentials: { ...keenCredentials(server()) },
			parameters: { resource: 'query', operation: 'count', collection: byName('purchasez'), requestOptions: { maxRetries: 0 } },
			items: ITEMS,
			loopBatchSize: 5,
		});
		expect(result.status).toBe('success');
		expect(result.runs).toHaveLength(10);
		expect(counts()).toBe(50);
		expect(schemaReads()).toBe(1);
	});

	it('results that need no explanation: no schema read', async () => {
		const result = await run(server(), { resource: 'query', operation: 'count', collection: byName('purchases'), timeframe: 'this_30_days' }, { items: ITEMS });
		expect(result.items.map((item) => item.json.value)).toEqual(ITEMS.map(() => 3));
		expect(schemaReads()).toBe(0);
		expect(hintsOf(result)).toEqual([]);
	});

	it('each execution reads the schema afresh (nothing is kept between executions)', async () => {
		for (let execution = 0; execution < 2; execution++) await run(server(), { resource: 'query', operation: 'count', collection: byName('purchasez') }, { items: ITEMS.slice(0, 3) });
		expect(schemaReads()).toBe(2);
	});
});
