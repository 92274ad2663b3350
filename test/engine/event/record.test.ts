import type { IDataObject } from 'n8n-workflow';

import { keenCredentials, runNode } from '../../harness';
import { useEventServer } from '../../harness/engine-test-kit';
import type { KeenServer } from '../../keen-server';
import { DEFAULT_BATCH_SIZE } from '../../../nodes/Keen/transport/batch';

let server: KeenServer;
useEventServer((started) => (server = started));

function parameters(collection: string, extra: IDataObject = {}) {
	return {
		resource: 'event',
		operation: 'record',
		collection: { __rl: true, mode: 'name', value: collection },
		requestOptions: { retryDelay: 10 },
		...extra,
	};
}

const batchPosts = () => server.requests.filter((r) => r.method === 'POST' && r.path === `/3.0/projects/${server.projectId}/events`);

describe('Event → Record', () => {
	it('records the whole item through the batch endpoint with the write key and an Auto uniqueness token', async () => {
		const result = await runNode({ credentials: { ...keenCredentials(server) }, parameters: parameters('rec_whole'), items: [{ item: 'gadget', price: 10, user: { id: 'u1' } }] });
		expect(result.status).toBe('success');
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
		const [request] = batchPosts();
		expect(request).toMatchObject({ method: 'POST', keyKind: 'write' });
		const [sent] = (request.body as { rec_whole: IDataObject[] }).rec_whole;
		expect(sent).toMatchObject({ item: 'gadget', price: 10, user: { id: 'u1' } });
		expect(String((sent.keen as IDataObject).uniqueness_token)).toMatch(/^[0-9a-f]{32}-0$/);
		const [stored] = server.events('rec_whole');
		expect(stored).toEqual(expect.objectContaining({ item: 'gadget', price: 10 }));
		// The output is the event as sent: its keen.timestamp and token are the ones Keen stored.
		expect(result.items.map((i) => i.json)).toEqual([{ created: true, collection: 'rec_whole', event: sent }]);
		expect((stored.keen as IDataObject).timestamp).toBe((sent.keen as IDataObject).timestamp);
		expect((stored.keen as IDataObject).uniqueness_token).toBe((sent.keen as IDataObject).uniqueness_token);
	});

	it('sends chosen fields, a timestamp from a field and add-ons', async () => {
		const result = await runNode({
			credentials: { ...keenCredentials(server) },
			parameters: parameters('rec_fields', {
				eventSource: 'fields',
				fields: 'name, ip',
				timestampField: 'meta.when',
				addOns: { addOn: [{ addOn: 'ipToGeo', input: 'ip', output: 'geo' }] },
				options: { uniquenessToken: 'off' },
			}),
			items: [{ name: 'bob', ip: '1.2.3.4', secret: 'no', meta: { when: '2024-05-01T14:00:00+02:00' } }],
		});
		expect(result.status).toBe('success');
		const [sent] = (batchPosts()[0].body as { rec_fields: IDataObject[] }).rec_fields;
		expect(sent).toEqual({
			name: 'bob',
			ip: '1.2.3.4',
			keen: { timestamp: '2024-05-01T12:00:00.000Z', addons: [{ name: 'keen:ip_to_geo', input: { ip: 'ip' }, output: 'geo' }] },
		});
		expect(server.events('rec_fields')[0]).toMatchObject({ name: 'bob', keen: { timestamp: '2024-05-01T12:00:00.000Z' } });
	});

	it('sends a JSON body', async () => {
		const result = await runNode({
			credentials: { ...keenCredentials(server) },
			parameters: parameters('rec_json', { eventSource: 'json', jsonBody: '={{ JSON.stringify({ order: $json.id, total: 5 }) }}' }),
			items: [{ id: 'o-1' }],
		});
		expect(result.status).toBe('success');
		expect(server.events('rec_json')[0]).toMatchObject({ order: 'o-1', total: 5 });
	});

	it('sends 2,400 items in batches of the default size, not one request per item', async () => {
		const items = Array.from({ length: 2400 }, (_, i) => ({ n: i }));
		const result = await runNode({ credentials: { ...keenCredentials(server) }, parameters: parameters('rec_many'), items });
		expect(result.items).toHaveLength(2400);
		expect(result.items.every((item, i) => item.json.created === true && (item.pairedItem as { item: number }).item === i)).toBe(true);
		expect(batchPosts()).toHaveLength(Math.ceil(2400 / DEFAULT_BATCH_SIZE));
		expect(server.eventCount('rec_many')).toBe(2400);
	});

	const badJson = { eventSource: 'json', jsonBody: '={{ $json.body }}' };
	const badItems = [{ body: '{"a": 1}' }, { body: '{"a": ' }, { body: '{"a": 3}' }];

	it('names the item and the field of invalid JSON and sends the other items (continue on fail)', async () => {
		const result = await runNode({ credentials: { ...keenCredentials(server) }, parameters: parameters('rec_bad_json', badJson), items: badItems, continueOnFail: true });
		expect(result.items.map((i) => i.json.created ?? i.json.error)).toEqual([
			true,
			'The text could not be parsed as JSON (Unexpected end of JSON input) (item 1, field "Event JSON")',
			true,
		]);
		expect(result.items[1].pairedItem).toEqual({ item: 1 });
		expect(server.events('rec_bad_json').map((e) => e.a)).toEqual([1, 3]);
	});

	// The engine routes an item to the error output only when its json keys are within error/message/details;
	// runOperation's errorItem adds `description`, so these items stay on the main output until that is changed.
	it('routes invalid items to the error output', async () => {
		const result = await runNode({ credentials: { ...keenCredentials(server) }, parameters: parameters('rec_bad_json_out', badJson), items: badItems, onError: 'continueErrorOutput' });
		expect(result.items).toHaveLength(2);
		expect(result.errorItems).toHaveLength(1);
	});

	it('stops with a message naming how many events were recorded and why the others were not', async () => {
		const result = await runNode({
			credentials: { ...keenCredentials(server) },
			parameters: parameters('rec_stop'),
			items: [{ ok: 1 }, { 'bad.name': 2 }, { ok: 3 }],
		});
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/^2 of 3 items succeeded and 1 failed before the node stopped\. First: item 1: Property name "bad\.name" contains a dot \(field "Event Content"\)/);
		expect(server.eventCount('rec_stop')).toBe(2);
	});

	it('refuses an empty event (a Manual Trigger\'s item) naming the item and the field, and sends nothing', async () => {
		const result = await runNode({ credentials: { ...keenCredentials(server) }, parameters: parameters('rec_empty'), items: [{}] });
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/The event is empty .*item 0, field "Event Content"/);
		expect(batchPosts()).toHaveLength(0);
	});

	it('records an empty event when Allow Empty Event is on, and shows the keen properties it was stored with', async () => {
		const result = await runNode({ credentials: { ...keenCredentials(server) }, parameters: parameters('rec_empty_ok', { options: { allowEmptyEvent: true } }), items: [{}] });
		expect(result.status).toBe('success');
		const [stored] = server.events('rec_empty_ok');
		expect(result.items[0].json).toEqual({
			created: true,
			collection: 'rec_empty_ok',
			event: { keen: { timestamp: (stored.keen as IDataObject).timestamp, uniqueness_token: expect.any(String) } },
		});
	});

	it('keeps the output small with Output = Summary Only', async () => {
		const result = await runNode({ credentials: { ...keenCredentials(server) }, parameters: parameters('rec_summary', { options: { output: 'summary' } }), items: [{ a: 1 }, { a: 2 }] });
		expect(result.items.map((i) => i.json)).toEqual([
			{ created: true, collection: 'rec_summary' },
			{ created: true, collection: 'rec_summary' },
		]);
	});

	it('fails before sending when the write key is missing', async () => {
		const result = await runNode({
			credentials: { ...keenCredentials(server, { writeApiKey: '', masterApiKey: '' }) },
			parameters: parameters('rec_nokey'),
			items: [{ a: 1 }],
		});
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/needs the Write API Key/);
		expect(batchPosts()).toHaveLength(0);
	});
});
