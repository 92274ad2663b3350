/**
 * Bench-only node: the raw ceiling's loop (bench/cases/raw.ts) run inside n8n. It sends the same
 * pre-built events in the same batch bodies, with the same number of requests in flight, but
 * through n8n's HTTP helper with the Keen credential, and returns one small item per input item as
 * Record Many does. It does none of the Keen node's own work (reading fields, validating, tokens,
 * per-item outcomes), so the gap between it and the raw ceiling is what n8n costs any node, and the
 * gap between it and Record Many is what the Keen node costs.
 */
import type { IExecuteFunctions, INodeExecutionData, INodeType } from 'n8n-workflow';

import { benchNodeDescription } from './benchNode';
import { ceilingBatchBody, type BenchEvent } from './events';

export class HelperCeiling implements INodeType {
	description = benchNodeDescription('helperCeiling', 'Helper Ceiling', "Benchmark: the raw ceiling's batches sent through n8n's HTTP helper", {
		credentials: [{ name: 'keenApi', required: true }],
		properties: [
			{ displayName: 'Collection', name: 'collection', type: 'string', default: '' },
			{ displayName: 'Batch Size', name: 'batchSize', type: 'number', default: 1000 },
			{ displayName: 'Concurrency', name: 'concurrency', type: 'number', default: 4 },
		],
	});

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const collection = this.getNodeParameter('collection', 0) as string;
		const batchSize = this.getNodeParameter('batchSize', 0) as number;
		const concurrency = this.getNodeParameter('concurrency', 0) as number;
		const credentials = await this.getCredentials<{ baseUrl: string; projectId: string }>('keenApi');
		const url = `${credentials.baseUrl.replace(/\/+$/, '')}/3.0/projects/${credentials.projectId}/events`;
		const events = items.map((item) => item.json as BenchEvent);
		const batches = Math.ceil(events.length / batchSize);
		let next = 0;
		let recorded = 0;
		const lane = async () => {
			while (next < batches) {
				const body = ceilingBatchBody(collection, events, next++, batchSize);
				const answer = (await this.helpers.httpRequestWithAuthentication.call(this, 'keenApi', {
					method: 'POST',
					url,
					body,
					headers: { 'content-type': 'application/json' },
					json: true,
				})) as Record<string, Array<{ success: boolean }>>;
				for (const entry of answer[collection]) if (entry.success) recorded++;
			}
		};
		await Promise.all(Array.from({ length: concurrency }, lane));
		if (recorded !== items.length) throw new Error(`Keen recorded ${recorded} of ${items.length} events`);
		return [items.map((_, i) => ({ json: { created: true, collection }, pairedItem: { item: i } }))];
	}
}
