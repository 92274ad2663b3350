import type { INodeParameters } from 'n8n-workflow';

import { keenCredentials, runNode, runPoll, type RunNodeResult } from '../../harness';
import { byName, keenCall, useKeenServer } from '../../harness/engine-test-kit';
import type { KeenServer } from '../../keen-server';

/*
 * Workflows saved with version 1 of the Keen node and the Keen Trigger, as n8n stores them: only the
 * values that differ from version 1's defaults, typeVersion 1. Each operation whose defaults, fields
 * or output changed in a later version must still send the same requests (their JSON text, byte for
 * byte) and give the same items. The expected values were recorded from version 1 before 1.1 existed.
 */

const server = useKeenServer();
/** The write operations record into a server of their own, so the queries' counts stay put. */
const writes = useKeenServer();

async function runV1(parameters: INodeParameters, on = server()): Promise<RunNodeResult> {
	return await runNode({ credentials: { ...keenCredentials(on) }, parameters, typeVersion: 1 });
}

/** Each request as text; what differs per execution (Auto uniqueness tokens, the time the node records) masked. */
function sentText(s: KeenServer): string[] {
	return s.requests.map(({ method, path, query, keyKind, body }) =>
		JSON.stringify({ method, path: path.replace(s.projectId, 'PID'), query, keyKind, body }).replace(/"timestamp":"[^"]+"/g, '"timestamp":"TS"').replace(/"uniqueness_token":"[^"]+"/g, '"uniqueness_token":"T"'),
	);
}

const json = (result: RunNodeResult) => result.items.map((item) => item.json);

describe('Keen node version 1: saved workflows behave as before', () => {
	it('Record with Event Content: JSON and the untouched example event', async () => {
		const result = await runV1({ collection: byName('v1_record'), eventSource: 'json' }, writes());
		expect(result.status).toBe('success');
		expect(sentText(writes())).toEqual([
			'{"method":"POST","path":"/3.0/projects/PID/events","query":{},"keyKind":"write","body":{"v1_record":[{"item":"golden gadget","price":25.5,"keen":{"timestamp":"TS","uniqueness_token":"T"}}]}}',
		]);
	});

	it('Record Many with Event Content: JSON, and with Batch JSON, untouched', async () => {
		await runV1({ operation: 'recordMany', collection: byName('v1_many'), eventSource: 'json' }, writes());
		await runV1({ operation: 'recordMany', inputMode: 'batchJson' }, writes());
		expect(sentText(writes())).toEqual([
			'{"method":"POST","path":"/3.0/projects/PID/events","query":{},"keyKind":"write","body":{"v1_many":[{"item":"golden gadget","price":25.5,"keen":{"timestamp":"TS","uniqueness_token":"T"}}]}}',
			'{"method":"POST","path":"/3.0/projects/PID/events","query":{},"keyKind":"write","body":{"signups":[{"name":"bob","keen":{"timestamp":"TS","uniqueness_token":"T"}}],"purchases":[{"price":10,"keen":{"timestamp":"TS","uniqueness_token":"T"}}]}}',
		]);
	});

	it('Saved Query → Create with Query JSON untouched', async () => {
		const result = await runV1({ resource: 'savedQuery', operation: 'create', queryName: 'v1-sample', definitionMode: 'json' }, writes());
		expect(result.status).toBe('success');
		expect(sentText(writes())).toEqual([
			'{"method":"PUT","path":"/3.0/projects/PID/queries/saved/v1-sample","query":{},"keyKind":"master","body":{"refresh_rate":0,"query":{"analysis_type":"count","event_collection":"purchases","timeframe":"this_14_days"}}}',
		]);
	});

	it('Count, Simplify on and off: same request, same items', async () => {
		const on = await runV1({ resource: 'query', operation: 'count', collection: byName('purchases') });
		const off = await runV1({ resource: 'query', operation: 'count', collection: byName('purchases'), simplify: false });
		const request = '{"method":"POST","path":"/3.0/projects/PID/queries/count","query":{},"keyKind":"read","body":{"event_collection":"purchases","timeframe":"this_7_days","timezone":"UTC"}}';
		expect(sentText(server())).toEqual([request, request]);
		expect(json(on)).toEqual([{ value: 3 }]);
		expect(json(off)).toEqual([{ result: 3 }]);
	});

	it('Funnel and Saved Query → Get Result: same items', async () => {
		const funnel = await runV1({ resource: 'query', operation: 'funnel', steps: { step: [{ eventCollection: 'purchases', actorProperty: 'country' }] } });
		expect(json(funnel)).toEqual([{ step: 1, event_collection: 'purchases', actor_property: 'country', count: 2 }]);
		await keenCall(server(), 'PUT', '/queries/saved/v1-revenue', {
			refresh_rate: 0,
			query: { analysis_type: 'sum', event_collection: 'purchases', target_property: 'price', timeframe: 'this_7_days', group_by: ['country'] },
			metadata: { display_name: 'Revenue' },
		});
		const saved = await runV1({ resource: 'savedQuery', operation: 'getResult', savedQuery: byName('v1-revenue') });
		expect(json(saved)).toEqual(expect.arrayContaining([{ country: 'FR', value: 15 }, { country: 'DE', value: 30 }]));
		expect(json(saved)).toHaveLength(2);
	});
});

describe('Keen Trigger version 1: Metric Threshold as saved', () => {
	it('polls with the typed timeframe, or this_1_hours when untouched', async () => {
		const s = server();
		const credentials = { ...keenCredentials(s) };
		const untouched = await runPoll({ credentials, parameters: { event: 'metricThreshold', collection: byName('purchases') }, typeVersion: 1, mode: 'manual' });
		const typed = await runPoll({
			credentials,
			parameters: { event: 'metricThreshold', collection: byName('purchases'), relativeTimeframe: 'previous_3_days', threshold: 1.5 },
			typeVersion: 1,
			mode: 'manual',
		});
		expect(sentText(s)).toEqual([
			'{"method":"POST","path":"/3.0/projects/PID/queries/count","query":{},"keyKind":"read","body":{"event_collection":"purchases","timeframe":"this_1_hours"}}',
			'{"method":"POST","path":"/3.0/projects/PID/queries/count","query":{},"keyKind":"read","body":{"event_collection":"purchases","timeframe":"previous_3_days"}}',
		]);
		expect(untouched.result?.[0].map((item) => item.json)).toEqual([{ analysis: 'count', value: 0, threshold: 0, direction: 'above', crossed: false }]);
		expect(typed.result?.[0].map((item) => item.json)).toEqual([{ analysis: 'count', value: 3, threshold: 1.5, direction: 'above', crossed: true }]);
	});
});
