import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { keenCredentials, runNode, type OnErrorSetting } from '../../harness';
import { useEventServer } from '../../harness/engine-test-kit';
import type { KeenServer } from '../../keen-server';

/*
 * Issue 5: a batch where Keen refuses some events. The node checks names, string lengths, sizes and
 * the shape of `keen` before sending (badInputs.test.ts); these are refusals only Keen makes, so
 * the events really reach the server and are refused there per event (docs/keen-api.md §2.2, §2.5, §4.2):
 * a keen.* property clients may not set, a keen.timestamp in the event that is not ISO-8601, a
 * keen.uniqueness_token in the event over 64 characters, and a number outside the signed 64-bit range.
 * Two collections alternate in the batches, so answers are mapped back per collection position.
 */

let server: KeenServer;
useEventServer((started) => (server = started));

const eventsPath = () => `/3.0/projects/${server.projectId}/events`;

interface Row {
	event: IDataObject;
	/** Keen's error name for a refused event; undefined for an accepted one. */
	refusedWith?: string;
}

const ROWS: Row[] = [
	{ event: { n: 0 } },
	{ event: { n: 1, keen: { colour: 'red' } }, refusedWith: 'InvalidKeenNamespaceProperty' },
	{ event: { n: 2 } },
	{ event: { n: 3, keen: { timestamp: 'yesterday at noon' } }, refusedWith: 'InvalidKeenNamespaceProperty' },
	{ event: { n: 4 } },
	{ event: { n: 5, big: 2 ** 64 }, refusedWith: 'InvalidPropertyValueError' },
	{ event: { n: 6, keen: { uniqueness_token: 'x'.repeat(65) } }, refusedWith: 'InvalidKeenNamespaceProperty' },
	{ event: { n: 7 } },
];
const ACCEPTED = ROWS.flatMap((row, index) => (row.refusedWith ? [] : [index]));
const REFUSED = ROWS.flatMap((row, index) => (row.refusedWith ? [index] : []));

/** Items alternate between two collections (taken per item by expression) and share batches of 3. */
function items(prefix: string): IDataObject[] {
	return ROWS.map((row, index) => ({ ...row.event, target: `${prefix}_${index % 2 === 0 ? 'even' : 'odd'}` }));
}

async function record(prefix: string, setting: { onError?: OnErrorSetting; continueOnFail?: boolean }) {
	return await runNode({
		credentials: { ...keenCredentials(server) },
		parameters: {
			resource: 'event',
			operation: 'recordMany',
			collection: { __rl: true, mode: 'name', value: '={{ $json.target }}' },
			options: { batchSize: 3, concurrency: 2 },
			requestOptions: { retryDelay: 10 },
		},
		items: items(prefix),
		...setting,
	});
}

function storedNs(prefix: string): number[] {
	return [...server.events(`${prefix}_even`), ...server.events(`${prefix}_odd`)].map((event) => event.n as number).sort((a, b) => a - b);
}

const pairedIndex = (item: INodeExecutionData) => (item.pairedItem as { item: number }).item;

/** Keen's reason as the item carries it: "Keen refused the event: <error name>: <Keen's description>". */
function refusal(index: number): RegExp {
	return new RegExp(`^Keen refused the event: ${ROWS[index].refusedWith}: .+`);
}

describe('a batch where Keen refuses some events (issue 5)', () => {
	it('really sends every event: the refusals are Keen\'s, not the node\'s', async () => {
		await record('pb_sent', { continueOnFail: true });
		const posts = server.requests.filter((request) => request.method === 'POST' && request.path === eventsPath());
		expect(posts).toHaveLength(3);
		const sentNs = posts.flatMap((post) => Object.values(post.body as Record<string, IDataObject[]>).flat().map((event) => event.n));
		expect(sentNs.sort()).toEqual(ROWS.map((row) => row.event.n));
	});

	it('continue on fail: accepted stored, refused ones error items with Keen\'s reason, in input order', async () => {
		const result = await record('pb_cof', { continueOnFail: true });
		expect(result.status).toBe('success');
		expect(result.items.map(pairedIndex)).toEqual(ROWS.map((_, index) => index));
		result.items.forEach((item, index) => {
			if (ROWS[index].refusedWith) expect(item.json.error).toMatch(refusal(index));
			else expect(item.json).toEqual({ created: true, collection: `pb_cof_${index % 2 === 0 ? 'even' : 'odd'}` });
		});
		expect(storedNs('pb_cof')).toEqual(ACCEPTED);
	});

	it('error output: accepted ones on the main output, refused ones on the error output, both in input order', async () => {
		const result = await record('pb_out', { onError: 'continueErrorOutput' });
		expect(result.status).toBe('success');
		expect(result.items.map(pairedIndex)).toEqual(ACCEPTED);
		expect(result.items.every((item) => item.json.created === true)).toBe(true);
		expect(result.errorItems.map(pairedIndex)).toEqual(REFUSED);
		result.errorItems.forEach((item) => expect(item.json.error).toMatch(refusal(pairedIndex(item))));
		expect(storedNs('pb_out')).toEqual(ACCEPTED);
	});

	it('stop on error: the node fails saying how many events were recorded and why each other one was refused', async () => {
		const result = await record('pb_stop', { onError: 'stopWorkflow' });
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(
			new RegExp(`^${ACCEPTED.length} of ${ROWS.length} items succeeded and ${REFUSED.length} failed before the node stopped\\. First: item ${REFUSED[0]}: Keen refused the event: ${ROWS[REFUSED[0]].refusedWith}`),
		);
		const description = String(result.error?.description);
		for (const index of REFUSED) expect(description).toMatch(new RegExp(`item ${index}: Keen refused the event: ${ROWS[index].refusedWith}: `));
		expect(description.indexOf('item 1:')).toBeLessThan(description.indexOf('item 3:'));
		expect(description.indexOf('item 5:')).toBeLessThan(description.indexOf('item 6:'));
		expect(storedNs('pb_stop')).toEqual(ACCEPTED);
	});

	it('Batch JSON: one item with refused events says which of its events were refused and why', async () => {
		const batch = { pb_json: ROWS.map((row) => row.event) };
		const result = await runNode({
			credentials: { ...keenCredentials(server) },
			parameters: { resource: 'event', operation: 'recordMany', inputMode: 'batchJson', batchJson: JSON.stringify(batch), requestOptions: { retryDelay: 10 } },
			continueOnFail: true,
		});
		expect(result.items).toHaveLength(1);
		// n8n keeps only the message in an error item's json, so the message names every refused event.
		const message = String(result.items[0].json.error);
		expect(message).toMatch(new RegExp(`^Keen recorded ${ACCEPTED.length} of ${ROWS.length} events of this item; not recorded: `));
		for (const index of REFUSED) expect(message).toContain(`event ${index + 1} ("pb_json"): ${ROWS[index].refusedWith}: `);
		expect(message.indexOf('event 2 ')).toBeLessThan(message.indexOf('event 7 '));
		expect(server.events('pb_json').map((event) => event.n)).toEqual(ACCEPTED);
	});
});
