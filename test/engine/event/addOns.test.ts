import type { IDataObject } from 'n8n-workflow';

import { keenCredentials, runNode } from '../../harness';
import { startKeenServer, type KeenServer } from '../../keen-server';

let server: KeenServer;
beforeAll(async () => {
	server = await startKeenServer({ port: 0 });
});
afterAll(async () => await server.close());

const IPHONE_SAFARI = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Mobile/15E148 Safari/604.1';

describe('Event → Record with enrichment add-ons', () => {
	it('sends keen.addons and the local Keen stores the enriched event (test/keen-server/addons.ts)', async () => {
		const result = await runNode({
			credentials: { ...keenCredentials(server) },
			parameters: {
				resource: 'event',
				operation: 'record',
				collection: { __rl: true, mode: 'name', value: 'enriched_views' },
				timestampField: 'when',
				addOns: {
					addOn: [
						{ addOn: 'ipToGeo', input: 'ip', output: 'geo' },
						{ addOn: 'userAgent', input: 'ua', output: 'tech' },
						{ addOn: 'url', input: 'page.url', output: 'page.parts' },
						{ addOn: 'referrer', input: 'page.referrer', pageUrlInput: 'page.url', output: 'source' },
						{ addOn: 'dateTime', input: 'keen.timestamp', output: 'time' },
					],
				},
			},
			items: [
				{
					ip: '198.51.100.23',
					ua: IPHONE_SAFARI,
					when: '2024-05-05T09:15:00.000Z',
					page: { url: 'https://shop.example/p/1?utm_source=news#reviews', referrer: 'https://www.google.de/search?q=golden+gadget' },
				},
			],
		});
		expect(result.status).toBe('success');
		const [request] = server.requests.filter((r) => r.method === 'POST' && r.path === `/3.0/projects/${server.projectId}/events`);
		expect(request.keyKind).toBe('write');
		const [sent] = (request.body as { enriched_views: IDataObject[] }).enriched_views;
		// Record's output is the event as sent, add-on instructions included.
		expect(result.items.map((item) => item.json)).toEqual([{ created: true, collection: 'enriched_views', event: sent }]);
		expect((sent.keen as IDataObject).addons).toEqual([
			{ name: 'keen:ip_to_geo', input: { ip: 'ip' }, output: 'geo' },
			{ name: 'keen:ua_parser', input: { ua_string: 'ua' }, output: 'tech' },
			{ name: 'keen:url_parser', input: { url: 'page.url' }, output: 'page.parts' },
			{ name: 'keen:referrer_parser', input: { referrer_url: 'page.referrer', page_url: 'page.url' }, output: 'source' },
			{ name: 'keen:date_time_parser', input: { date_time: 'keen.timestamp' }, output: 'time' },
		]);

		const [stored] = server.events('enriched_views');
		expect(stored).toMatchObject({
			geo: { city: 'Berlin', country: 'Germany', country_code: 'DE', continent: 'Europe', coordinates: [13.405, 52.52] },
			tech: { browser: { family: 'Safari', major: 17, minor: 2 }, os: { family: 'iOS', major: 17 }, device: { family: 'iPhone', type: 'mobile' } },
			page: { parts: { protocol: 'https', domain: 'shop.example', path: '/p/1', anchor: 'reviews', query_string: { utm_source: 'news' } } },
			source: { medium: 'SEARCH', source: 'Google', term: 'golden gadget' },
			time: { year: 2024, month: 5, day_of_month: 5, day_of_week_string: 'Sunday', hour: 9, minute: 15 },
		});
		expect(stored.keen).not.toHaveProperty('addons');
	});
});
