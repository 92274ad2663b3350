/**
 * Bench-only node: one POST per input item with n8n's own HTTP helper, awaited in turn —
 * what a one-request-per-item HTTP Request set-up does (Keen's single-event endpoint,
 * docs/keen-api.md §4.1). LANES > 1 keeps that many such requests in flight instead.
 */
import type { IExecuteFunctions, INodeExecutionData, INodeType } from 'n8n-workflow';

import { benchNodeDescription } from './benchNode';

export class PerItemPost implements INodeType {
	description = benchNodeDescription('perItemPost', 'Per-Item POST', 'Benchmark baseline: one HTTP request per item', {
		properties: [
			{ displayName: 'URL', name: 'url', type: 'string', default: '' },
			{ displayName: 'Authorization', name: 'authorization', type: 'string', default: '' },
			{ displayName: 'Lanes', name: 'lanes', type: 'number', default: 1 },
		],
	});

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const output = new Array<INodeExecutionData>(items.length);
		let next = 0;
		const lane = async () => {
			while (next < items.length) {
				const i = next++;
				const url = this.getNodeParameter('url', i) as string;
				const authorization = this.getNodeParameter('authorization', i) as string;
				const response = await this.helpers.httpRequest({ method: 'POST', url, headers: { Authorization: authorization }, body: items[i].json, json: true });
				output[i] = { json: response, pairedItem: { item: i } };
			}
		};
		const lanes = Math.max(1, this.getNodeParameter('lanes', 0) as number);
		await Promise.all(Array.from({ length: lanes }, lane));
		return [output];
	}
}
