import { byName, run, sent, useKeenServer } from '../../harness/engine-test-kit';
import { seedSavedQuery } from './seed';

const server = useKeenServer();

describe('Saved Query → Delete', () => {
	it('DELETEs with the master key and says what was deleted', async () => {
		const s = server();
		await seedSavedQuery(s, 'old');
		const result = await run(s, { resource: 'savedQuery', operation: 'delete', savedQuery: byName('old') });
		expect(result.items.map((i) => i.json)).toEqual([{ deleted: true, query_name: 'old' }]);
		expect(sent(s)).toEqual([{ method: 'DELETE', path: `/3.0/projects/${s.projectId}/queries/saved/old`, query: {}, keyKind: 'master', body: undefined }]);
		expect(s.project.savedQueries.has('old')).toBe(false);
	});

	it('continues on fail with an error item for a missing query', async () => {
		const result = await run(server(), { resource: 'savedQuery', operation: 'delete', savedQuery: byName('never') }, { continueOnFail: true });
		expect(result.status).toBe('success');
		expect(result.items[0].json.error).toEqual(expect.any(String));
		expect(JSON.stringify(result.items[0].json)).toMatch(/saved query|404/);
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
	});
});
