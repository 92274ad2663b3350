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

	it('caps an extraction for the model and says how many were left out', async () => {
		const result = await tool(
			server(),
			{ resource: 'extraction', operation: 'extract', collection: byName('purchases'), toolMaxItems: 2 },
			[{}],
		);
		const response = result.calls[0].response as Array<Record<string, unknown>>;
		expect(response).toHaveLength(3);
		expect(response[2]).toEqual({ note: expect.stringMatching(/^Showing 2 of 3 events; 1 left out\. /) });
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

	it('does not cap a workflow run', async () => {
		const result = await run(server(), { resource: 'extraction', operation: 'extract', collection: byName('purchases'), toolMaxItems: 1 });
		expect(result.items).toHaveLength(3);
	});
});
