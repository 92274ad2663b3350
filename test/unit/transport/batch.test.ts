import {
	batchBody,
	batchRequest,
	createBatcher,
	createPool,
	mapBatchResults,
	sendBatch,
	type Batch,
	type BatchLimits,
	type PreparedEvent,
} from '../../../nodes/Keen/transport/batch';

function events(spec: Array<[string, number]>): PreparedEvent[] {
	return spec.map(([collection, bytes], id) => ({ id, collection, json: JSON.stringify({ n: id }), bytes }));
}

/** Feeds the events one by one; each batch is listed (as event ids) when the batcher hands it out, then the rest at the end. */
function batchesOf(all: PreparedEvent[], limits: BatchLimits, group = false): { whenFull: Array<[number, number[]]>; ids: number[][] } {
	const batcher = createBatcher(limits, group);
	const whenFull: Array<[number, number[]]> = [];
	const ids: number[][] = [];
	for (const event of all) {
		for (const batch of batcher.add(event)) {
			whenFull.push([event.id, batch.map((e) => e.id)]);
			ids.push(batch.map((e) => e.id));
		}
	}
	for (const batch of batcher.flush()) ids.push(batch.map((e) => e.id));
	return { whenFull, ids };
}

function bodyBytes(batch: Batch): number {
	// The real body with events padded to their declared size.
	const body: Record<string, string[]> = {};
	for (const event of batch) (body[event.collection] ??= []).push('x'.repeat(event.bytes - 2));
	return Buffer.byteLength(JSON.stringify(body));
}

describe('createBatcher', () => {
	const cases: Array<[string, Array<[string, number]>, BatchLimits, boolean, number[][]]> = [
		['by count', Array.from({ length: 5 }, () => ['a', 10] as [string, number]), { maxEvents: 2, maxBytes: 1e6 }, false, [[0, 1], [2, 3], [4]]],
		['by bytes', [['a', 40], ['a', 40], ['a', 40]], { maxEvents: 100, maxBytes: 90 }, false, [[0], [1], [2]]],
		['bytes count collection overhead', [['a', 30], ['b', 30]], { maxEvents: 100, maxBytes: 70 }, false, [[0], [1]]],
		['mixed collections keep input order', [['a', 1], ['b', 1], ['a', 1]], { maxEvents: 100, maxBytes: 1e6 }, false, [[0, 1, 2]]],
		['grouped by collection', [['a', 1], ['b', 1], ['a', 1]], { maxEvents: 100, maxBytes: 1e6 }, true, [[0, 2], [1]]],
		['grouped, each collection filling its own batch', [['a', 1], ['b', 1], ['a', 1], ['b', 1], ['a', 1]], { maxEvents: 2, maxBytes: 1e6 }, true, [[0, 2], [1, 3], [4]]],
		['oversized event goes alone', [['a', 10], ['a', 500], ['a', 10]], { maxEvents: 100, maxBytes: 100 }, false, [[0], [1], [2]]],
		['one event per batch', [['a', 10], ['a', 10]], { maxEvents: 1, maxBytes: 1e6 }, false, [[0], [1]]],
		['nothing', [], { maxEvents: 10, maxBytes: 100 }, false, []],
	];
	it.each(cases)('%s', (_case, spec, limits, group, expected) => expect(batchesOf(events(spec), limits, group).ids).toEqual(expected));

	it('hands a batch out as soon as it is full: by count with its last event, by bytes with the event that does not fit', () => {
		expect(batchesOf(events([['a', 1], ['a', 1], ['a', 1]]), { maxEvents: 2, maxBytes: 1e6 }).whenFull).toEqual([[1, [0, 1]]]);
		expect(batchesOf(events([['a', 40], ['a', 40]]), { maxEvents: 100, maxBytes: 60 }).whenFull).toEqual([[1, [0]]]);
		// The event that closes a batch by bytes may fill its own new one at once.
		expect(batchesOf(events([['a', 40], ['a', 40]]), { maxEvents: 1, maxBytes: 60 }).whenFull).toEqual([
			[0, [0]],
			[1, [1]],
		]);
	});

	it('never passes the byte limit of the real body, and keeps every event once', () => {
		const all = events(Array.from({ length: 500 }, (_, i) => [`c${i % 7}`, 20 + ((i * 37) % 300)] as [string, number]));
		for (const group of [false, true]) {
			const batcher = createBatcher({ maxEvents: 1000, maxBytes: 5_000 }, group);
			const batches = [...all.flatMap((event) => batcher.add(event)), ...batcher.flush()];
			for (const batch of batches) expect(bodyBytes(batch)).toBeLessThanOrEqual(5_000);
			expect(batches.flat().map((e) => e.id).sort((a, b) => a - b)).toEqual(all.map((e) => e.id));
		}
	});
});

