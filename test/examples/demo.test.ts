import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { XMLValidator } from 'fast-xml-parser';
import { PNG } from 'pngjs';

import { formatStep, runDemo, type DemoStep } from '../../examples/demo';
import { formatTable } from '../../examples/demo-table';
import { keenCredentials } from '../harness';
import { startKeenServer, type KeenServer } from '../keen-server';

/* `npm run demo` end to end against the local Keen server, so the demo cannot rot with the node. */

let server: KeenServer;
let steps: DemoStep[];
const chartDirectory = mkdtempSync(join(tmpdir(), 'keen-demo-charts-'));

beforeAll(async () => {
	server = await startKeenServer({ port: 0, host: '127.0.0.1' });
	steps = await runDemo({ credentials: keenCredentials(server), chartDirectory });
});

afterAll(async () => {
	await server.close();
	rmSync(chartDirectory, { recursive: true, force: true });
});

const rows = (step: DemoStep, caption: string) => step.tables.find((table) => table.caption.startsWith(caption))?.rows ?? [];

describe('npm run demo', () => {
	it('runs every step without error: one per example workflow, then the rest of the node', () => {
		expect(steps.map((step) => ({ example: step.example, error: step.error }))).toEqual([
			{ example: '01-record-sample-events.json', error: undefined },
			{ example: '02-daily-counts.json', error: undefined },
			{ example: '03-percentile.json', error: undefined },
			{ example: '04-funnel.json', error: undefined },
			{ example: '05-saved-query-trigger.json', error: undefined },
			{ example: '06-extract-to-csv.json', error: undefined },
			{ example: '07-webhook-record.json', error: undefined },
			{ example: '09-chart-report.json', error: undefined },
			...Array.from({ length: steps.length - 8 }, () => ({ example: undefined, error: undefined })),
		]);
	});

	it('uses every resource of the Keen node and every event of the Keen Trigger', () => {
		const path = (request: { path: string }) => request.path.replace(/^\/3\.0\/(projects|organizations)\/[^/]+/, '');
		const paths = server.requests.map(path);
		// One request path per resource: events, collections (schema), queries, extraction, saved queries, datasets, keys, projects.
		for (const pattern of [/^\/events$/, /^\/events\/purchases\/properties\/price$/, /^\/events$/, /^\/queries\/sum$/, /^\/queries\/extraction$/, /^\/queries\/saved\//, /^\/datasets\//, /^\/keys/, /^\/projects$/]) {
			expect({ pattern: String(pattern), used: paths.some((p) => pattern.test(p)) }).toEqual({ pattern: String(pattern), used: true });
		}
		const titles = steps.map((step) => step.title).join('\n');
		for (const resource of ['Event →', 'Collection →', 'Query →', 'Extraction →', 'Saved Query', 'Cached Dataset →', 'Access Key →', 'Project →']) expect(titles).toContain(resource);
		for (const event of ['Saved Query Result', 'New Event', 'Metric Threshold']) expect(titles).toContain(event);
	});

	it('shows the New Event trigger emitting each new trial once, and the threshold alert once per crossing', () => {
		const step = (title: string) => steps.find((candidate) => candidate.title.includes(title))!;
		const newEvent = step('New Event');
		expect(rows(newEvent, 'First poll')).toEqual([]);
		expect(rows(newEvent, 'Second poll').map((row) => (row.user as { id: string }).id)).toEqual(['user-101', 'user-102']);
		expect(rows(newEvent, 'Third poll')).toEqual([]);
		const threshold = step('Metric Threshold');
		expect(rows(threshold, 'First poll')).toEqual([]);
		expect(rows(threshold, 'Second poll')).toEqual([expect.objectContaining({ value: 3, threshold: 2, direction: 'above' })]);
		expect(rows(threshold, 'Third poll')).toEqual([]);
	});

	it('shows a filtered query, a dataset, an access key that ends deleted, and the projects', () => {
		const step = (title: string) => steps.find((candidate) => candidate.title.includes(title))!;
		expect(typeof rows(step('with filters'), 'Revenue')[0].value).toBe('number');
		expect(server.requests.find((request) => request.path.endsWith('/queries/sum'))?.body).toMatchObject({
			filters: [
				{ property_name: 'country', operator: 'eq', property_value: 'US' },
				{ property_name: 'price', operator: 'gt', property_value: 20 },
			],
		});
		expect(rows(step('Cached Dataset'), 'Its results').length).toBeGreaterThan(0);
		expect(rows(step('Access Key'), 'Revoked')[0]).toMatchObject({ name: 'demo-dashboard', is_active: false });
		expect(rows(step('Access Key'), 'Deleted')).toEqual([{ deleted: true }]);
		expect(rows(step('Project →'), 'One item per project').length).toBeGreaterThan(0);
	});

	it('ends with one clear error that names the item, the field and the fix, and sends nothing', () => {
		const step = steps[steps.length - 1];
		expect(rows(step, 'n8n stops the node')).toEqual([
			{ message: 'Property name "user.id" contains a dot (item 0, field "Event Content")', hint: expect.stringContaining('use nested objects instead') },
		]);
		expect(server.events('signups').some((event) => 'user.id' in event)).toBe(false);
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
		expect(Object.keys(daily[0])).toEqual(['timeframe_start', 'timeframe_end', 'country', 'value', 'query']);

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

	it('draws every chart kind from the local data, light and dark, as PNG and SVG files', () => {
		const charts = steps.find((step) => step.example === '09-chart-report.json')!;
		const files = rows(charts, 'Chart files written to');
		expect(charts.tables[0].caption).toContain(chartDirectory);
		expect([...new Set(files.map((f) => `${f.chart}:${f.kind}`))]).toEqual([
			'metric:metric',
			'line:line',
			'bars:bars',
			'multi-line:line',
			'stacked:stacked',
			'funnel:funnel',
			'table:table',
		]);
		expect(files).toHaveLength(7 * 4);
		for (const row of files) {
			const data = readFileSync(join(chartDirectory, String(row.file)));
			if (row.format === 'png') {
				const image = PNG.sync.read(data);
				expect([row.file, image.width, image.height]).toEqual([row.file, 1600, 800]); // 800 × 400 at 2×, a new node's default
			} else {
				expect([row.file, XMLValidator.validate(data.toString('utf8'))]).toEqual([row.file, true]);
			}
		}
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
