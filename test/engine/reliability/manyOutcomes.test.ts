import { NodeConnectionTypes, type IExecuteFunctions, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import { runOperation } from '../../../nodes/Keen/actions/runOperation';
import type { BatchItem, KeenOperation, ReportOutcome } from '../../../nodes/Keen/actions/types';
import { runNode } from '../../harness';

const ITEMS = 300_000;

/** How the fake batch reports its items: in what order, and which ones fail (set by each test). */
let plan: (items: BatchItem[], report: ReportOutcome) => void = () => {};

/** A batched operation that answers every item without a request, as `plan` says: the runner alone carries its outcomes back to n8n. */
const fakeBatch: KeenOperation = {
	resource: 'event',
	value: 'fakeBatch',
	name: 'Fake Batch',
	action: 'Fake batch',
	description: 'Answers every item locally',
	routes: [],
	properties: [],
	runBatch: async (_ctx, items, report) => {
		// Reported across several turns, as Keen's answers come.
		for (let start = 0; start < items.length; start += 1000) {
			plan(items.slice(start, start + 1000), report);
			await new Promise((resolve) => setImmediate(resolve));
		}
	},
};

class FakeBatchNode implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Fake Batch',
		name: 'fakeBatch',
		group: ['transform'],
		version: 1,
		description: 'Runs fakeBatch through the Keen runner',
		defaults: { name: 'Fake Batch' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	};

	async execute(this: IExecuteFunctions) {
		return await runOperation(this, fakeBatch);
	}
}

const succeeded = (index: number) => ({ index, outputs: [{ json: { n: index } }] });
const failed = (index: number) => ({ index, error: new Error(`item ${index} fails`) });

/** A fixed scramble of `count` positions: later ones often first, as batches answered out of order report. */
function scrambled<T>(list: T[]): T[] {
	const copy = [...list];
	let seed = 11;
	for (let i = copy.length - 1; i > 0; i--) {
		seed = (seed * 1103515245 + 12345) % 2 ** 31;
		const j = seed % (i + 1);
		[copy[i], copy[j]] = [copy[j], copy[i]];
	}
	return copy;
}

async function run(count: number, continueOnFail: boolean) {
	const items = Array.from({ length: count }, (_, n) => ({ n }));
	return await runNode({ node: new FakeBatchNode(), credentials: {}, parameters: {}, items, continueOnFail, scanForSecrets: false });
}

describe('the runner at scale', () => {
	it(`carries ${ITEMS.toLocaleString('en')} outcomes of a batched operation back in input order`, async () => {
		plan = (items, report) => {
			for (let i = items.length - 1; i >= 0; i--) report(items[i].index === ITEMS - 1 ? failed(items[i].index) : succeeded(items[i].index));
		};
		const result = await run(ITEMS, true);
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(ITEMS);
		const misplaced = result.items.findIndex((item, index) => (item.pairedItem as { item: number }).item !== index || (index < ITEMS - 1 && item.json.n !== index));
		expect(misplaced).toBe(-1);
		expect(result.items[ITEMS - 1].json.error).toBe(`item ${ITEMS - 1} fails`);
	}, 240_000);
});

describe('the runner, given outcomes in any order as they come', () => {
	const FAILING = new Set([3, 1500, 1501, 4999]);
	const outcomeOf = (index: number) => (FAILING.has(index) ? failed(index) : succeeded(index));

	it('outputs every item in input order, with error items where items failed (continue on fail)', async () => {
		plan = (items, report) => scrambled(items).forEach((item) => report(outcomeOf(item.index)));
		const result = await run(5000, true);
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => (item.pairedItem as { item: number }).item)).toEqual(Array.from({ length: 5000 }, (_, i) => i));
		result.items.forEach((item, index) => expect(item.json).toEqual(FAILING.has(index) ? expect.objectContaining({ error: `item ${index} fails` }) : { n: index }));
	});

	it('stops with one summary of every failed item when continue on fail is off', async () => {
		plan = (items, report) => scrambled(items).forEach((item) => report(outcomeOf(item.index)));
		const result = await run(5000, false);
		expect(result.error?.message).toContain('4996 of 5000 items succeeded and 4 failed');
		expect(result.error?.description).toContain('item 1501: item 1501 fails');
	});

	it('refuses an item reported twice or never, a bug of the operation, instead of outputting too many or too few items', async () => {
		plan = (items, report) => items.forEach((item) => report(succeeded(item.index === 2500 ? 2499 : item.index)));
		expect((await run(5000, true)).error?.message).toContain('reported item 2499 twice');
		plan = (items, report) => items.forEach((item) => item.index !== 2500 && report(succeeded(item.index)));
		expect((await run(5000, true)).error?.message).toContain('no outcome for item 2500');
	});
});
