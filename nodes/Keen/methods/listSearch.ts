import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import type { KeenRequest } from '../transport/types';
import { keenRequest } from '../transport';
import { keenPath } from '../helpers/path';

interface ListSource {
	request: (paginationToken?: string) => Omit<KeenRequest, 'operationName'>;
	toEntries: (response: unknown) => INodeListSearchItems[];
	/** Cursor for the next page, when the list is paginated (cached datasets, docs/keen-api.md §9.4). */
	nextToken?: (response: unknown, entries: INodeListSearchItems[]) => string | undefined;
}

function matches(entry: INodeListSearchItems, filter?: string): boolean {
	if (!filter) return true;
	const needle = filter.toLowerCase();
	return entry.name.toLowerCase().includes(needle) || String(entry.value).toLowerCase().includes(needle);
}

function asArray(value: unknown): IDataObject[] {
	return Array.isArray(value) ? (value as IDataObject[]) : [];
}

function listSearch(source: ListSource) {
	return async function (
		this: ILoadOptionsFunctions,
		filter?: string,
		paginationToken?: string,
	): Promise<INodeListSearchResult> {
		const response = await keenRequest(this, { ...source.request(paginationToken), operationName: 'Loading the list' });
		const entries = source.toEntries(response);
		const token = source.nextToken?.(response, entries);
		return {
			results: entries.filter((entry) => matches(entry, filter)).sort((a, b) => a.name.localeCompare(b.name)),
			...(token ? { paginationToken: token } : {}),
		};
	};
}

export const searchCollections = listSearch({
	request: () => ({ method: 'GET', path: keenPath('events'), keyKind: 'read' }),
	toEntries: (response) => asArray(response).map((c) => ({ name: String(c.name), value: String(c.name) })),
});

export const searchSavedQueries = listSearch({
	request: () => ({ method: 'GET', path: keenPath('queries', 'saved'), keyKind: 'master' }),
	toEntries: (response) =>
		asArray(response).map((q) => {
			const metadata = (q.metadata ?? {}) as IDataObject;
			const name = String(q.query_name);
			return { name: metadata.display_name ? `${String(metadata.display_name)} (${name})` : name, value: name };
		}),
});

export const searchCachedDatasets = listSearch({
	request: (afterName) => ({
		method: 'GET',
		path: keenPath('datasets'),
		keyKind: 'read',
		qs: { limit: 100, ...(afterName ? { after_name: afterName } : {}) },
	}),
	toEntries: (response) =>
		asArray((response as IDataObject)?.datasets).map((d) => ({
			name: d.display_name ? `${String(d.display_name)} (${String(d.dataset_name)})` : String(d.dataset_name),
			value: String(d.dataset_name),
		})),
	nextToken: (response, entries) =>
		(response as IDataObject)?.next_page_url && entries.length ? String(entries[entries.length - 1].value) : undefined,
});

export const searchAccessKeys = listSearch({
	request: () => ({ method: 'GET', path: keenPath('keys'), keyKind: 'master' }),
	toEntries: (response) =>
		asArray(response).map((k) => ({
			name: `${String(k.name ?? 'Unnamed key')}${k.is_active === false ? ' (revoked)' : ''}`,
			value: String(k.key),
		})),
});

export const searchProjects = listSearch({
	request: () => ({ method: 'GET', path: keenPath('projects'), keyKind: 'organization', scope: 'organization' }),
	toEntries: (response) =>
		asArray(response).map((p) => ({ name: `${String(p.name ?? p.id)}`, value: String(p.id) })),
});
