import {
	createBatcher,
	createBodyBuffers,
	createPool,
	eventBytes,
	mapBatchResults,
	sendBatch,
	type BatchLimits,
	type BatchRequest,
	type BodyBuffers,
	type PreparedEvent,
} from '../../../nodes/Keen/transport/batch';

/** Events of the given collections, each `{"n":id,"p":"xx…"}` padded to the given size in bytes (at least 14). */
function events(spec: Array<[string, number]>): PreparedEvent[] {
	return spec.map(([collection, bytes], id) => {
		const bare = JSON.stringify({ n: id, p: '' });
		return { id, collection, json: JSON.stringify({ n: id, p: 'x'.repeat(Math.max(0, bytes - bare.length)) }) };
	});
}

/** Body buffers that count what they hand out and get back. */
function countingBuffers(keep = 8): BodyBuffers & { taken: number; returned: number } {
	const inner = createBodyBuffers(keep);
	const counted = {
		taken: 0,
		returned: 0,
		take: (bytes: number) => {
			counted.taken++;
			return inner.take(bytes);
		},
		giveBack: (buffer: Buffer) => {
			counted.returned++;
			inner.giveBack(buffer);
		},
	};
	return counted;
}

/** Feeds the events one by one; each batch is listed (as event ids) when the batcher hands it out, then the rest at the end. */
function batchesOf(all: PreparedEvent[], limits: BatchLimits, group = false): { whenFull: Array<[number, number[]]>; ids: number[][]; requests: BatchRequest[] } {
	const batcher = createBatcher(limits, createBodyBuffers(4), group);
	const whenFull: Array<[number, number[]]> = [];
	const ids: number[][] = [];
	const requests: BatchRequest[] = [];
	for (const event of all) {
		for (const request of batcher.add(event)) {
			whenFull.push([event.id, request.ids]);
			ids.push(request.ids);
			requests.push(request);
		}
	}
	for (const request of batcher.flush()) {
		ids.push(request.ids);
		requests.push(request);
	}
	return { whenFull, ids, requests };
}

/** The body the old string-joining writer made: the reference for the bytes the batcher writes. */
function joinedBody(all: PreparedEvent[]): string {
	const byCollection = new Map<string, string[]>();
	for (const { collection, json, keen: head, keenTail } of all) {
		const keen = head === undefined ? undefined : `${head}${keenTail ?? ''}`;
		const text = keen === undefined ? json : json === '{}' ? `{${keen}}` : `${json.slice(0, -1)},${keen}}`;
		byCollection.set(collection, [...(byCollection.get(collection) ?? []), text]);
	}
	return `{${[...byCollection].map(([collection, texts]) => `${JSON.stringify(collection)}:[${texts.join(',')}]`).join(',')}}`;
}

