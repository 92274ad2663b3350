import type { IDataObject, INode } from 'n8n-workflow';

import { recordMany } from '../../../nodes/Keen/actions/event/recordMany.operation';
import type { BatchItem, ItemOutcome, RunContext } from '../../../nodes/Keen/actions/types';

/*
 * Record Many writes each batch into a body buffer that a later batch reuses once Keen has answered
 * for every event in it (transport/batch.ts). These tests hold a fake Keen that answers late and out
 * of order, and check that no body changes while anything may still read it.
 */

interface Sent {
	body: Buffer;
	/** The bytes as they were when the request was made. */
	copy: Buffer;
	answer: (value: unknown) => void;
	fail: (error: Error) => void;
}

/** A Keen that keeps every request pending until `settle` answers it; `decide` says how. */
function lateKeen(decide: (sent: Sent, n: number) => 'answer' | 'refuse' | 'fail' | 'short') {
	const pending: Sent[] = [];
	const all: Sent[] = [];
	const request: RunContext['request'] = async ({ body }) =>
		await new Promise((answer, fail) => {
			const sent = { body: body as Buffer, copy: Buffer.from(body as Buffer), answer, fail };
			pending.push(sent);
			all.push(sent);
		});
	// Answers one pending request, chosen by a fixed pseudo-random sequence so later ones often come first.
	let seed = 7;
	const settleOne = () => {
		seed = (seed * 1103515245 + 12345) % 2 ** 31;
		const [sent] = pending.splice(seed % pending.length, 1);
		// Whatever Keen does, the body it was given is unchanged up to its answer.
		expect(sent.body.equals(sent.copy)).toBe(true);
		const events = JSON.parse(sent.body.toString('utf8')) as Record<string, unknown[]>;
		const how = decide(sent, all.indexOf(sent));
		if (how === 'fail') return sent.fail(new Error('connection reset'));
		const answer: Record<string, unknown[]> = {};
		for (const [collection, list] of Object.entries(events)) {
			answer[collection] = list.map(() => (how === 'refuse' ? { success: false, error: { name: 'InvalidEventError', description: 'no' } } : { success: true }));
			if (how === 'short') answer[collection].pop();
		}
		sent.answer(answer);
	};
	return { request, pending, all, settleOne };
}

function context(request: RunContext['request']): RunContext {
	return {
		node: { name: 'Keen' } as INode,
		request,
		prepareBinary: async () => {
			throw new Error('not used');
		},
		asTool: false,
		toolMaxItems: 0,
		addHint: () => {},
		once: async (_key, load) => await load(),
		runScope: () => ({ executionId: '1', workflowId: 'w', nodeName: 'Keen', runIndex: 0, executionNonce: 'n' }),
		summariseRun: () => {},
	};
}

function items(count: number): BatchItem[] {
	const params = { inputMode: 'items', collection: '={{ $json.c }}', eventSource: 'item', options: { batchSize: 7, concurrency: 3, uniquenessToken: 'off' } };
	return Array.from({ length: count }, (_, index) => {
		// Up to ~8 KB an event: a body of 7 grows from the 4 KB a buffer starts at through several doublings.
		const json: IDataObject = { c: `c${index % 2}`, index, text: 'ü'.repeat((index * 937) % 4000) };
		return { index, params: { ...params, collection: json.c }, json };
	});
}

/** Runs Record Many over `count` items while the fake Keen answers pending requests one at a time. */
async function run(count: number, decide: Parameters<typeof lateKeen>[0]) {
	const keen = lateKeen(decide);
	let done = false;
	const reported: ItemOutcome[] = [];
	const outcomes = recordMany.runBatch!(context(keen.request), items(count), (outcome) => reported.push(outcome))
		.then(() => reported)
		.finally(() => (done = true));
	// Timer turns: the pool gives a request started on a free slot two of them (transport/batch.ts).
	for (let turn = 0; turn < 10_000 && !done; turn++) {
		await new Promise((resolve) => setTimeout(resolve, 0));
		if (keen.pending.length) keen.settleOne();
	}
	return { keen, outcomes: await outcomes };
}

const failed = (outcomes: ItemOutcome[]) => outcomes.filter((outcome) => 'error' in outcome).map((outcome) => outcome.index).sort((a, b) => a - b);

describe('Record Many request bodies, written into reused buffers', () => {
	it('never change while their request is pending, answered late and out of order; each holds its events', async () => {
		const { keen, outcomes } = await run(300, () => 'answer');
		expect(keen.all).toHaveLength(Math.ceil(300 / 7));
		expect(failed(outcomes)).toEqual([]);
		const sent = keen.all.flatMap(({ copy }) => Object.values(JSON.parse(copy.toString('utf8')) as Record<string, IDataObject[]>).flat().map((event) => event.index));
		expect(sent.sort((a, b) => Number(a) - Number(b))).toEqual(Array.from({ length: 300 }, (_, i) => i));
		// Reuse is real: 43 bodies written into a handful of buffers (3 in flight, one waiting, one being
		// filled, and those the first bodies outgrew), not one each.
		expect(new Set(keen.all.map(({ body }) => body.buffer)).size).toBeLessThanOrEqual(2 * (3 + 2));
	});

	it('are reused after refusals (Keen answered for every event), never after a failed request or an answer that leaves events out', async () => {
		const decide = (_sent: Sent, n: number) => (['answer', 'refuse', 'fail', 'short'] as const)[n % 4];
		const { keen, outcomes } = await run(200, decide);
		// An error may still hold a failed request: its body keeps the bytes it was sent with, and no later request writes its buffer.
		keen.all.forEach((sent, n) => {
			if (n % 4 < 2) return;
			expect(sent.body.equals(sent.copy)).toBe(true);
			expect(keen.all.slice(n + 1).some((later) => later.body.buffer === sent.body.buffer)).toBe(false);
		});
		// After an answer for every event (recorded or refused) the buffer is written again.
		expect(keen.all.some((sent, n) => n % 4 === 1 && keen.all.slice(n + 1).some((later) => later.body.buffer === sent.body.buffer))).toBe(true);
		expect(failed(outcomes).length).toBeGreaterThan(0);
	});
});
