import { afterNameOf, collectPages, resultLimit, takeUpTo, type Page } from '../../../nodes/Keen/helpers/pagination';

describe('resultLimit', () => {
	it.each([
		[true, 50, undefined],
		[false, 50, 50],
		[false, '7', 7],
		[false, 2.9, 2],
		[false, 0, 1],
		[false, undefined, 1],
		[undefined, 10, 10],
	])('returnAll %p, limit %p → %p', (returnAll, limit, expected) => {
		expect(resultLimit(returnAll, limit)).toBe(expected);
	});
});

describe('takeUpTo', () => {
	it.each([
		[[1, 2, 3], undefined, [1, 2, 3]],
		[[1, 2, 3], 2, [1, 2]],
		[[1, 2, 3], 5, [1, 2, 3]],
		[[], 5, []],
	])('%p up to %p → %p', (rows, limit, expected) => {
		expect(takeUpTo(rows, limit)).toEqual(expected);
	});
});

describe('afterNameOf', () => {
	it.each([
		['https://api.keen.io/3.0/projects/P/datasets?limit=1&after_name=DATASET_1', 'DATASET_1'],
		['/datasets?after_name=a%20b&limit=10', 'a b'],
		['https://api.keen.io/3.0/projects/P/datasets?limit=1', undefined],
		[null, undefined],
		['', undefined],
		[42, undefined],
	])('%p → %p', (url, expected) => {
		expect(afterNameOf(url)).toBe(expected);
	});
});

/** A list of `total` names served in pages, recording each request. */
function pagedList(total: number) {
	const names = Array.from({ length: total }, (_, i) => `d${String(i).padStart(3, '0')}`);
	const calls: Array<{ cursor?: string; size: number }> = [];
	const fetchPage = async (cursor: string | undefined, size: number): Promise<Page<string>> => {
		calls.push({ cursor, size });
		const start = cursor ? names.indexOf(cursor) + 1 : 0;
		const rows = names.slice(start, start + size);
		return { rows, next: start + size < total ? rows[rows.length - 1] : undefined };
	};
	return { names, calls, fetchPage };
}

describe('collectPages', () => {
	it.each([
		['a limit within one page asks for just that many', 250, 5, 100, 5, [{ cursor: undefined, size: 5 }]],
		['a limit spanning pages asks for the rest on the last page', 250, 130, 100, 130, [{ cursor: undefined, size: 100 }, { cursor: 'd099', size: 30 }]],
		['return all follows the cursor to the end', 250, undefined, 100, 250, [{ cursor: undefined, size: 100 }, { cursor: 'd099', size: 100 }, { cursor: 'd199', size: 100 }]],
		['a limit above the total returns everything', 3, 50, 100, 3, [{ cursor: undefined, size: 50 }]],
		['an empty list is one request', 0, undefined, 100, 0, [{ cursor: undefined, size: 100 }]],
	])('%s', async (_case, total, limit, pageSize, expectedCount, expectedCalls) => {
		const list = pagedList(total);
		const rows = await collectPages(list.fetchPage, limit, pageSize);
		expect(rows).toEqual(list.names.slice(0, expectedCount));
		expect(list.calls).toEqual(expectedCalls);
	});

	it('stops when a server repeats a cursor instead of looping', async () => {
		let calls = 0;
		const rows = await collectPages(async () => ({ rows: [`r${calls++}`], next: 'same' }), undefined, 10);
		expect(rows).toEqual(['r0', 'r1']);
	});

	it('takes a page of 300,000 rows (a server that ignores the page size)', async () => {
		const page = Array.from({ length: 300_000 }, (_, i) => i);
		const rows = await collectPages(async () => ({ rows: page }), undefined, 100);
		expect(rows).toHaveLength(300_000);
		expect(rows[299_999]).toBe(299_999);
	});
});
