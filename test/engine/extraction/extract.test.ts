import { byName, run, sent } from '../../harness/engine-test-kit';
import { useQueryServer } from '../query/queryFixture';

const server = useQueryServer();
const base = { resource: 'extraction', operation: 'extract', collection: byName('purchases') };

describe('Extraction → Extract', () => {
	it('POSTs an extraction with the read key and gives one item per event', async () => {
		const s = server();
		const result = await run(s, { ...base, latest: 2, propertyNames: ['price', 'user.id'] });
		expect(result.status).toBe('success');
		expect(result.items).toHaveLength(2);
		for (const item of result.items) {
			expect(Object.keys(item.json).sort()).toEqual(['price', 'user']);
			expect(item.pairedItem).toEqual({ item: 0 });
		}
		expect(sent(s)).toEqual([
			{
				method: 'POST',
				path: `/3.0/projects/${s.projectId}/queries/extraction`,
				query: {},
				keyKind: 'read',
				body: { event_collection: 'purchases', timeframe: 'this_7_days', timezone: 'UTC', latest: 2, property_names: ['price', 'user.id'] },
			},
		]);
	});

	it('extracts whole events, filtered', async () => {
		const s = server();
		const result = await run(s, { ...base, filters: { filter: [{ propertyName: 'country', operator: 'eq', value: 'FR' }] } });
		expect(result.items.map((item) => item.json.price).sort()).toEqual([10, 30]);
		expect(result.items[0].json).toHaveProperty('keen.timestamp');
	});

	it("asks Keen to email the file and returns Keen's acknowledgement", async () => {
		const s = server();
		const result = await run(s, { ...base, sendByEmail: true, email: 'me@example.com', fileFormat: 'json' });
		expect(result.status).toBe('success');
		expect(result.items.map((item) => item.json)).toEqual([{ result: expect.stringMatching(/Processing/) }]);
		expect(s.requests[0].body).toEqual({
			event_collection: 'purchases',
			timeframe: 'this_7_days',
			timezone: 'UTC',
			email: 'me@example.com',
			content_type: 'application/json',
		});
		expect(s.emailExtractions).toEqual([expect.objectContaining({ email: 'me@example.com', contentType: 'application/json', eventCount: 3 })]);
	});

	it('rejects an invalid email address before sending, naming the field', async () => {
		const s = server();
		const result = await run(s, { ...base, sendByEmail: true, email: 'not-an-address' });
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/is not an email address \(item 0, field "Email"\)/);
		expect(s.requests).toHaveLength(0);
	});
});