describe('createBatcher', () => {
	const cases: Array<[string, Array<[string, number]>, BatchLimits, boolean, number[][]]> = [
		['by count', Array.from({ length: 5 }, () => ['a', 20] as [string, number]), { maxEvents: 2, maxBytes: 1e6 }, false, [[0, 1], [2, 3], [4]]],
		['by bytes', [['a', 40], ['a', 40], ['a', 40]], { maxEvents: 100, maxBytes: 90 }, false, [[0], [1], [2]]],
		['bytes count collection overhead', [['a', 30], ['b', 30]], { maxEvents: 100, maxBytes: 70 }, false, [[0], [1]]],
		['mixed collections keep input order', [['a', 20], ['b', 20], ['a', 20]], { maxEvents: 100, maxBytes: 1e6 }, false, [[0, 1, 2]]],
		['grouped by collection', [['a', 20], ['b', 20], ['a', 20]], { maxEvents: 100, maxBytes: 1e6 }, true, [[0, 2], [1]]],
		['grouped, each collection filling its own batch', [['a', 20], ['b', 20], ['a', 20], ['b', 20], ['a', 20]], { maxEvents: 2, maxBytes: 1e6 }, true, [[0, 2], [1, 3], [4]]],
		['oversized event goes alone', [['a', 20], ['a', 500], ['a', 20]], { maxEvents: 100, maxBytes: 100 }, false, [[0], [1], [2]]],
		['one event per batch', [['a', 20], ['a', 20]], { maxEvents: 1, maxBytes: 1e6 }, false, [[0], [1]]],
		['nothing', [], { maxEvents: 10, maxBytes: 100 }, false, []],
	];
	it.each(cases)('%s', (_case, spec, limits, group, expected) => expect(batchesOf(events(spec), limits, group).ids).toEqual(expected));

	it('hands a batch out as soon as it is full: by count with its last event, by bytes with the event that does not fit', () => {
		expect(batchesOf(events([['a', 20], ['a', 20], ['a', 20]]), { maxEvents: 2, maxBytes: 1e6 }).whenFull).toEqual([[1, [0, 1]]]);
		expect(batchesOf(events([['a', 40], ['a', 40]]), { maxEvents: 100, maxBytes: 60 }).whenFull).toEqual([[1, [0]]]);
		// The event that closes a batch by bytes may fill its own new one at once.
		expect(batchesOf(events([['a', 40], ['a', 40]]), { maxEvents: 1, maxBytes: 60 }).whenFull).toEqual([
			[0, [0]],
			[1, [1]],
		]);
	});

	it('never passes the byte limit of the real body, keeps every event once, and writes the body the joined texts make', () => {
		// Keen members as eventJson gives them: none, whole, or an Auto token's head and tail; some not ASCII.
		const all = events(Array.from({ length: 500 }, (_, i) => [`c${i % 7}`, 20 + ((i * 37) % 300)] as [string, number])).map((event, i) =>
			i % 3 === 0 ? event : i % 3 === 1 ? { ...event, keen: '"keen":{"t":"ü"}' } : { ...event, keen: `"keen":{"timestamp":"t${i % 2}","uniqueness_token":"ab${i % 5}-`, keenTail: `${i}"}` },
		);
		for (const group of [false, true]) {
			const { requests } = batchesOf(all, { maxEvents: 1000, maxBytes: 5_000 }, group);
			for (const request of requests) {
				expect(request.body.length).toBeLessThanOrEqual(5_000);
				expect(request.body.toString()).toBe(joinedBody(request.ids.map((id) => all[id])));
			}
			expect(requests.flatMap((request) => request.ids).sort((a, b) => a - b)).toEqual(all.map((e) => e.id));
		}
	});

	it('decides by exact bytes near the limit: an event that fits by bytes but not by the 3-bytes-per-character bound still joins the batch', () => {
		// Two 40-byte ASCII events: 2 + 4+3 (collection "a") + 41 + 41 = 91 bytes, where the bound alone would say 200.
		expect(batchesOf(events([['a', 40], ['a', 40]]), { maxEvents: 100, maxBytes: 91 }).ids).toEqual([[0, 1]]);
		expect(batchesOf(events([['a', 40], ['a', 40]]), { maxEvents: 100, maxBytes: 90 }).ids).toEqual([[0], [1]]);
	});
});

