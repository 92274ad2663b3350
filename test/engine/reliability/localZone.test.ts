import type { IDataObject } from 'n8n-workflow';

import { keenCredentials, runNode } from '../../harness';
import { useEventServer } from '../../harness/engine-test-kit';
import type { KeenServer } from '../../keen-server';

/*
 * Issue 22.7: a date-time without a UTC offset is read as UTC (docs/keen-api.md §7.4), whatever the zone
 * of the machine n8n runs on. `npm test` runs this file again with TZ=Asia/Kathmandu (UTC+05:45;
 * the "local zone" run, jest.zone.config.js): a reading in local time would be 5:45 off there.
 */

let server: KeenServer;
useEventServer((started) => (server = started));

const credentials = () => ({ ...keenCredentials(server) });

describe('a date-time without offset is UTC, on any machine', () => {
	it('this run is in the zone it says (the local zone run is not silently UTC)', () => {
		// Set by that run to the offset of its TZ, in minutes east of UTC.
		const offset = process.env.KEEN_TEST_ZONE_OFFSET;
		if (offset === undefined) return;
		expect(-new Date(2024, 4, 1).getTimezoneOffset()).toBe(Number(offset));
	});

	it('Record: a keen.timestamp from a field without offset is stored as that time in UTC', async () => {
		const result = await runNode({
			credentials: credentials(),
			parameters: {
				resource: 'event',
				operation: 'record',
				collection: { __rl: true, mode: 'name', value: 'zone_events' },
				timestampField: 'when',
				options: { uniquenessToken: 'off' },
				requestOptions: { maxRetries: 0 },
			},
			items: [{ n: 1, when: '2024-05-01T12:00:00' }],
		});
		expect(result.status).toBe('success');
		expect((server.events('zone_events')[0].keen as IDataObject).timestamp).toBe('2024-05-01T12:00:00.000Z');
	});

	it('Query: an absolute timeframe without offset is sent as that time in UTC', async () => {
		const result = await runNode({
			credentials: credentials(),
			parameters: {
				resource: 'query',
				operation: 'count',
				collection: { __rl: true, mode: 'name', value: 'zone_events' },
				timeframeType: 'absolute',
				timeframeStart: '2024-05-01T00:00:00',
				timeframeEnd: '2024-05-02T00:00:00',
				requestOptions: { maxRetries: 0 },
			},
		});
		expect(result.status).toBe('success');
		const [request] = server.requests.filter((r) => r.path.endsWith('/queries/count'));
		expect((request.body as IDataObject).timeframe).toEqual({ start: '2024-05-01T00:00:00.000Z', end: '2024-05-02T00:00:00.000Z' });
	});
});
