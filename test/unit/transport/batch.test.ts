import { batchBody, mapBatchResults, runPool, sendBatches, splitBatches, type PreparedEvent } from '../../../nodes/Keen/transport/batch';

function events(spec: Array<[string, number]>): PreparedEvent[] {
	return spec.map(([collection, bytes], item) => ({ item, collection, json: JSON.stringify({ n: item }), bytes }));
}

function bodyBytes(all: PreparedEvent[], batch: number[]): number {
	// The real body with events padded to their declared size.
	const body: Record<string, string[]> = {};
	for (const i of batch) (body[all[i].collection] ??= []).push('x'.repeat(all[i].bytes - 2));
	return Buffer.byteLength(JSON.stringify(body));
}

describe('splitBatches', () => {
	const cases: Array<[string, Array<[string, number]>, { maxEvents: number; maxBytes: number }, boolean, number[][]]> = [
		['by count', Array.from({ length: 5 }, () => ['a', 10] as [string, number]), { maxEvents: 2, maxBytes: 1e6 }, false, [[0, 1], [2, 3], [4]]],
		['by bytes', [['a', 40], ['a', 40], ['a', 40]], { maxEvents: 100, maxBytes: 90 }, false, [[0], [1], [2]]],
		['bytes count collection overhead', [['a', 30], ['b', 30]], { maxEvents: 100, maxBytes: 70 }, false, [[0], [1]]],
		['mixed collections keep input order', [['a', 1], ['b', 1], ['a', 1]], { maxEvents: 100, maxBytes: 1e6 }, false, [[0, 1, 2]]],
		['grouped by collection', [['a', 1], ['b', 1], ['a', 1]], { maxEvents: 100, maxBytes: 1e6 }, true, [[0, 2], [1]]],
		['oversized event goes alone', [['a', 10], ['a', 500], ['a', 10]], { maxEvents: 100, maxBytes: 100 }, false, [[0], [1], [2]]],
		['nothing', [], { maxEvents: 10, maxBytes: 100 }, false, []],
	];
	it.each(cases)('%s', (_case, spec, limits, group, expected) => expect(splitBatches(events(spec), limits, group)).toEqual(expected));

	it('never passes the byte limit of the real body', () => {
		const all = events(Array.from({ length: 500 }, (_, i) => [`c${i % 7}`, 20 + ((i * 37) % 300)] as [string, number]));
		for (const batch of splitBatches(all, { maxEvents: 1000, maxBytes: 5_000 })) expect(bodyBytes(all, batch)).toBeLessThanOrEqual(5_000);
	});
});

describe('batchBody and mapBatchResults', () => {
	const all = events([['a', 5], ['b', 5], ['a', 5]]);
	it('keys events by collection, as valid JSON joined from the events', () => {
		expect(JSON.parse(batchBody(all, [0, 1, 2]))).toEqual({ a: [{ n: 0 }, { n: 2 }], b: [{ n: 1 }] });
		expect(JSON.parse(batchBody(events([['with "quote"', 5]]), [0]))).toEqual({ 'with "quote"': [{ n: 0 }] });
	});
	it('maps per-event answers back by collection and position', () => {
		const answer = {
			a: [{ success: true }, { success: false, error: { name: 'InvalidPropertyNameError', description: 'bad name' } }],
			b: [{ success: true }],
		};
		expect(mapBatchResults(all, [0, 1, 2], answer)).toEqual([
			{ status: 'recorded' },
			{ status: 'recorded' },
			{ status: 'refused', name: 'InvalidPropertyNameError', description: 'bad name' },
		]);
	});
	it.each([
		['a missing collection', { a: [{ success: true }, { success: true }] }],
		['a short list', { a: [{ success: true }], b: [{ success: true }] }],
		['no answer', undefined],
	])('reports %s as failed, never as recorded', (_case, answer) => {
		const statuses = mapBatchResults(all, [0, 1, 2], answer).map((r) => r.status);
		expect(statuses).toContain('failed');
		expect(statuses.filter((s) => s === 'recorded').length).toBeLessThan(3);
	});
});

describe('runPool', () => {
	it('runs every index with bounded concurrency', async () => {
		let running = 0;
		let peak = 0;
		const done: number[] = [];
		await runPool(20, 3, async (i) => {
			running++;
			peak = Math.max(peak, running);
			await Promise.resolve();
			await Promise.resolve();
			done.push(i);
			running--;
		});
		expect(done.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i));
		expect(peak).toBe(3);
	});
	it('handles zero tasks', async () => await expect(runPool(0, 4, async () => undefined)).resolves.toBeUndefined());
});

describe('sendBatches', () => {
	it('gives every event of a failed batch the error, and maps the others', async () => {
		const all = events([['a', 5], ['a', 5], ['a', 5]]);
		const boom = new Error('down');
		const results = await sendBatches(all, [[0, 1], [2]], 2, async (body) => {
			if (JSON.parse(body).a.length === 2) throw boom;
			return { a: [{ success: true }] };
		});
		expect(results).toEqual([{ status: 'failed', error: boom }, { status: 'failed', error: boom }, { status: 'recorded' }]);
	});
});