describe('the body the batcher writes', () => {
	const body = (all: PreparedEvent[], group = false) => batchesOf(all, { maxEvents: 1000, maxBytes: 1e7 }, group).requests.map((request) => request.body.toString('utf8'));
	const ev = (id: number, collection: string, json: string, keen?: string): PreparedEvent => ({ id, collection, json, keen });
	it('keys events by collection, in the order collections first came', () => {
		expect(body([ev(0, 'a', '{"n":0}'), ev(1, 'b', '{"n":1}'), ev(2, 'a', '{"n":2}')])).toEqual(['{"a":[{"n":0},{"n":2}],"b":[{"n":1}]}']);
		expect(body([ev(0, 'a', '{"n":0}'), ev(1, 'a', '{"n":1}'), ev(2, 'b', '{"n":2}'), ev(3, 'c', '{"n":3}')])).toEqual(['{"a":[{"n":0},{"n":1}],"b":[{"n":2}],"c":[{"n":3}]}']);
		expect(body([ev(0, 'with "quote"', '{"n":0}')])).toEqual(['{"with \\"quote\\"":[{"n":0}]}']);
	});
	it('appends the keen member inside the event object, after a comma unless the object is empty', () => {
		expect(body([ev(0, 'a', '{"n":0}', '"keen":{"x":1}'), ev(1, 'a', '{}', '"keen":{"x":2}'), ev(2, 'a', '{"n":2}')])).toEqual([
			'{"a":[{"n":0,"keen":{"x":1}},{"keen":{"x":2}},{"n":2}]}',
		]);
	});
	it('writes bytes, not characters, for non-ASCII events and collections', () => {
		const [text] = body([ev(0, 'café', '{"city":"Zürich","emoji":"🎉"}', '"keen":{"t":"ü"}')]);
		expect(JSON.parse(text)).toEqual({ café: [{ city: 'Zürich', emoji: '🎉', keen: { t: 'ü' } }] });
		expect(eventBytes(ev(0, 'café', '{"city":"Zürich","emoji":"🎉"}', '"keen":{"t":"ü"}'))).toBe(Buffer.byteLength('{"city":"Zürich","emoji":"🎉","keen":{"t":"ü"}}'));
	});
	it('grows a buffer for events larger than any it holds, and bodies stay exact', () => {
		const big = events([['a', 200_000], ['a', 300_000], ['a', 20]]);
		expect(body(big)).toEqual([joinedBody(big)]);
		const grouped = events([['a', 70_000], ['b', 70_000], ['a', 70_000], ['b', 20]]);
		expect(body(grouped, true)).toEqual([joinedBody([grouped[0], grouped[2]]), joinedBody([grouped[1], grouped[3]])]);
		expect(body(grouped)).toEqual([joinedBody(grouped)]);
	});
	it('grows a buffer by doubling, but not past the byte limit of a batch and one event\'s room', () => {
		const all = events(Array.from({ length: 400 }, () => ['a', 1_000] as [string, number]));
		const { requests } = batchesOf(all, { maxEvents: 1000, maxBytes: 300_000 });
		expect(requests.length).toBeGreaterThan(1);
		for (const request of requests) {
			expect(request.body.toString()).toBe(joinedBody(request.ids.map((id) => all[id])));
			// … → 128 KB → 256 KB → the limit (plus the room one more event may need), where doubling would have taken 512 KB.
			expect(request.buffer.length).toBeLessThanOrEqual(300_000 + 3 * 1_000 + 2);
		}
	});
	it('gives each collection of a batch a small buffer to start: 500 collections of one small event take well under 64 KB each', () => {
		const buffers = countingBuffers();
		const sizes: number[] = [];
		const take = buffers.take;
		buffers.take = (bytes: number) => {
			const buffer = take(bytes);
			sizes.push(buffer.length);
			return buffer;
		};
		const all = events(Array.from({ length: 500 }, (_, i) => [`user_${i}`, 40] as [string, number]));
		const batcher = createBatcher({ maxEvents: 1000, maxBytes: 1e7 }, buffers);
		for (const event of all) expect(batcher.add(event)).toEqual([]);
		const [request] = batcher.flush();
		expect(request.body.toString()).toBe(joinedBody(all));
		// 500 parts and the body they are joined into: about 2 MB, where 64 KB each would be 32 MB.
		expect(sizes.reduce((sum, size) => sum + size, 0)).toBeLessThan(3 * 1024 * 1024);
	});
	it('writes into buffers handed back by earlier requests, and each body is still exact', () => {
		const buffers = countingBuffers(2);
		const batcher = createBatcher({ maxEvents: 3, maxBytes: 1e7 }, buffers);
		const all = events(Array.from({ length: 30 }, (_, i) => ['a', 20 + i] as [string, number]));
		for (const event of all) {
			for (const request of batcher.add(event)) {
				expect(request.body.toString()).toBe(joinedBody(request.ids.map((id) => all[id])));
				// Scribbled over, as the next batch will: a body is only ever read before it is handed back.
				request.buffer.fill(0x7a);
				buffers.giveBack(request.buffer);
			}
		}
		expect(batcher.flush()).toEqual([]);
		// 10 requests written into the same 1–2 buffers.
		expect(buffers.taken).toBe(10);
		expect(buffers.returned).toBe(10);
	});
});

