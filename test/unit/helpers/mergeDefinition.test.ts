import {
	ACCESS_KEY_FIELDS,
	PROJECT_FIELDS,
	SAVED_QUERY_FIELDS,
	mergeDefinition,
	withoutNulls,
} from '../../../nodes/Keen/helpers/mergeDefinition';

const stored = {
	query_name: 'weekly',
	refresh_rate: 0,
	query: { analysis_type: 'count', event_collection: 'purchases', timeframe: 'this_7_days', group_by: null, interval: null, filters: [] },
	metadata: { display_name: 'Weekly', visualization: { chart_type: 'metric' } },
	created_date: '2015-10-19T20:14:29.797000+00:00',
	last_modified_date: '2015-10-19T20:14:29.797000+00:00',
	user_last_modified_date: '2015-10-19T20:14:29.797000+00:00',
	run_information: {},
	urls: { result: '/x' },
	project_id: 'P',
	// A read-only field Keen might add later: an allow-list leaves it behind too.
	refresh_information: { next_run: 'soon' },
};

const base = {
	query_name: 'weekly',
	refresh_rate: 0,
	query: { analysis_type: 'count', event_collection: 'purchases', timeframe: 'this_7_days', filters: [] },
	metadata: { display_name: 'Weekly', visualization: { chart_type: 'metric' } },
};

describe('mergeDefinition', () => {
	it.each([
		['no changes: read-only fields and nulls stripped', {}, base],
		['a top-level scalar replaces', { refresh_rate: 14400 }, { ...base, refresh_rate: 14400 }],
		[
			'nested objects merge key by key',
			{ query: { timeframe: 'this_30_days' } },
			{ ...base, query: { ...base.query, timeframe: 'this_30_days' } },
		],
		[
			'arrays replace instead of merging by index',
			{ query: { filters: [{ property_name: 'a', operator: 'eq', property_value: 1 }] } },
			{ ...base, query: { ...base.query, filters: [{ property_name: 'a', operator: 'eq', property_value: 1 }] } },
		],
		['null in changes removes the key', { metadata: { visualization: null } }, { ...base, metadata: { display_name: 'Weekly' } }],
		['a rename sets query_name', { query_name: 'monthly' }, { ...base, query_name: 'monthly' }],
		[
			'a new nested object is added without its nulls',
			{ metadata: { tags: ['shop'], extra: { a: 1, b: null } } },
			{ ...base, metadata: { ...base.metadata, tags: ['shop'], extra: { a: 1 } } },
		],
		['undefined in changes is ignored', { refresh_rate: undefined }, base],
	])('%s', (_case, changes, expected) => {
		expect(mergeDefinition(stored, changes, SAVED_QUERY_FIELDS)).toEqual(expected);
	});

	it('does not touch its arguments', () => {
		const before = structuredClone(stored);
		const changes = { query: { timeframe: 'this_30_days' } };
		mergeDefinition(stored, changes, SAVED_QUERY_FIELDS);
		expect(stored).toEqual(before);
		expect(changes).toEqual({ query: { timeframe: 'this_30_days' } });
	});

	it('strips an access key\'s identity and null options', () => {
		const key = {
			key: 'ABC',
			project_id: 'P',
			name: 'n',
			is_active: true,
			permitted: ['queries'],
			options: { queries: { filters: [] }, writes: null },
		};
		expect(mergeDefinition(key, { permitted: ['writes'] }, ACCESS_KEY_FIELDS)).toEqual({
			name: 'n',
			is_active: true,
			permitted: ['writes'],
			options: { queries: { filters: [] } },
		});
	});

	it("keeps a project's name and users, never its keys", () => {
		const project = { id: 'P', name: 'Shop', apiKeys: { masterKey: 'M' }, users: [{ email: 'a@b.c' }] };
		expect(mergeDefinition(project, { name: 'Store' }, PROJECT_FIELDS)).toEqual({ name: 'Store', users: [{ email: 'a@b.c' }] });
		expect(mergeDefinition(project, { users: [] }, PROJECT_FIELDS)).toEqual({ name: 'Shop', users: [] });
	});

	it('withoutNulls keeps arrays and falsy values', () => {
		expect(withoutNulls({ a: 0, b: '', c: false, d: [null], e: null, f: { g: null } })).toEqual({ a: 0, b: '', c: false, d: [null], f: {} });
	});
});
