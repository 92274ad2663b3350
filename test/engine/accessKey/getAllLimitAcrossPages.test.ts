import { run, sent, useKeenServer } from '../../harness/engine-test-kit';
import { seedKey } from './seed';

const server = useKeenServer();

/** A limit above one page (per_page ≤ 200) must page with one page size, or page 2 repeats rows of page 1. */
describe('Access Key → Get Many with a limit above one page', () => {
	beforeAll(async () => {
		for (let i = 0; i < 260; i++) await seedKey(server(), `k${String(i).padStart(3, '0')}`);
	});

	it('returns exactly Limit keys, each once', async () => {
		const s = server();
		const result = await run(s, { resource: 'accessKey', operation: 'getAll', limit: 250 });
		const names = result.items.map((i) => i.json.name);
		expect(result.error).toBeUndefined();
		expect(names).toHaveLength(250);
		expect(new Set(names).size).toBe(250);
		expect(names[249]).toBe('k249');
		const pages = sent(s).map((r) => r.query);
		expect(new Set(pages.map((q) => q.per_page)).size).toBe(1);
	});
});
