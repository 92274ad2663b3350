/**
 * Bench-only node that sends nothing: one small output item per input item, as Record Many
 * returns. Run through the same harness, it shows what the engine and the harness cost
 * (time and memory) before the Keen node does any work.
 */
import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

export class EngineFloor implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Engine Floor',
		name: 'engineFloor',
		group: ['transform'],
		version: 1,
		description: 'Benchmark floor: returns one small item per input item',
		defaults: { name: 'Engine Floor' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData().map((_, i) => ({ json: { created: true, collection: 'bench_purchases' }, pairedItem: { item: i } }))];
	}
}
