import { keenCredentials, runAsTool } from '../../harness';
import type { KeenServer } from '../../keen-server';
import { byName, rowsOf, run } from '../../harness/engine-test-kit';
import { useQueryServer } from '../query/queryFixture';

/** The Keen node as an AI agent's tool: parameters from $fromAI, answers and errors as the model reads them. */
const server = useQueryServer();

const fromAi = (key: string, description = '') => `={{ $fromAI('${key}', '${description}', 'string') }}`;

async function tool(s: KeenServer, parameters: Record<string, unknown>, calls: Array<Record<string, unknown>>, credentials = {}) {
	return await runAsTool({ credentials: { ...keenCredentials(s, credentials) }, parameters: parameters as never, calls: calls as never });
}

const countByModel = {
	resource: 'query',
	operation: 'count',
	collection: { __rl: true, mode: 'name', value: fromAi('collection') },
	timeframeType: 'text',
	timeframeText: fromAi('timeframe'),
};

describe('Keen Tool: what the model reads back', () => {
	it('answers a count with the arguments the model sent', async () => {
		const result = await tool(server(), countByModel, [{ collection: 'purchases', timeframe: 'this_7_days' }]);
		expect(result.status).toBe('success');
		expect(result.tool.arguments.sort()).toEqual(['collection', 'timeframe']);
		expect(result.calls).toEqual([{ response: [{ value: 3 }] }]);
	});

	it('names the argument and says what to send for a bad timeframe', async () => {
		const result = await tool(server(), countByModel, [{ collection: 'purchases', timeframe: 'last_7_days' }]);
		const { error } = result.calls[0];
		expect(error).toMatch(/^Argument "timeframe": /);
		expect(error).toContain('last_7_days');
		expect(error).toContain('this_7_days');
		expect(error).not.toMatch(/item 0/);
	});

	it('names the argument and lists the operators for a bad filter operator', async () => {
		const result = await tool(
			server(),
			{ resource: 'query', operation: 'count', collection: byName('purchases'), filterMode: 'json', filtersJson: fromAi('filters') },
			[{ filters: '[{"property_name": "price", "operator": "bigger", "property_value": 10}]' }],
		);
		const { error } = result.calls[0];
		expect(error).toMatch(/^Argument "filters": /);
		expect(error).toContain('"bigger"');
		expect(error).toMatch(/\bgt\b/);
		expect(error).toMatch(/\bcontains\b/);
	});

	it('says a fixed setting is for the user to fix, not the model', async () => {
		const result = await tool(server(), { resource: 'query', operation: 'count', collection: byName('purchases'), timeframeType: 'text', timeframeText: 'last_week' }, [{}]);
		expect(result.calls[0].error).toMatch(/^The tool's "Timeframe" setting is invalid: .*ask the user to correct it\.$/);
	});

	it('folds the advice of any other error into its message', async () => {
		const s = server();
		const result = await tool(s, countByModel, [{ collection: 'purchases', timeframe: 'this_7_days' }], { readApiKey: '', masterApiKey: '' });
		// The message and the description (the advice) as one text, without an item index.
		expect(result.calls[0].error).toMatch(/^Query → Count needs the [^.]+\. Fill in the [^.]+ in the Keen credential\. Nothing was sent to Keen\.$/);
		expect(s.requests).toEqual([]);
	});

	it('turns an unknown collection into an error listing the known ones', async () => {
		const result = await tool(server(), { ...countByModel, groupBy: 'country' }, [{ collection: 'purchase', timeframe: 'this_7_days' }]);
		expect(result.calls[0].error).toBe('Argument "collection": There is no event collection "purchase" in this project. Use one of: purchases, signups.');
	});

	it('says when no events matched instead of answering with nothing', async () => {
		const result = await tool(server(), { ...countByModel, groupBy: 'country' }, [{ collection: 'purchases', timeframe: 'previous_2_years' }]);
		expect(result.calls).toEqual([{ response: [{ note: 'No events matched: "purchases" has no events in the timeframe that pass the filters.' }] }]);
	});

	it('says when no event has the group-by property', async () => {
		const result = await tool(server(), { ...countByModel, groupBy: 'country_name' }, [{ collection: 'purchases', timeframe: 'this_7_days' }]);
		const [note, ...rows] = result.calls[0].response as Array<Record<string, unknown>>;
		expect(note.note).toMatch(/^No event has the property "country_name" \(every group is null\).*Properties of "purchases": .*country/);
		expect(rows).toEqual([{ country_name: null, value: 3 }]);
	});

});

describe('Keen Tool: newest first for the model', () => {
	const extraction = { resource: 'extraction', operation: 'extract', collection: byName('purchases') };
	const prices = (response: unknown) => (response as Array<Record<string, unknown>>).filter((row) => 'price' in row).map((row) => row.price);

	it('gives the events newest first and asks Keen for the most recent ones only', async () => {
		const s = server();
		const result = await tool(s, extraction, [{}]);
		// The local server answers oldest first, as Keen does in practice; the model gets the other end first.
		expect(prices(result.calls[0].response)).toEqual([30, 20, 10]);
		// One more than "Max Items for the Model" (25): enough to know whether older events were left out.
		expect(s.requests[0].body).toMatchObject({ event_collection: 'purchases', latest: 26 });
	});

	it('caps an extraction to the most recent events and says how to ask for older ones', async () => {
		const s = server();
		const capped = await tool(s, { ...extraction, timeframeType: 'text', timeframeText: fromAi('timeframe'), toolMaxItems: 2 }, [{ timeframe: 'this_7_days' }]);
		const response = capped.calls[0].response as Array<Record<string, unknown>>;
		expect(prices(response)).toEqual([30, 20]);
		expect(response[2]).toEqual({
			note: expect.stringMatching(/^Showing the 2 most recent events, newest first; older events were left out\. To see older ones, ask again with a timeframe that ends at 2024-05-09T10:00:00\.000Z /),
		});
		expect(s.requests[s.requests.length - 1].body).toMatchObject({ latest: 3 });

		// The note's advice works: a timeframe ending at the oldest event shown gives the older ones.
		const older = await tool(s, { ...extraction, timeframeType: 'text', timeframeText: fromAi('timeframe'), toolMaxItems: 2 }, [
			{ timeframe: '{"start": "2024-05-01T00:00:00Z", "end": "2024-05-09T10:00:00.000Z"}' },
		]);
		expect(older.calls[0].response).toEqual([expect.objectContaining({ price: 10 })]);
	});

	it("keeps the user's smaller Latest N, newest first, without a note", async () => {
		const s = server();
		const result = await tool(s, { ...extraction, latest: 2 }, [{}]);
		expect(prices(result.calls[0].response)).toEqual([30, 20]);
		expect(s.requests[0].body).toMatchObject({ latest: 2 });
	});

	it('asks for keen.timestamp beside chosen properties, so the events can be put in order', async () => {
		const s = server();
		const result = await tool(s, { ...extraction, propertyNames: ['price'] }, [{}]);
		expect(result.calls[0].response).toEqual([
			{ price: 30, keen: { timestamp: '2024-05-09T11:00:00.000Z' } },
			{ price: 20, keen: { timestamp: '2024-05-09T10:00:00.000Z' } },
			{ price: 10, keen: { timestamp: '2024-05-08T10:00:00.000Z' } },
		]);
		expect(s.requests[0].body).toMatchObject({ property_names: ['price', 'keen.timestamp'] });
	});

	it('gives interval results newest first, capped to the most recent intervals', async () => {
		const result = await tool(
			server(),
			{ ...countByModel, interval: 'daily', toolMaxItems: 2 },
			[{ collection: 'purchases', timeframe: '{"start": "2024-05-07T00:00:00Z", "end": "2024-05-10T00:00:00Z"}' }],
		);
		const response = result.calls[0].response as Array<Record<string, unknown>>;
		expect(response.slice(0, 2)).toEqual([
			{ timeframe_start: '2024-05-09T00:00:00.000Z', timeframe_end: '2024-05-10T00:00:00.000Z', value: 2 },
			{ timeframe_start: '2024-05-08T00:00:00.000Z', timeframe_end: '2024-05-09T00:00:00.000Z', value: 1 },
		]);
		expect(response[2].note).toMatch(/^Showing the 2 most recent items, newest first; .* ends at 2024-05-08T00:00:00\.000Z /);
	});
});

describe('Keen node in a workflow: the same findings as execution hints, the output unchanged', () => {
	const hints = (result: Awaited<ReturnType<typeof run>>) =>
		(result.run.data.resultData.runData.Keen[0].hints ?? []).map((hint) => hint.message);

	it('keeps the empty grouped result and hints at the unknown collection', async () => {
		const result = await run(server(), { resource: 'query', operation: 'count', collection: byName('purchase'), groupBy: 'country' });
		expect(result.status).toBe('success');
		expect(result.items).toEqual([]);
		expect(hints(result)).toEqual(['There is no event collection "purchase" in this project. Use one of: purchases, signups.']);
	});

	it('keeps a count of 0 and hints that no events matched', async () => {
		const result = await run(server(), { resource: 'query', operation: 'count', collection: byName('purchases'), relativeTimeframe: 'previous_year' });
		expect(rowsOf(result)).toEqual([{ value: 0 }]);
		expect(hints(result)).toEqual(['No events matched: "purchases" has no events in the timeframe that pass the filters.']);
	});

	it('adds no hint and sends no schema request when events matched', async () => {
		const s = server();
		const result = await run(s, { resource: 'query', operation: 'count', collection: byName('purchases'), groupBy: 'country' });
		expect(result.items).toHaveLength(2);
		expect(hints(result)).toEqual([]);
		expect(s.requests).toHaveLength(1);
	});

	it('does not cap, reorder or narrow a workflow run', async () => {
		const s = server();
		const result = await run(s, { resource: 'extraction', operation: 'extract', collection: byName('purchases'), toolMaxItems: 1 });
		expect(result.items.map((item) => item.json.price)).toEqual([10, 20, 30]);
		expect(s.requests[0].body).not.toHaveProperty('latest');
		const chosen = await run(s, { resource: 'extraction', operation: 'extract', collection: byName('purchases'), propertyNames: ['price'] });
		expect(chosen.items.map((item) => item.json)).toEqual([{ price: 10 }, { price: 20 }, { price: 30 }]);
		expect(s.requests[1].body).toMatchObject({ property_names: ['price'] });
	});
});
