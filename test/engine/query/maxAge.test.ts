import { byName, run, sent, useKeenServer } from '../../harness/engine-test-kit';

const server = useKeenServer();

/** The body of the one query the node sent. */
const queryBody = () => sent(server())[0].body as Record<string, unknown>;

describe('Options → Max Age of a Cached Result, on every analysis', () => {
	it.each([
		['Count', { operation: 'count' }],
		['Percentile', { operation: 'percentile', targetProperty: 'price', percentile: 50 }],
		['Multi-Analysis', { operation: 'multiAnalysis', analyses: { analysis: [{ label: 'n', analysisType: 'count' }] } }],
	])('%s sends max_age when it is set, and nothing when it is not', async (_name, fields) => {
		const parameters = { resource: 'query', collection: byName('purchases'), timeframe: 'this_7_days', ...fields };
		const cached = await run(server(), { ...parameters, options: { maxAge: 600 } });
		expect(cached.status).toBe('success');
		expect(queryBody().max_age).toBe(600);

		server().clearRequests();
		const fresh = await run(server(), parameters);
		expect(fresh.status).toBe('success');
		expect(queryBody()).not.toHaveProperty('max_age');
	});

	it('refuses a max age that is not a whole number of seconds, naming the field and sending nothing', async () => {
		const result = await run(server(), { resource: 'query', operation: 'count', collection: byName('purchases'), options: { maxAge: 1.5 } });
		expect(result.error?.message).toBe('Max Age must be a whole number of seconds of at least 1, got 1.5 (item 0, field "Options")');
		expect(server().requests).toHaveLength(0);
	});
});
