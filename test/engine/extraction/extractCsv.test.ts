import { byName, run, sent } from '../../harness/engine-test-kit';
import { useQueryServer } from '../query/queryFixture';

const server = useQueryServer();
const base = { resource: 'extraction', operation: 'extractCsv', collection: byName('purchases') };

describe('Extraction → Extract to CSV', () => {
	it('runs a synchronous extraction and puts a CSV file in the binary data', async () => {
		const s = server();
		const result = await run(s, { ...base, propertyNames: ['user.id', 'price', 'country'], fileName: 'purchases.csv' });
		expect(result.status).toBe('success');
		expect(result.items).toHaveLength(1);
		const [item] = result.items;
		expect(item.json).toEqual({ eventCollection: 'purchases', eventCount: 3, fileName: 'purchases.csv' });
		const file = item.binary?.data;
		expect(file).toMatchObject({ mimeType: 'text/csv', fileName: 'purchases.csv' });
		const csv = Buffer.from(file!.data, 'base64').toString('utf8');
		const [header, ...rows] = csv.trimEnd().split('\r\n');
		expect(header).toBe('user.id,price,country');
		expect(rows.sort()).toEqual(['u1,10,FR', 'u1,30,FR', 'u2,20,DE']);
		expect(sent(s)).toEqual([
			{
				method: 'POST',
				path: `/3.0/projects/${s.projectId}/queries/extraction`,
				query: {},
				keyKind: 'read',
				body: { event_collection: 'purchases', timeframe: 'this_7_days', timezone: 'UTC', property_names: ['user.id', 'price', 'country'] },
			},
		]);
	});

	it('puts the file in the chosen binary field', async () => {
		const s = server();
		const result = await run(s, { ...base, binaryPropertyName: 'report' });
		expect(Object.keys(result.items[0].binary ?? {})).toEqual(['report']);
		expect(result.items[0].binary?.report.fileName).toBe('extraction.csv');
	});

	it('asks Keen for a CSV by email when sending by email instead', async () => {
		const s = server();
		const result = await run(s, { ...base, sendByEmail: true, email: 'me@example.com' });
		expect(result.status).toBe('success');
		expect(result.items[0].binary).toBeUndefined();
		expect(result.items[0].json).toEqual({ result: expect.stringMatching(/Processing/) });
		expect(s.requests[0].body).toMatchObject({ email: 'me@example.com', content_type: 'text/csv' });
		expect(s.emailExtractions).toEqual([expect.objectContaining({ email: 'me@example.com', contentType: 'text/csv' })]);
	});

	// Issue 22.5: a file made to be emailed must not run formulas in the reader's spreadsheet.
	it('neutralises text a spreadsheet would run as a formula, numbers untouched; raw when asked', async () => {
		const s = server();
		s.ingest('links', [{ link: '=HYPERLINK("http://example.invalid","click")', at: '@SUM(1)', n: -5, s: '-5', ok: 'plain' }]);
		const csvOf = async (extra: object) => {
			const result = await run(s, { ...base, collection: byName('links'), propertyNames: ['link', 'at', 'n', 's', 'ok'], ...extra });
			return Buffer.from(result.items[0].binary!.data.data, 'base64').toString('utf8');
		};
		expect(await csvOf({})).toBe('link,at,n,s,ok\r\n"\'=HYPERLINK(""http://example.invalid"",""click"")",\'@SUM(1),-5,\'-5,plain\r\n');
		expect(await csvOf({ rawFormulas: true })).toBe('link,at,n,s,ok\r\n"=HYPERLINK(""http://example.invalid"",""click"")",@SUM(1),-5,-5,plain\r\n');
	});

	it('gives an empty file for a collection without events', async () => {
		const s = server();
		const result = await run(s, { ...base, collection: byName('nope') });
		expect(result.status).toBe('success');
		expect(result.items[0].json).toMatchObject({ eventCount: 0 });
		expect(Buffer.from(result.items[0].binary!.data.data, 'base64').toString('utf8')).toBe('');
	});

	it("surfaces Keen's 400 with its message and error_code", async () => {
		const s = server();
		const result = await run(s, { ...base, timezone: 'custom', customTimezone: 'Mars/Olympus_Mons' });
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/^Extraction → Extract to CSV: Keen answered 400 InvalidTimezoneError: /);
	});
});
