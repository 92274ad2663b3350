import { byName, keenErrorOf, run, useKeenServer } from '../../harness/engine-test-kit';
import { seedSavedQuery } from './seed';

/**
 * Keen's sources disagree on the refresh-rate bounds (docs/keen-api.md §8.2): the node sends any rate
 * in their union (0, or 1–48 hours) and lets Keen decide; a refusal carries a hint with Keen's range.
 */
describe.each([
	['explorer', '14400 to 172800 seconds (4 to 48 hours)', { 1: false, 4: true, 24: true, 48: true }],
	['docs', '3600 to 86400 seconds (1 to 24 hours)', { 1: true, 4: true, 24: true, 48: false }],
	['java', '14400 to 86400 seconds (4 to 24 hours)', { 1: false, 4: true, 24: true, 48: false }],
] as const)('Saved Query → Set Caching against a Keen with %s refresh-rate bounds', (refreshRate, range, accepted) => {
	const server = useKeenServer({ refreshRate });

	it.each([1, 4, 24, 48] as const)('%p hours: sent, and stored or refused by Keen with a hint naming its range', async (hours) => {
		const s = server();
		await seedSavedQuery(s, `cache-${hours}`);
		const result = await run(s, { resource: 'savedQuery', operation: 'setCaching', savedQuery: byName(`cache-${hours}`), refreshRate: hours });
		expect(s.requests.map((request) => request.method)).toEqual(['GET', 'PUT']);
		if (accepted[hours]) {
			expect(result.items[0].json.refresh_rate).toBe(hours * 3_600);
		} else {
			expect(keenErrorOf(result)).toMatchObject({ httpCode: '400' });
			expect((result.error as { description?: string }).description).toBe(`Keen accepts a refresh rate of 0 (no caching) or ${range} here; choose one in that range.`);
			expect(s.project.savedQueries.get(`cache-${hours}`)?.refresh_rate).toBe(0);
		}
	});
});
