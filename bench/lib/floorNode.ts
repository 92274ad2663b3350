/**
 * Bench-only node that sends nothing: one small output item per input item, as Record Many
 * returns. Run through the same harness, it shows what the engine and the harness cost
 * (time and memory) before the Keen node does any work.
 */
import type { IExecuteFunctions, INodeExecutionData, INodeType } from 'n8n-workflow';

import { benchNodeDescription } from './benchNode';

export class EngineFloor implements INodeType {
	description = benchNodeDescription('engineFloor', 'Engine Floor', 'Benchmark floor: returns one small item per input item', { properties: [] });

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData().map((_, i) => ({ json: { created: true, collection: 'bench_purchases' }, pairedItem: { item: i } }))];
	}
}
