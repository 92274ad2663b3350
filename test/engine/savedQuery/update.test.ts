import { byName, keenErrorOf, run, sent, useKeenServer } from '../../harness/engine-test-kit';
import { seedSavedQuery } from './seed';

const server = useKeenServer();
const base = { resource: 'savedQuery', operation: 'update' };

describe('Saved Query → Update', () => {
	it('fetches, merges and PUTs back without read-only fields or nulls', async () => {
		const s = server();
		await seedSavedQuery(s, 'merge-me');
		const result = await run(s, {
			...base,
			savedQuery: byName('merge-me'),
			updateFields: { queryJson: '{"timeframe":"this_30_days"}', displayName: 'Revenue (30 days)' },
		});
		expect(result.status).toBe('success');
		expect(result.items[0].json).toMatchObject({ query_name: 'merge-me', query: { timeframe: 'this_30_days', target_property: 'price' } });
		const [get, put] = sent(s);
		expect(get).toMatchObject({ method: 'GET', path: `/3.0/projects/${s.projectId}/queries/saved/merge-me`, keyKind: 'master' });
		expect(put).toEqual({
			method: 'PUT',
			path: `/3.0/projects/${s.projectId}/queries/saved/merge-me`,
			query: {},
			keyKind: 'master',
			body: {
				query_name: 'merge-me',
				refresh_rate: 0,
				query: { analysis_type: 'sum', event_collection: 'purchases', target_property: 'price', timeframe: 'this_30_days', group_by: ['country'], filters: [] },
				metadata: { display_name: 'Revenue (30 days)', tags: ['shop'] },
			},
		});
	});

	it('renames through New Name', async () => {
		const s = server();
		await seedSavedQuery(s, 'before');
		const result = await run(s, { ...base, savedQuery: byName('before'), newName: 'after' });
		expect(result.items[0].json.query_name).toBe('after');
		expect(s.project.savedQueries.has('after')).toBe(true);
		expect(s.project.savedQueries.has('before')).toBe(false);
	});

	it('replaces the whole definition when asked, without fetching', async () => {
		const s = server();
		await seedSavedQuery(s, 'replace-me');
		const query = { analysis_type: 'count', event_collection: 'purchases', timeframe: 'this_7_days' };
		const result = await run(s, { ...base, savedQuery: byName('replace-me'), replaceDefinition: true, updateFields: { queryJson: JSON.stringify(query) } });
		expect(result.status).toBe('success');
		expect(sent(s)).toEqual([
			{ method: 'PUT', path: `/3.0/projects/${s.projectId}/queries/saved/replace-me`, query: {}, keyKind: 'master', body: { refresh_rate: 0, query } },
		]);
	});

	it('refuses an update without changes before sending', async () => {
		const s = server();
		const result = await run(s, { ...base, savedQuery: byName('whatever') });
		expect(result.error?.message).toMatch(/Nothing to update \(item 0, field "Update Fields"\)/);
		expect(s.requests).toHaveLength(0);
	});

	it('reports a missing saved query from the fetch', async () => {
		const s = server();
		const result = await run(s, { ...base, savedQuery: byName('missing'), updateFields: { displayName: 'x' } });
		expect(keenErrorOf(result)).toMatchObject({ name: 'NodeApiError', httpCode: '404', error_code: 'ResourceNotFoundError' });
		expect(sent(s).map((r) => r.method)).toEqual(['GET']);
	});
});
