import { hintsOf, keenErrorOf, run, sent, useKeenServer } from '../../harness/engine-test-kit';
import { seedDataset } from '../cachedDataset/seed';

/**
 * Keen's sources disagree on whether the dataset list and definition and GET /queries take the
 * read key or only the master key (docs/keen-api.md §3). The node sends the read key; when Keen refuses
 * it, whatever the status (401 or 403), it tries the master key once and says so in the hints.
 */
describe.each([
	[403, 'AdminOnlyEndpointError'],
	[401, 'InvalidApiKeyError'],
] as const)('Read-key operations against a Keen that wants the master key (wrong key kind → %p)', (wrongKeyStatus, errorCode) => {
	const server = useKeenServer({ masterOnlyLists: true, wrongKeyStatus, datasetBootstrapMs: 0 });
	beforeAll(async () => await seedDataset(server(), 'ds-fallback'));

	it.each([
		['Cached Dataset → Get Many', { resource: 'cachedDataset', operation: 'getAll' }, '/datasets'],
		['Query → List Query Resources', { resource: 'query', operation: 'listResources' }, '/queries'],
	])('%s: read key refused, master key used once, hint shown once for all items', async (_name, parameters, path) => {
		const s = server();
		const result = await run(s, parameters, { items: [{}, {}] });
		expect(result.status).toBe('success');
		expect(result.items.length).toBeGreaterThan(0);
		expect(sent(s).map((request) => request.keyKind)).toEqual(['read', 'master', 'read', 'master']);
		expect(hintsOf(result)).toEqual([
			`Keen refused the Read API Key for GET ${path} (401 ${errorCode}: ${errorCode === 'AdminOnlyEndpointError' ? 'This endpoint requires the master key.' : 'The API key is not valid for this endpoint.'}), so the request was repeated once with the Master API Key, which Keen accepted.`,
		]);
	});

	it('without a master key, fails with Keen’s answer and names the key that was sent', async () => {
		const s = server();
		const result = await run(s, { resource: 'cachedDataset', operation: 'getAll' }, { credentials: { masterApiKey: '' } });
		expect(keenErrorOf(result)).toMatchObject({ httpCode: '401', error_code: errorCode });
		expect((result.error as { description?: string }).description).toMatch(/This request used the Read API Key\.$/);
		expect(sent(s).map((request) => request.keyKind)).toEqual(['read']);
	});

	it('a wrong read key on a query is not retried with the master key', async () => {
		const s = server();
		const result = await run(s, { resource: 'query', operation: 'count', collection: { __rl: true, mode: 'name', value: 'purchases' }, timeframe: 'this_7_days' }, { credentials: { readApiKey: 'not-a-key-0000' } });
		expect(keenErrorOf(result)).toMatchObject({ httpCode: '401', error_code: 'InvalidApiKeyError' });
		expect(sent(s)).toHaveLength(1);
	});
});

describe('Read-key operations against a Keen that takes the read key', () => {
	const server = useKeenServer({ masterOnlyLists: false });

	it('sends only the read key and shows no hint', async () => {
		const s = server();
		const result = await run(s, { resource: 'query', operation: 'listResources' });
		expect(sent(s).map((request) => request.keyKind)).toEqual(['read']);
		expect(hintsOf(result)).toEqual([]);
	});
});
