/** One page of a list: its rows and the cursor of the next page, if any. */
export interface Page<T> {
	rows: T[];
	next?: string;
}

/** How many rows a Get Many should return: undefined = all (Return All). */
export function resultLimit(returnAll: unknown, limit: unknown): number | undefined {
	if (returnAll === true) return undefined;
	const n = Number(limit);
	return Number.isFinite(n) && n >= 1 ? Math.floor(n) : 1;
}

/** The first `limit` rows (all of them when limit is undefined), without touching the input. */
export function takeUpTo<T>(rows: readonly T[], limit: number | undefined): T[] {
	return limit === undefined ? [...rows] : rows.slice(0, limit);
}

/**
 * Fetches pages until the limit is reached or the list ends. Each page asks for no more than it
 * still needs (capped at `maxPageSize`), so a limit of 5 costs one small request.
 */
export async function collectPages<T>(
	fetchPage: (cursor: string | undefined, pageSize: number) => Promise<Page<T>>,
	limit: number | undefined,
	maxPageSize: number,
): Promise<T[]> {
	const rows: T[] = [];
	let cursor: string | undefined;
	const seen = new Set<string>();
	for (;;) {
		const wanted = limit === undefined ? maxPageSize : Math.min(maxPageSize, limit - rows.length);
		const page = await fetchPage(cursor, wanted);
		// One push per row: spreading a page into push() overflows the call stack on very large pages.
		for (const row of page.rows) rows.push(row);
		if (limit !== undefined && rows.length >= limit) return rows.slice(0, limit);
		// An empty page or a cursor seen before would loop forever on a misbehaving server.
		if (!page.next || page.rows.length === 0 || seen.has(page.next)) return rows;
		seen.add(page.next);
		cursor = page.next;
	}
}

/** The `after_name` cursor of a cached-dataset list's `next_page_url` (docs/keen-api.md §9.4); null → undefined. */
export function afterNameOf(nextPageUrl: unknown): string | undefined {
	if (typeof nextPageUrl !== 'string' || nextPageUrl === '') return undefined;
	const query = nextPageUrl.includes('?') ? nextPageUrl.slice(nextPageUrl.indexOf('?') + 1) : '';
	const value = new URLSearchParams(query).get('after_name');
	return value ? value : undefined;
}
