import { formatStep, runDemo, type DemoStep } from '../../examples/demo';
import { formatTable } from '../../examples/demo-table';
import { keenCredentials } from '../harness';
import { startKeenServer, type KeenServer } from '../keen-server';

/* `npm run demo` end to end against the local Keen server, so the demo cannot rot with the node. */

let server: KeenServer;
let steps: DemoStep[];

beforeAll(async () => {
	server = await startKeenServer({ port: 0, host: '127.0.0.1' });
	steps = await runDemo({ credentials: keenCredentials(server) });
});

afterAll(async () => {
	await server.close();
});

const rows = (step: DemoStep, caption: string) => step.tables.find((table) => table.caption.startsWith(caption))?.rows ?? [];

describe('npm run demo', () => {
	it('runs every step without error, one per example workflow', () => {
		expect(steps.map((step) => ({ example: step.example, error: step.error }))).toEqual([
			{ example: '01-record-sample-events.json', error: undefined },
			{ example: '02-daily-counts.json', error: undefined },
			{ example: '03-percentile.json', error: undefined },
			{ example: '04-funnel.json', error: undefined },
			{ example: '05-saved-query-trigger.json', error: undefined },
			{ example: '06-extract-to-csv.json', error: undefined },
			{ example: '07-webhook-record.json', error: undefined },
		]);
	});

	it('records every sample event the Code node makes, and Keen stores them', () => {
		const made = rows(steps[0], 'Events made');
		expect(made.map((row) => row.collection)).toEqual(['pageviews', 'signups', 'purchases']);
		for (const row of made) expect(row.recorded).toBe(row.events);
		// The webhook step adds one signup.
		expect(server.eventCount('pageviews')).toBe(made[0].events);
		expect(server.eventCount('signups')).toBe(Number(made[1].events) + 1);
		expect(server.eventCount('purchases')).toBe(made[2].events);
		const purchaseRequests = server.requests.filter((request) => request.path.endsWith('/events') && request.method === 'POST');
		expect(purchaseRequests.every((request) => request.keyKind === 'write')).toBe(true);
	});

	it('shows analyses that agree with the recorded events', () => {
		const purchases = Number(rows(steps[0], 'Events made')[2].events);
		const daily = rows(steps[1], 'One row per day and country');
		expect(daily.reduce((sum, row) => sum + Number(row.value), 0)).toBe(purchases);
		expect(Object.keys(daily[0])).toEqual(['timeframe_start', 'timeframe_end', 'country', 'value']);

		const [percentile] = rows(steps[2], 'Keen node output');
		expect(typeof percentile.value).toBe('number');

		const funnel = rows(steps[3], 'One row per step');
		expect(funnel.map((row) => row.event_collection)).toEqual(['pageviews', 'signups', 'purchases']);
		expect(funnel.map((row) => row.count)).toEqual(rows(steps[0], 'Events made').map((row) => row.events));
	});

	it('creates the saved query, and the trigger emits on the first poll only', () => {
		expect(rows(steps[4], 'Saved query created')[0]).toMatchObject({ query_name: 'revenue-by-country', query: { analysis_type: 'sum', event_collection: 'purchases' } });
		expect(rows(steps[4], 'Trigger, first poll').length).toBeGreaterThan(0);
		expect(rows(steps[4], 'Trigger, second poll')).toEqual([]);
	});

	it('extracts the purchases to a CSV file with the chosen columns', () => {
		const purchases = Number(rows(steps[0], 'Events made')[2].events);
		expect(rows(steps[5], 'Keen node output')[0]).toMatchObject({ eventCount: purchases, mimeType: 'text/csv' });
		const csv = rows(steps[5], 'The CSV file');
		expect(csv).toHaveLength(purchases);
		expect(Object.keys(csv[0])).toEqual(['keen.timestamp', 'user.id', 'country', 'item.name', 'quantity', 'price']);
	});

	it('prints each step readably, naming what was simulated', () => {
		const text = steps.map(formatStep).join('\n');
		expect(text).toContain('1. Record a batch of sample events');
		expect(text).toContain("Simulated outside n8n: the Code node's JavaScript");
		expect(text).not.toContain('FAILED');
		expect(text).not.toContain(server.readKey);
	});

	it('reports a failed step instead of stopping, so the exit code can say so', async () => {
		const failed = await runDemo({ credentials: keenCredentials(server, { readApiKey: '', masterApiKey: '', accessApiKey: '' }) });
		expect(failed[2].error).toMatch(/read/i);
		expect(formatStep(failed[2], 2)).toContain('FAILED');
	});
});

describe('formatTable', () => {
	it.each([
		[[], undefined, '  (no rows)'],
		[[{ a: 1, b: { c: 'x' } }], undefined, '  a │ b.c\n  ──┼────\n  1 │ x'],
		[[{ a: 'long text here' }], { maxWidth: 5 }, '  a\n  ─────\n  long…'],
		[[{ a: 1 }, { a: 2 }, { a: 3 }], { maxRows: 2 }, '  a\n  ─\n  1\n  2\n  … and 1 more rows'],
	])('%j %j', (input, options, expected) => {
		expect(formatTable(input, options)).toBe(expected);
	});
});
