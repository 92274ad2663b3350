import { capForModel, fromAiKeys, toolErrorMessage, toolInputMessage } from '../../nodes/Keen/actions/toolMode';

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
