import type { IDataObject } from 'n8n-workflow';

import { keenCredentials, runNode } from '../../harness';
import { useEventServer } from '../../harness/engine-test-kit';
import type { KeenServer } from '../../keen-server';

let server: KeenServer;
useEventServer((started) => (server = started));

const eventsPath = () => `/3.0/projects/${server.projectId}/events`;
const batchPosts = () => server.requests.filter((r) => r.method === 'POST' && r.path === eventsPath());

function parameters(extra: IDataObject) {
	return { resource: 'event', operation: 'recordMany', requestOptions: { retryDelay: 10 }, ...extra };
}

const fixed = (collection: string) => ({ collection: { __rl: true, mode: 'name', value: collection } });

describe('Event → Record Many', () => {
	it('records items into a fixed collection in batches of the chosen size', async () => {
		const items = Array.from({ length: 25 }, (_, i) => ({ n: i }));
		const result = await runNode({ credentials: { ...keenCredentials(server) }, parameters: parameters({ ...fixed('rm_fixed'), options: { batchSize: 10 } }), items });
		expect(result.items).toHaveLength(25);
		expect(batchPosts().map((r) => (r.body as { rm_fixed: unknown[] }).rm_fixed.length)).toEqual([10, 10, 5]);
		expect(batchPosts().every((r) => r.keyKind === 'write')).toBe(true);
		expect(server.events('rm_fixed').map((e) => e.n).sort((a, b) => Number(a) - Number(b))).toEqual(items.map((i) => i.n));
	});

	it('takes the collection per item from an expression, optionally grouped by collection', async () => {
		const items = [{ c: 'rm_a', n: 1 }, { c: 'rm_b', n: 2 }, { c: 'rm_a', n: 3 }];
		const perItem = { collection: { __rl: true, mode: 'name', value: '={{ $json.c }}' } };
		const mixed = await runNode({ credentials: { ...keenCredentials(server) }, parameters: parameters(perItem), items });
		expect(mixed.items.map((i) => i.json.collection)).toEqual(['rm_a', 'rm_b', 'rm_a']);
		expect(batchPosts()).toHaveLength(1);
		expect(Object.keys(batchPosts()[0].body as IDataObject)).toEqual(['rm_a', 'rm_b']);

		// The harness gives every run the same execution ID, so a second run would be de-duplicated: tokens off here.
		server.clearRequests();
		await runNode({ credentials: { ...keenCredentials(server) }, parameters: parameters({ ...perItem, options: { groupByCollection: true, uniquenessToken: 'off' } }), items });
		expect(batchPosts().map((r) => Object.keys(r.body as IDataObject))).toEqual([['rm_a'], ['rm_b']]);
		expect(server.eventCount('rm_a')).toBe(4);
	});

	// runOperation reads every top-level field with extractValue, and n8n-core throws "Could not find property" for a
	// hidden resource locator (the collection, hidden in Batch JSON mode). Passes once readParams skips extractValue there.
	it('records a batch body given as JSON, one output per item', async () => {
		const result = await runNode({
			credentials: { ...keenCredentials(server) },
			parameters: parameters({ inputMode: 'batchJson', batchJson: '{"rm_signups": [{"name": "bob"}, {"name": "amy"}], "rm_purchases": [{"price": 10}]}' }),
		});
		expect(result.items.map((i) => i.json)).toEqual([{ created: true, events: 3, collections: ['rm_signups', 'rm_purchases'] }]);
		expect(server.events('rm_signups').map((e) => e.name)).toEqual(['bob', 'amy']);
		expect(server.eventCount('rm_purchases')).toBe(1);
	});

	it('outputs every event as sent with Output = Recorded Events, and refuses an empty one in a batch', async () => {
		const batchJson = '{"rm_out_a": [{"name": "bob"}, {"name": "amy"}], "rm_out_b": [{"price": 10}]}';
		const result = await runNode({ credentials: { ...keenCredentials(server) }, parameters: parameters({ inputMode: 'batchJson', batchJson, options: { output: 'events' } }) });
		const sent = batchPosts()[0].body as Record<string, IDataObject[]>;
		expect(result.items.map((i) => i.json)).toEqual([
			{
				created: true,
				events: 3,
				collections: ['rm_out_a', 'rm_out_b'],
				stored: [
					{ collection: 'rm_out_a', event: sent.rm_out_a[0] },
					{ collection: 'rm_out_a', event: sent.rm_out_a[1] },
					{ collection: 'rm_out_b', event: sent.rm_out_b[0] },
				],
			},
		]);
		expect(sent.rm_out_a[0]).toEqual({ name: 'bob', keen: { timestamp: expect.any(String), uniqueness_token: expect.any(String) } });

		server.clearRequests();
		const empty = await runNode({ credentials: { ...keenCredentials(server) }, parameters: parameters({ inputMode: 'batchJson', batchJson: '{"rm_out_c": [{"a": 1}, {}]}' }) });
		expect(empty.error?.message).toMatch(/Event 2 \("rm_out_c"\) is empty .*field "Batch JSON"/);
		expect(batchPosts()).toHaveLength(0);
	});

	describe('a batch where Keen refuses some events', () => {
		// keen.colour is not a keen.* property clients may set: Keen refuses it per event (docs/keen-api.md §2.2).
		const items = [{ n: 0 }, { n: 1, keen: { colour: 'red' } }, { n: 2 }, { n: 3, keen: { colour: 'blue' } }, { n: 4 }];

		it('stores the accepted ones and gives the refused ones error items with Keen\'s reason, in input order', async () => {
			const result = await runNode({ credentials: { ...keenCredentials(server) }, parameters: parameters(fixed('rm_partial')), items, continueOnFail: true });
			expect(result.items.map((i) => (i.json.created ? 'ok' : String(i.json.error)))).toEqual([
				'ok',
				expect.stringMatching(/^Keen refused the event: InvalidKeenNamespaceProperty: .*keen\.colour/),
				'ok',
				expect.stringMatching(/^Keen refused the event: InvalidKeenNamespaceProperty/),
				'ok',
			]);
			expect(result.items.map((i) => (i.pairedItem as { item: number }).item)).toEqual([0, 1, 2, 3, 4]);
			expect(server.events('rm_partial').map((e) => e.n)).toEqual([0, 2, 4]);
			expect(batchPosts()).toHaveLength(1);
		});

		it('fails the node with how many were recorded and why the others were refused', async () => {
			const result = await runNode({ credentials: { ...keenCredentials(server) }, parameters: parameters(fixed('rm_partial_stop')), items });
			expect(result.status).toBe('error');
			expect(result.error?.message).toMatch(/^3 of 5 items succeeded and 2 failed before the node stopped\. First: item 1: Keen refused the event: InvalidKeenNamespaceProperty/);
			expect(result.error?.description).toMatch(/item 1: .*; item 3: /);
			expect(server.eventCount('rm_partial_stop')).toBe(3);
		});

		// See record.test.ts: runOperation's errorItem carries `description`, which keeps items off the error output.
		it('sends the refused ones to the error output', async () => {
			const result = await runNode({ credentials: { ...keenCredentials(server) }, parameters: parameters(fixed('rm_partial_out')), items, onError: 'continueErrorOutput' });
			expect(result.items).toHaveLength(3);
			expect(result.errorItems.map((i) => (i.pairedItem as { item: number }).item)).toEqual([1, 3]);
		});
	});

	it('refuses values JSON cannot carry per item, naming the item and the path; the other items are recorded (issue 22)', async () => {
		const items = [{ n: 0 }, { n: 1, stats: { ratio: NaN } }, { n: 2, list: [1, Infinity] }, { n: 3 }];
		const result = await runNode({ credentials: { ...keenCredentials(server) }, parameters: parameters(fixed('rm_not_json')), items, continueOnFail: true });
		expect(result.items.map((i) => (i.json.created ? 'ok' : String(i.json.error)))).toEqual([
			'ok',
			expect.stringMatching(/^The value in "stats\.ratio" is NaN \(item 1, field "[^"]+"\)$/),
			expect.stringMatching(/^The value in "list\[1\]" is Infinity \(item 2, field "[^"]+"\)$/),
			'ok',
		]);
		expect(server.events('rm_not_json').map((e) => e.n)).toEqual([0, 3]);
	});

	describe('Output → One Item for the Run', () => {
		const perItem = (output: string) => parameters({ collection: { __rl: true, mode: 'name', value: '={{ $json.c }}' }, options: { output } });
		// Item 1 is refused by Keen (keen.colour, docs/keen-api.md §2.2), item 3 never sent (NaN: JSON cannot carry it).
		const items = [{ c: 'rm_run_a', n: 0 }, { c: 'rm_run_a', n: 1, keen: { colour: 'red' } }, { c: 'rm_run_b', n: 2 }, { c: 'rm_run_a', n: 3, ratio: NaN }, { c: 'rm_run_a', n: 4 }];

		it('gives one item: events recorded per collection, each failed item with its error and input, paired with the failed items', async () => {
			const result = await runNode({ credentials: { ...keenCredentials(server) }, parameters: perItem('run'), items, continueOnFail: true });
			expect(result.status).toBe('success');
			expect(result.items).toHaveLength(1);
			expect(result.items[0].json).toEqual({
				recorded: 3,
				collections: { rm_run_a: 2, rm_run_b: 1 },
				items: 5,
				succeeded: 3,
				failed: 2,
				failures: [
					{ item: 1, error: expect.stringMatching(/^Keen refused the event: InvalidKeenNamespaceProperty: .*keen\.colour.* \(item 1\)$/), description: expect.any(String), json: items[1] },
					{ item: 3, error: expect.stringMatching(/^The value in "ratio" is NaN \(item 3, field "[^"]+"\)$/), description: expect.stringMatching(/Number\.isFinite/), json: items[3] },
				],
			});
			expect(result.items[0].pairedItem).toEqual([{ item: 1 }, { item: 3 }]);
			expect(server.events('rm_run_a').map((e) => e.n)).toEqual([0, 4]);
		});

		it('paired with the first item when none failed; the batches sent are those of the per-item output', async () => {
			const good = items.filter((_, i) => i !== 1 && i !== 3);
			const tokensOff = (output: string) => ({ ...perItem(output), options: { output, uniquenessToken: 'off' } });
			const run = await runNode({ credentials: { ...keenCredentials(server) }, parameters: tokensOff('run'), items: good });
			expect(run.items).toEqual([
				expect.objectContaining({ json: { recorded: 3, collections: { rm_run_a: 2, rm_run_b: 1 }, items: 3, succeeded: 3, failed: 0, failures: [] }, pairedItem: { item: 0 } }),
			]);
			const sentPerRun = batchPosts().map((r) => JSON.stringify(r.body, (key, value: unknown) => (key === 'timestamp' ? 't' : value)));
			server.clearRequests();
			await runNode({ credentials: { ...keenCredentials(server) }, parameters: tokensOff('summary'), items: good });
			expect(batchPosts().map((r) => JSON.stringify(r.body, (key, value: unknown) => (key === 'timestamp' ? 't' : value)))).toEqual(sentPerRun);
		});

		it('without Continue On Fail, stops with the usual failure summary', async () => {
			const result = await runNode({ credentials: { ...keenCredentials(server) }, parameters: perItem('run'), items });
			expect(result.status).toBe('error');
			expect(result.error?.message).toMatch(/^3 of 5 items succeeded and 2 failed before the node stopped\. First: item 1: /);
		});
	});

	describe('retries under injected faults', () => {
		const items = Array.from({ length: 60 }, (_, i) => ({ n: i }));

		it.each([
			['429 with Retry-After', { kind: 'status', status: 429, retryAfter: 0 }],
			['503', { kind: 'status', status: 503 }],
			['a dropped connection after the events were stored', { kind: 'dropAfterProcessing' }],
		] as const)('%s: every event stored once thanks to uniqueness tokens', async (_case, fault) => {
			const collection = `rm_fault_${fault.kind}_${'status' in fault ? fault.status : ''}`;
			server.faults.add({ method: 'POST', path: eventsPath(), count: 2, ...fault });
			const result = await runNode({ credentials: { ...keenCredentials(server) }, parameters: parameters({ ...fixed(collection), options: { batchSize: 20, concurrency: 2 } }), items });
			expect(result.status).toBe('success');
			expect(result.items).toHaveLength(60);
			expect(result.items.every((i) => i.json.created === true)).toBe(true);
			expect(batchPosts().length).toBeGreaterThan(3);
			expect(server.events(collection).map((e) => e.n).sort((a, b) => Number(a) - Number(b))).toEqual(items.map((i) => i.n));
		});

		it('without uniqueness tokens a dropped connection after processing duplicates events (why Auto is the default)', async () => {
			server.faults.add({ method: 'POST', path: eventsPath(), count: 1, kind: 'dropAfterProcessing' });
			await runNode({ credentials: { ...keenCredentials(server) }, parameters: parameters({ ...fixed('rm_fault_off'), options: { uniquenessToken: 'off' } }), items: [{ n: 1 }] });
			expect(server.eventCount('rm_fault_off')).toBe(2);
		});

		it('gives every item of a batch that failed after all retries that error', async () => {
			server.faults.add({ method: 'POST', path: eventsPath(), kind: 'status', status: 503 });
			const result = await runNode({
				credentials: { ...keenCredentials(server) },
				parameters: { ...parameters(fixed('rm_fault_down')), requestOptions: { retryDelay: 1, maxRetries: 1 } },
				items: [{ n: 1 }, { n: 2 }],
				continueOnFail: true,
			});
			expect(result.items.map((i) => i.json.error)).toEqual([expect.stringMatching(/Keen answered 503/), expect.stringMatching(/Keen answered 503/)]);
			expect(batchPosts()).toHaveLength(2);
		});
	});

	it('writes every body exactly, batch after batch into reused buffers: events from 40 bytes to 40 KB, three collections, grouped or not', async () => {
		// Bodies of up to ~400 KB grow from the 4 KB a body buffer starts at, and buffers are then reused for smaller and larger bodies.
		// Keen takes strings of at most 9,999 characters: a large event carries several.
		const pads = (length: number) => Array.from({ length: Math.ceil(length / 5000) }, (_, i) => 'é'.repeat(Math.min(5000, length - i * 5000)));
		const items = Array.from({ length: 1500 }, (_, n) => ({ c: `rm_reuse_${n % 3}`, n, pads: pads((n * 7919) % (n % 50 === 0 ? 20_000 : 400)) }));
		const perItem = { collection: { __rl: true, mode: 'name', value: '={{ $json.c }}' } };
		for (const groupByCollection of [false, true]) {
			server.clearRequests();
			const options = { batchSize: 97, concurrency: 4, groupByCollection, uniquenessToken: 'off' };
			const result = await runNode({ credentials: { ...keenCredentials(server) }, parameters: parameters({ ...perItem, options }), items });
			expect([result.status, result.error?.message]).toEqual(['success', undefined]);
			// Each body holds the events it should, in input order per collection, byte for byte as JSON.
			let sent = 0;
			for (const request of batchPosts()) {
				for (const [collection, events] of Object.entries(request.body as Record<string, IDataObject[]>)) {
					for (const event of events) {
						const { keen, ...own } = event;
						expect(own).toEqual(items[own.n as number]);
						expect(own.c).toBe(collection);
						expect(Object.keys(keen as IDataObject)).toEqual(['timestamp']);
						sent++;
					}
				}
			}
			expect(sent).toBe(items.length);
		}
		for (const collection of ['rm_reuse_0', 'rm_reuse_1', 'rm_reuse_2']) {
			const stored = server.events(collection).map(({ keen: _keen, ...own }) => own);
			const expected = items.filter((item) => item.c === collection);
			expect(stored).toEqual([...expected, ...expected]);
		}
	});

	it('uses a From Value token so the same order is recorded once across executions', async () => {
		const params = parameters({ ...fixed('rm_orders'), options: { uniquenessToken: 'field', uniquenessValue: '={{ $json.orderId }}' } });
		await runNode({ credentials: { ...keenCredentials(server) }, parameters: params, items: [{ orderId: 'A1' }, { orderId: 'A2' }] });
		await runNode({ credentials: { ...keenCredentials(server) }, parameters: params, items: [{ orderId: 'A2' }, { orderId: 'A3' }] });
		expect(server.events('rm_orders').map((e) => e.orderId)).toEqual(['A1', 'A2', 'A3']);
		expect((batchPosts()[0].body as { rm_orders: IDataObject[] }).rm_orders[0].keen).toEqual({ uniqueness_token: 'A1', timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
	});

	// Issue 22.7: Keen takes tokens of up to 64 characters, so one of exactly 64 is sent as it is; 65 is hashed.
	it('sends a From Value token of exactly 64 characters as it is, and hashes a longer one', async () => {
		const at64 = 'x'.repeat(63) + '4';
		const at65 = 'y'.repeat(64) + '5';
		const params = parameters({ ...fixed('rm_long_tokens'), options: { uniquenessToken: 'field', uniquenessValue: '={{ $json.orderId }}' } });
		const result = await runNode({ credentials: { ...keenCredentials(server) }, parameters: params, items: [{ orderId: at64 }, { orderId: at65 }] });
		expect(result.status).toBe('success');
		const tokens = (batchPosts()[0].body as { rm_long_tokens: IDataObject[] }).rm_long_tokens.map((event) => (event.keen as IDataObject).uniqueness_token);
		expect(tokens[0]).toBe(at64);
		expect(tokens[1]).toMatch(/^[0-9a-f]{32}$/);
	});
});
