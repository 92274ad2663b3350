import { NodeHelpers, type IDataObject, type INode, type INodeTypeDescription } from 'n8n-workflow';

import { Keen } from '../../nodes/Keen/Keen.node';
import {
	capForModel,
	extractionForModel,
	fromAiKeys,
	newestFirst,
	TOOL_DESCRIPTION_NOTICE,
	toolErrorMessage,
	toolInputMessage,
} from '../../nodes/Keen/actions/toolMode';
import { keenToolDescription } from '../harness/run-tool';

describe('fromAiKeys', () => {
	it.each([
		["={{ $fromAI('timeframe', 'the window', 'string') }}", ['timeframe']],
		['={{ /*n8n-auto-generated-fromAI-override*/ $fromAI(`Timeframe`, ``, `string`) }}', ['Timeframe']],
		['={{ $fromai("collection") }}', ['collection']],
		[{ __rl: true, mode: 'name', value: "={{ $fromAI('collection') }}" }, ['collection']],
		[{ filter: [{ value: "={{ $fromAI('min_price', '', 'number') }}" }, { value: "={{ $fromAI('country') }}" }] }, ['min_price', 'country']],
		['this_7_days', []],
		["={{ $json.timeframe }}", []],
		[undefined, []],
	])('%j → %j', (raw, keys) => expect(fromAiKeys(raw)).toEqual(keys));
});

describe('tool error messages', () => {
	it('name the model\'s argument and carry the fix', () => {
		expect(toolInputMessage('Unknown interval "per day"', 'Use daily or every_N_units', 'Interval', ['interval'])).toBe(
			'Argument "interval": Unknown interval "per day". Use daily or every_N_units.',
		);
	});

	it('send a fixed setting back to the user', () => {
		expect(toolInputMessage('No event collection given', undefined, 'Collection', [])).toBe(
			'The tool\'s "Collection" setting is invalid: No event collection given. This setting is fixed in the workflow; ask the user to correct it.',
		);
	});

	it('fold the description of an API error into the message once', () => {
		expect(toolErrorMessage('Keen answered 404', 'Check the names used.')).toBe('Keen answered 404. Check the names used.');
		expect(toolErrorMessage('Keen answered 404. Check the names used.', 'Check the names used.')).toBe('Keen answered 404. Check the names used.');
		expect(toolErrorMessage('Keen answered 500', undefined)).toBe('Keen answered 500');
	});
});

describe('capForModel', () => {
	const rows = Array.from({ length: 5 }, (_, i) => ({ i }));

	it('keeps the first rows and says how many were left out', () => {
		expect(capForModel(rows, 2, 'events')).toEqual([
			{ i: 0 },
			{ i: 1 },
			{ note: expect.stringMatching(/^Showing 2 of 5 events; 3 left out\. .*narrower timeframe.*"Max Items for the Model"/) },
		]);
	});

	it.each([
		['at the cap', 5],
		['under the cap', 9],
		['0 (no cap)', 0],
	])('leaves a result %s unchanged', (_name, max) => expect(capForModel(rows, max, 'items')).toBe(rows));
});

describe('newestFirst', () => {
	const at = (hour: number) => ({ keen: { timestamp: `2024-05-09T${String(hour).padStart(2, '0')}:00:00.000Z` }, hour });

	it('puts events newest first whatever order Keen answered in, notes in front', () => {
		const note = { note: 'No event has the property "x"' };
		expect(newestFirst([at(3), note, at(9), at(1), at(5)]).map((row) => row.hour ?? row.note)).toEqual([note.note, 9, 5, 3, 1]);
	});

	it('puts intervals newest first and keeps the groups of one interval in their order', () => {
		const rows = [
			{ timeframe_start: '2024-05-08T00:00:00.000Z', country: 'FR' },
			{ timeframe_start: '2024-05-09T00:00:00.000Z', country: 'DE' },
			{ timeframe_start: '2024-05-09T00:00:00.000Z', country: 'FR' },
		];
		expect(newestFirst(rows).map((row) => `${String(row.timeframe_start).slice(8, 10)} ${String(row.country)}`)).toEqual(['09 DE', '09 FR', '08 FR']);
	});

	it('leaves rows without a time as they are', () => {
		const rows = [{ country: 'FR' }, { country: 'DE' }];
		expect(newestFirst(rows)).toBe(rows);
	});

	it('caps timed rows to the most recent and names the oldest time shown', () => {
		expect(capForModel([at(1), at(3), at(2)], 2, 'events')).toEqual([
			at(3),
			at(2),
			{ note: expect.stringMatching(/^Showing the 2 most recent events, newest first; .*ends at 2024-05-09T02:00:00\.000Z \(the oldest shown/) },
		]);
	});
});

describe('extractionForModel', () => {
	const body = { event_collection: 'purchases', timeframe: 'this_7_days' };

	it.each<[string, IDataObject, number, IDataObject]>([
		['asks for one more than the model gets', body, 25, { ...body, latest: 26 }],
		["keeps the user's smaller Latest N", { ...body, latest: 5 }, 25, { ...body, latest: 5 }],
		["narrows the user's larger Latest N", { ...body, latest: 500 }, 25, { ...body, latest: 26 }],
		['leaves Latest alone when every event goes to the model', body, 0, body],
		['adds keen.timestamp to chosen properties', { ...body, property_names: ['price'] }, 0, { ...body, property_names: ['price', 'keen.timestamp'] }],
		['keeps chosen properties that have it', { ...body, property_names: ['keen'] }, 0, { ...body, property_names: ['keen'] }],
	])('%s', (_name, input, max, expected) => expect(extractionForModel(input, max)).toEqual(expected));
});

describe('the Tool Description notice', () => {
	const shown = (description: INodeTypeDescription, parameters: Record<string, unknown>) => {
		const node = { id: 'k', name: 'Keen', type: `n8n-nodes-keen.${description.name}`, typeVersion: 1, position: [0, 0], parameters } as INode;
		const values = NodeHelpers.getNodeParameters(description.properties, node.parameters, true, false, node, description) ?? {};
		const notice = description.properties.find((property) => property.name === TOOL_DESCRIPTION_NOTICE.name)!;
		return NodeHelpers.displayParameter(values, notice, node, description);
	};
	const keen = new Keen().description;

	it('shows in the Keen Tool, under the Tool Description fields', () => {
		const tool = keenToolDescription(keen);
		expect(shown(tool, { resource: 'query', operation: 'count' })).toBe(true);
		expect(tool.properties.findIndex((property) => property.name === TOOL_DESCRIPTION_NOTICE.name)).toBe(2);
	});

	it('never shows in the Keen node of a workflow', () => {
		expect(shown(keen, { resource: 'query', operation: 'count' })).toBe(false);
	});
});
