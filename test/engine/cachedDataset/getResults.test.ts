import { createServer } from 'node:http';

import { keenCredentials, runNode } from '../../harness';
import { byName, hintsOf, keenErrorOf, readKeyRequests, run, sent, useKeenServer } from '../../harness/engine-test-kit';
import { seedDataset } from './seed';

const server = useKeenServer();
const base = { resource: 'cachedDataset', operation: 'getResults', dataset: byName('ds-results'), timeframe: 'this_7_days' };

describe('Cached Dataset → Get Results', () => {
	beforeAll(async () => await seedDataset(server(), 'ds-results'));

	it('reads the definition, then the results for an index value with the read key, one row per day and group', async () => {
		const s = server();
		const result = await run(s, { ...base, indexValue: 'p1' });
		expect(result.status).toBe('success');
		const rows = result.items.map((i) => i.json);
		expect(rows.length).toBeGreaterThan(0);
		expect(rows.every((row) => 'timeframe_start' in row && 'value' in row)).toBe(true);
		expect(rows.filter((row) => row.country === 'FR').reduce((sum, row) => sum + Number(row.value ?? 0), 0)).toBe(15);
		const path = `/3.0/projects/${s.projectId}/datasets/ds-results`;
		expect(sent(s)).toEqual([
			...readKeyRequests(s, { method: 'GET', path, query: {}, body: undefined }),
			{ method: 'GET', path: `${path}/results`, query: { index_by: 'p1', timeframe: 'this_7_days' }, keyKind: 'read', body: undefined },
		]);
	});

	it('sends key/value index values as JSON and returns the raw answer without Simplify', async () => {
		const s = server();
		const result = await run(s, { ...base, indexValue: '{"product.id": "p2"}', simplify: false });
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toHaveProperty('result');
		const results = sent(s).filter((request) => request.path.endsWith('/results'));
		expect(results.map((request) => request.query)).toEqual([{ index_by: '{"product.id":"p2"}', timeframe: 'this_7_days' }]);
	});

	it('reports a missing dataset', async () => {
		const result = await run(server(), { ...base, dataset: byName('nope'), indexValue: 'p1' });
		expect(keenErrorOf(result)).toMatchObject({ httpCode: '404', error_code: 'ResourceNotFoundError' });
	});
});

describe.each(['empty', 'error'] as const)('Cached Dataset → Get Results on a dataset still bootstrapping (results meanwhile: %s)', (meanwhile) => {
	const slow = useKeenServer({ datasetBootstrapMs: 1_200, datasetResultsWhileBootstrapping: meanwhile });

	it('fails with the status instead of showing empty results, and never asks for them', async () => {
		const s = slow();
		await seedDataset(s, 'ds-new', { waitReady: false });
		const result = await run(s, { ...base, dataset: byName('ds-new'), indexValue: 'p1' });
		expect(result.error?.message).toBe('Cached dataset "ds-new" is still bootstrapping (status Created); Keen has not computed its results yet (item 0)');
		expect((result.error as { description?: string }).description).toMatch(/Wait Until Ready/);
		expect(sent(s).some((request) => request.path.endsWith('/results'))).toBe(false);
	});

	it('waits until the dataset is ready when asked, then reads real results', async () => {
		const s = slow();
		await seedDataset(s, 'ds-wait', { waitReady: false });
		const result = await run(s, { ...base, dataset: byName('ds-wait'), indexValue: 'p1', waitUntilReady: true, maxWaitSeconds: 30 });
		expect(result.status).toBe('success');
		expect(result.items.filter((item) => item.json.country === 'FR').reduce((sum, item) => sum + Number(item.json.value ?? 0), 0)).toBe(15);
		const definitions = sent(s).filter((request) => !request.path.endsWith('/results'));
		expect(definitions.length).toBeGreaterThan(1);
	});

	it('gives up after Max Wait, saying how long it waited', async () => {
		const s = slow();
		await seedDataset(s, 'ds-late', { waitReady: false });
		s.project.datasets.get('ds-late')!.ready_at = Date.now() + 60_000;
		const result = await run(s, { ...base, dataset: byName('ds-late'), indexValue: 'p1', waitUntilReady: true, maxWaitSeconds: 1 });
		expect(result.error?.message).toMatch(/^Cached dataset "ds-late" is still bootstrapping \(status \w+\) after waiting 1 s;/);
		expect(hintsOf(result)).toEqual([]);
	});
});

// Issue 22.7: a dataset whose build failed will not become ready: Wait Until Ready stops at the first read.
describe('Cached Dataset → Get Results with Wait Until Ready on a failed dataset', () => {
	it('stops after one read of the definition, saying it failed', async () => {
		const paths: string[] = [];
		// Keen's answer for a dataset whose build failed; the local Keen server never fails one.
		const keen = createServer((req, res) => {
			paths.push(req.url ?? '');
			res.writeHead(200, { 'Content-Type': 'application/json' });
			res.end(JSON.stringify({ dataset_name: 'broken', status: 'Failed', latest_subtimeframe_available: null }));
		});
		await new Promise<void>((resolve) => keen.listen(0, '127.0.0.1', resolve));
		try {
			const s = server();
			const url = `http://127.0.0.1:${(keen.address() as { port: number }).port}`;
			const result = await runNode({
				credentials: { ...keenCredentials({ ...s, url }) },
				parameters: { ...base, dataset: byName('broken'), indexValue: 'p1', waitUntilReady: true, maxWaitSeconds: 5, requestOptions: { maxRetries: 0 } },
			});
			expect(result.error?.message).toMatch(/^Cached dataset "broken" failed to build \(status Failed\); it has no results/);
			expect(paths).toEqual([`/3.0/projects/${s.projectId}/datasets/broken`]);
		} finally {
			await new Promise((resolve) => keen.close(resolve));
		}
	});
});
