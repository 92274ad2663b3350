import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { XMLValidator } from 'fast-xml-parser';
import { PNG } from 'pngjs';

import { seedDataset } from '../cachedDataset/seed';
import { byName, keenCall, run, useKeenServer } from '../../harness/engine-test-kit';
import { useQueryServer } from '../query/queryFixture';

const server = useQueryServer();
/** Events with product ids (the datasets' index) in the last days, for a cached dataset. */
const datasetServer = useKeenServer();
const chart = { resource: 'chart', operation: 'render' };
const absolute = { timeframeType: 'absolute', timeframeStart: '2024-05-06T00:00:00Z', timeframeEnd: '2024-05-10T00:00:00Z' };

function png(item: INodeExecutionData, field = 'chart'): PNG {
	const binary = item.binary?.[field];
	expect(binary).toMatchObject({ mimeType: 'image/png' });
	return PNG.sync.read(Buffer.from(binary!.data, 'base64'));
}

describe('Chart → Render', () => {
	it("draws a query's answer (Simplify off) as a PNG in the binary field, asking Keen nothing", async () => {
		const s = server();
		const query = await run(s, { resource: 'query', operation: 'count', collection: byName('purchases'), ...absolute, interval: 'daily', simplify: false });
		expect(query.status).toBe('success');
		s.clearRequests();
		const result = await run(s, { ...chart, width: 640, height: 320 }, { items: query.items.map((item) => item.json) });
		expect(result.status).toBe('success');
		expect(s.requests).toEqual([]);
		expect(result.items).toHaveLength(1);
		// A new node (version 1.1) draws at 2× unless Options says otherwise.
		expect(result.items[0].json).toEqual({ kind: 'line', format: 'png', width: 640, height: 320, scale: 2, fileName: 'chart.png', items: 1 });
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
		const image = png(result.items[0]);
		expect([image.width, image.height]).toEqual([1280, 640]);
	});

	it('draws all of Simplify\'s rows as one chart, paired with the first row', async () => {
		const s = server();
		const query = await run(s, { resource: 'query', operation: 'sum', collection: byName('purchases'), targetProperty: 'price', groupBy: ['country'] });
		const rows = query.items.map((item) => item.json);
		expect(rows.length).toBeGreaterThan(1);
		const result = await run(s, { ...chart, format: 'svg', binaryPropertyName: 'image', options: { fileName: 'by-country' } }, { items: rows });
		expect(result.status).toBe('success');
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toMatchObject({ kind: 'bars', format: 'svg', fileName: 'by-country.svg', items: rows.length });
		const binary = result.items[0].binary?.image;
		expect(binary).toMatchObject({ mimeType: 'image/svg+xml', fileName: 'by-country.svg' });
		const svg = Buffer.from(binary!.data, 'base64').toString('utf8');
		expect(XMLValidator.validate(svg)).toBe(true);
		for (const row of rows) expect(svg).toContain(`>${String(row.country)}</text>`);
	});

	it("draws a saved query's result with its own name and timezone, one chart per answer", async () => {
		const s = server();
		for (const [name, timezone] of [['daily-purchases', 'US/Pacific'], ['daily-signups', 'UTC']]) {
			await keenCall(s, 'PUT', `/queries/saved/${name}`, {
				refresh_rate: 0,
				query: { analysis_type: 'count', event_collection: name.split('-')[1], timeframe: 'this_7_days', interval: 'daily', timezone },
				metadata: { display_name: name },
			});
		}
		const answers: IDataObject[] = [];
		for (const name of ['daily-purchases', 'daily-signups']) {
			const got = await run(s, { resource: 'savedQuery', operation: 'getResult', savedQuery: byName(name), simplify: false });
			answers.push(got.items[0].json);
		}
		const result = await run(s, { ...chart, theme: 'dark' }, { items: answers });
		expect(result.status).toBe('success');
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(result.items.map((item) => item.json.kind)).toEqual(['line', 'line']);
		for (const item of result.items) expect([png(item).width, png(item).height]).toEqual([1600, 800]);
		const svg = await run(s, { ...chart, format: 'svg' }, { items: answers.slice(0, 1) });
		const text = Buffer.from(svg.items[0].binary!.chart.data, 'base64').toString('utf8');
		expect(text).toContain('daily-purchases');
		expect(text).toContain('US/Pacific');
	});

	it("draws a cached dataset's results (interval × group by) as one line per group", async () => {
		const s = datasetServer();
		await seedDataset(s, 'ds-chart');
		const got = await run(s, { resource: 'cachedDataset', operation: 'getResults', dataset: byName('ds-chart'), timeframe: 'this_7_days', indexValue: 'p1', simplify: false });
		expect(got.status).toBe('success');
		const result = await run(s, { ...chart, format: 'svg' }, { items: got.items.map((item) => item.json) });
		expect(result.items[0].json).toMatchObject({ kind: 'line', format: 'svg' });
		const svg = Buffer.from(result.items[0].binary!.chart.data, 'base64').toString('utf8');
		expect(svg).toContain('>FR</text>');
		expect(svg).toMatch(/<polyline /);
	});

	it.each([
		[{ width: 50 }, /Width must be a whole number of pixels from 100 to 4000, not '50' \(item 0, field "Width"\)/],
		[{ kind: 'metric' }, /A metric chart needs a single number .* \(item 0, field "Chart Type"\)/],
		[{ options: { palette: '#2f80ed, blue' } }, /Options → Colors: 'blue' is not a hex colour \(item 0, field "Options"\)/],
		[{ options: { timezone: 'Mars/Olympus' } }, /Unknown timezone 'Mars\/Olympus' in Timezone \(item 0, field "Options"\)/],
		[{ binaryPropertyName: ' ' }, /The output field name is empty \(item 0, field "Put Output File in Field"\)/],
		[{ width: 2400, options: { scale: 2 } }, /Options → Pixel Density 2× makes a 4800 × 800 image; at most 4000 pixels each way \(item 0, field "Options"\)/],
		[{ options: { locale: 'xx-!!' } }, /Unknown locale 'xx-!!' in Number Locale \(item 0, field "Options"\)/],
	])('names the item and the field of a bad setting %j', async (parameters, message) => {
		const s = server();
		const answer = { result: [{ country: 'FR', result: 2 }, { country: 'DE', result: 5 }] };
		const result = await run(s, { ...chart, ...parameters }, { items: [answer] });
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(message);
	});

	it('draws at 2× pixel density in the Keen theme with numbers in the asked locale', async () => {
		const s = server();
		const answer = { result: [{ country: 'FR', result: 1234.5 }, { country: 'DE', result: 5 }] };
		const options = { scale: 2, locale: 'de-DE' };
		const result = await run(s, { ...chart, theme: 'keen', width: 400, height: 200, options }, { items: [answer] });
		expect(result.status).toBe('success');
		expect(result.items[0].json).toEqual({ kind: 'bars', format: 'png', width: 400, height: 200, scale: 2, fileName: 'chart.png', items: 1 });
		const image = png(result.items[0]);
		expect([image.width, image.height]).toEqual([800, 400]);
		const svg = await run(s, { ...chart, theme: 'keen', format: 'svg', width: 400, height: 200, options }, { items: [answer] });
		const text = Buffer.from(svg.items[0].binary!.chart.data, 'base64').toString('utf8');
		expect(text).toContain('width="800" height="400" viewBox="0 0 400 200"');
		expect(text).toContain('>1.000</text>');
		expect(text).toContain('#00bbde');
	});

	it.each([
		// [node version, Width, Options, pixel density drawn]
		[1, 400, {}, 1],
		[1.1, 400, {}, 2],
		[1.1, 2400, {}, 1],
		[1.1, 400, { scale: 1 }, 1],
		[1, 400, { scale: 2 }, 2],
	])('version %s, Width %s, Options %j: draws at %s× (2× by default from version 1.1, when it fits)', async (typeVersion, width, options, scale) => {
		const answer = { result: [{ country: 'FR', result: 3 }, { country: 'DE', result: 5 }] };
		const result = await run(server(), { ...chart, width, height: 200, options }, { items: [answer], typeVersion });
		expect(result.status).toBe('success');
		expect(result.items[0].json.scale).toBe(scale === 1 ? undefined : scale);
		const image = png(result.items[0]);
		expect([image.width, image.height]).toEqual([width * scale, 200 * scale]);
	});

	it('with continue-on-fail, gives an error item for the answer it cannot draw and charts the others', async () => {
		const s = server();
		const result = await run(s, { ...chart, kind: 'funnel' }, { items: [{ result: 3 }, { result: [5, 2], steps: [{ event_collection: 'a' }, { event_collection: 'b' }] }], continueOnFail: true });
		expect(result.status).toBe('success');
		expect(result.items.map((item) => [item.pairedItem, item.json.error ? 'error' : item.json.kind])).toEqual([
			[{ item: 0 }, 'error'],
			[{ item: 1 }, 'funnel'],
		]);
	});
});
