import { NodeConnectionTypes, type IExecuteFunctions, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import { runOperation } from '../../../nodes/Keen/actions/runOperation';
import type { ItemOutcome, KeenOperation } from '../../../nodes/Keen/actions/types';
import { runNode } from '../../harness';

const ITEMS = 300_000;

/**
 * A batched operation that answers every item without a request, the last one with an error and the
 * others in reverse order: the runner alone has to carry 300,000 outcomes back to n8n, sorted.
 */
const fakeBatch: KeenOperation = {
	resource: 'event',
	value: 'fakeBatch',
	name: 'Fake Batch',
	action: 'Fake batch',
	description: 'Answers every item locally',
	routes: [],
	properties: [],
	runBatch: async (_ctx, items) => {
		const outcomes: ItemOutcome[] = [];
		for (let i = items.length - 1; i >= 0; i--) {
			const { index } = items[i];
			outcomes.push(index === ITEMS - 1 ? { index, error: new Error('the last one fails') } : { index, outputs: [{ json: { n: index } }] });
		}
		return outcomes;
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

describe('the runner at scale', () => {
	it(`carries ${ITEMS.toLocaleString('en')} outcomes of a batched operation back in input order`, async () => {
		const items = Array.from({ length: ITEMS }, (_, n) => ({ n }));
		const result = await runNode({ node: new FakeBatchNode(), credentials: {}, parameters: {}, items, continueOnFail: true, scanForSecrets: false });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(ITEMS);
		const misplaced = result.items.findIndex((item, index) => (item.pairedItem as { item: number }).item !== index || (index < ITEMS - 1 && item.json.n !== index));
		expect(misplaced).toBe(-1);
		expect(result.items[ITEMS - 1].json.error).toBe('the last one fails');
	}, 240_000);
});