describe('createBodyBuffers', () => {
	it('hands back a free buffer large enough, else a new one of its own memory, and keeps at most `keep`', () => {
		const buffers = createBodyBuffers(1);
		const first = buffers.take(10);
		expect(first.length).toBeGreaterThanOrEqual(10);
		// Not a slice of Node's shared pool: reusing it cannot touch another buffer.
		expect(first.byteOffset).toBe(0);
		expect(first.buffer.byteLength).toBe(first.length);
		buffers.giveBack(first);
		expect(buffers.take(5)).toBe(first);
		buffers.giveBack(first);
		expect(buffers.take(first.length + 1)).not.toBe(first);
		const other = buffers.take(1);
		expect(other).toBe(first);
		buffers.giveBack(other);
		buffers.giveBack(Buffer.allocUnsafeSlow(100));
		expect(buffers.take(1)).toBe(first);
		expect(buffers.take(1)).not.toBe(first);
	});
	it('takes the smallest free buffer that fits, and when full keeps the largest', () => {
		const buffers = createBodyBuffers(2);
		const [small, middle, large] = [5_000, 50_000, 500_000].map((size) => Buffer.allocUnsafeSlow(size));
		buffers.giveBack(large);
		buffers.giveBack(small);
		expect(buffers.take(100)).toBe(small);
		buffers.giveBack(small);
		// Full (2): the middle one replaces the small one, not the large one.
		buffers.giveBack(middle);
		expect(buffers.take(100)).toBe(middle);
		expect(buffers.take(100)).toBe(large);
		buffers.giveBack(middle);
		buffers.giveBack(large);
		buffers.giveBack(small);
		expect([buffers.take(1), buffers.take(1)]).toEqual([middle, large]);
	});
});

describe('mapBatchResults', () => {
	const collections = ['a', 'b', 'a'];
	it('maps per-event answers back by collection and position', () => {
		const answer = {
			a: [{ success: true }, { success: false, error: { name: 'InvalidPropertyNameError', description: 'bad name' } }],
			b: [{ success: true }],
		};
		expect(mapBatchResults(collections, answer)).toEqual([
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
		const statuses = mapBatchResults(collections, answer).map((r) => r.status);
		expect(statuses).toContain('failed');
		expect(statuses.filter((s) => s === 'recorded').length).toBeLessThan(3);
	});
});

describe('sendBatch', () => {
	const all = events([['a', 20], ['b', 20], ['a', 20]]);
	const [request] = batchesOf(all, { maxEvents: 10, maxBytes: 1e6 }).requests;
	const answer = { a: [{ success: true }, { success: true }], b: [{ success: true }] };
	it('keeps, in the order added, each event\'s number and collection', () => {
		expect(request.ids).toEqual([0, 1, 2]);
		expect(request.collections).toEqual(['a', 'b', 'a']);
	});
	it('sends the body and maps the answer', async () => {
		const bodies: string[] = [];
		const results = await sendBatch(request, async (body) => {
			bodies.push(body.toString());
			return answer;
		});
		expect(bodies).toEqual([joinedBody(all)]);
		expect(results).toEqual([{ status: 'recorded' }, { status: 'recorded' }, { status: 'recorded' }]);
	});
	it('gives every event of a failed request the error', async () => {
		const boom = new Error('down');
		const results = await sendBatch(request, async () => {
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
				// Longer than the turns a task started on a free slot gets before submit resolves.
				await new Promise((resolve) => setTimeout(resolve, 5));
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
	it('gives a task started on a free slot turns of the event loop before submit resolves, and none when it had to wait', async () => {
		const pool = createPool(1);
		// What a request does before its bytes leave: work for a later turn of the event loop (its I/O
		// phase). Of two timer turns, at least one whole loop lies between, whatever the machine's load.
		const sending = () => {
			const state = { sent: false, release: () => {} };
			const held = new Promise<void>((resolve) => (state.release = resolve));
			const task = async () => {
				await new Promise((resolve) => setImmediate(resolve));
				state.sent = true;
				await held;
			};
			return { state, task };
		};
		const first = sending();
		await pool.submit(first.task);
		expect(first.state.sent).toBe(true);
		const second = sending();
		const submitted = pool.submit(second.task);
		first.state.release();
		await submitted;
		// Keen has requests queued when a slot had to be waited for: the caller goes on at once.
		expect(second.state.sent).toBe(false);
		second.state.release();
		await pool.drain();
		expect(second.state.sent).toBe(true);
	});
	it('drains with nothing submitted', async () => await expect(createPool(4).drain()).resolves.toBeUndefined());
});