describe('batchBody and mapBatchResults', () => {
	const all = events([['a', 5], ['b', 5], ['a', 5]]);
	it('keys events by collection, as valid JSON joined from the events', () => {
		expect(JSON.parse(batchBody(all).toString())).toEqual({ a: [{ n: 0 }, { n: 2 }], b: [{ n: 1 }] });
		expect(JSON.parse(batchBody(events([['with "quote"', 5]])).toString())).toEqual({ 'with "quote"': [{ n: 0 }] });
		expect(batchBody(events([['a', 5], ['a', 5], ['b', 5], ['c', 5]])).toString()).toBe('{"a":[{"n":0},{"n":1}],"b":[{"n":2}],"c":[{"n":3}]}');
		expect(batchBody([]).toString()).toBe('{}');
	});
	it('counts bytes, not characters, for non-ASCII events', () => {
		const body = batchBody([{ id: 0, collection: 'café', json: '{"city":"Zürich","emoji":"🎉"}', bytes: 0 }]);
		expect(JSON.parse(body.toString('utf8'))).toEqual({ café: [{ city: 'Zürich', emoji: '🎉' }] });
	});
	it('maps per-event answers back by collection and position', () => {
		const answer = {
			a: [{ success: true }, { success: false, error: { name: 'InvalidPropertyNameError', description: 'bad name' } }],
			b: [{ success: true }],
		};
		expect(mapBatchResults(all.map((e) => e.collection), answer)).toEqual([
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
		const statuses = mapBatchResults(all.map((e) => e.collection), answer).map((r) => r.status);
		expect(statuses).toContain('failed');
		expect(statuses.filter((s) => s === 'recorded').length).toBeLessThan(3);
	});
});

describe('batchRequest and sendBatch', () => {
	const all = events([['a', 5], ['b', 5], ['a', 5]]);
	const answer = { a: [{ success: true }, { success: true }], b: [{ success: true }] };
	it('keeps the body and, in batch order, each event\'s number and collection', () => {
		expect(batchRequest(all)).toEqual({ body: batchBody(all), ids: [0, 1, 2], collections: ['a', 'b', 'a'] });
	});
	it('sends the body and maps the answer', async () => {
		const bodies: Buffer[] = [];
		const results = await sendBatch(batchRequest(all), async (body) => {
			bodies.push(body);
			return answer;
		});
		expect(bodies).toEqual([batchBody(all)]);
		expect(results).toEqual([{ status: 'recorded' }, { status: 'recorded' }, { status: 'recorded' }]);
	});
	it('gives every event of a failed request the error', async () => {
		const boom = new Error('down');
		const results = await sendBatch(batchRequest(all), async () => {
			throw boom;
		});
		expect(results).toEqual([{ status: 'failed', error: boom }, { status: 'failed', error: boom }, { status: 'failed', error: boom }]);
	});
});

describe('createPool', () => {
	it('runs every task with bounded concurrency; submit waits for a free slot, drain for the rest', async () => {
		const pool = createPool(3);
		let running = 0;
		let peak = 0;
		const done: number[] = [];
		for (let i = 0; i < 20; i++) {
			await pool.submit(async () => {
				running++;
				peak = Math.max(peak, running);
				await new Promise((resolve) => setImmediate(resolve));
				done.push(i);
				running--;
			});
			expect(running).toBeLessThanOrEqual(3);
		}
		await pool.drain();
		expect(done.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i));
		expect(peak).toBe(3);
	});
	it('starts a task at once while a slot is free', async () => {
		const pool = createPool(2);
		let started = 0;
		let release = () => {};
		const blocked = new Promise<void>((resolve) => (release = resolve));
		await pool.submit(async () => {
			started++;
			await blocked;
		});
		expect(started).toBe(1);
		release();
		await pool.drain();
	});
	it('drains with nothing submitted', async () => await expect(createPool(4).drain()).resolves.toBeUndefined());
});
