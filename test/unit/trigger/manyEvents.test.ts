import type { IDataObject } from 'n8n-workflow';

import { POLLERS } from '../../../nodes/KeenTrigger/pollers';

/*
 * A poll may emit as many events as Max Events per Poll allows; the events go into one list by
 * concatenation, not by spreading them into a call, whose arguments V8 caps near 100,000s
 * (a spread of 200,000 items crashed Record Many once).
 */
describe('Keen Trigger → New Event with a very large Max Events per Poll', () => {
	it('emits 200,000 events received in the backfill period in one poll', async () => {
		const now = Date.parse('2026-12-06T12:00:00.000Z');
		const count = 200_000;
		const events: IDataObject[] = Array.from({ length: count }, (_, i) => {
			const at = new Date(now - 30 * 60_000 + i).toISOString();
			return { n: i, keen: { id: `id-${i}`, timestamp: at, created_at: at } };
		});
		const output = await POLLERS.newEvent({
			request: async () => ({ result: events }),
			keenClock: async () => now,
			warn: () => {},
			params: { collection: 'purchases', eventOptions: { maxEvents: 300_000, backfillMinutes: 60 } },
			version: 1.1,
			now,
			manual: false,
			stored: undefined,
		});
		expect(output.items).toHaveLength(count);
		expect(new Set(output.items.map((item) => (item.keen as IDataObject).id)).size).toBe(count);
	});
});
