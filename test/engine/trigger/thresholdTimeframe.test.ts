import type { IDataObject } from 'n8n-workflow';

import { keenCredentials, runPoll } from '../../harness';
import { byName, useKeenServer } from '../../harness/engine-test-kit';

/*
 * Issue 24: from version 1.1 the Keen Trigger's Metric Threshold takes its timeframe through the
 * Keen node's picker (presets, custom, text). Version 1's free text is in versions/version1.test.ts.
 */

const server = useKeenServer();

const poll = (parameters: IDataObject) =>
	runPoll({ credentials: { ...keenCredentials(server()) }, parameters: { event: 'metricThreshold', collection: byName('purchases'), ...parameters }, mode: 'manual' });

async function timeframeSent(parameters: IDataObject): Promise<unknown> {
	await poll(parameters);
	return (server().requests[0]?.body as IDataObject | undefined)?.timeframe;
}

describe('Keen Trigger 1.1 → Metric Threshold timeframe', () => {
	it.each([
		{ what: 'untouched: this_1_hours, as version 1 did', parameters: {}, timeframe: 'this_1_hours' },
		{ what: 'a preset', parameters: { relativeTimeframe: 'previous_7_days' }, timeframe: 'previous_7_days' },
		{ what: 'custom', parameters: { timeframeDirection: 'previous', timeframeCount: 2, timeframeUnit: 'days' }, timeframe: 'previous_2_days' },
		{ what: 'text', parameters: { timeframeType: 'text', timeframeText: 'this_15_minutes' }, timeframe: 'this_15_minutes' },
	])('$what → $timeframe', async ({ parameters, timeframe }) => {
		expect(await timeframeSent(parameters)).toBe(timeframe);
	});

	it('refuses a bad custom count before asking Keen, naming the field', async () => {
		await expect(poll({ timeframeCount: 0 })).rejects.toThrow(/whole number of at least 1, got 0 \(field "Number of Units"\)/);
		expect(server().requests).toEqual([]);
	});
});
