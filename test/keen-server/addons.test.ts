import { request } from 'undici';
import { applyAddOns, ipToGeo, parseDateTime, parseReferrer, parseUrl, parseUserAgent } from './addons';
import { startKeenServer, type KeenServer } from './index';
import { call, projectUrl } from './test-client';

const UA = {
	chromeWindows: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.130 Safari/537.36',
	safariMac: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2.1 Safari/605.1.15',
	safariIphone: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Mobile/15E148 Safari/604.1',
	chromeIpad: 'Mozilla/5.0 (iPad; CPU OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/120.0.6099.119 Mobile/15E148 Safari/604.1',
	chromeAndroid: 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.144 Mobile Safari/537.36',
	chromeAndroidTablet: 'Mozilla/5.0 (Linux; Android 13; SM-X700) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36',
	firefoxLinux: 'Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0',
	edgeWindows7: 'Mozilla/5.0 (Windows NT 6.1; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/109.0.0.0 Safari/537.36 Edg/109.0.1518.78',
	googlebot: 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
	someCrawler: 'ExampleCrawler/1.0 (+https://crawler.example)',
};

const version = (family: string, major: number | null = null, minor: number | null = null, patch: number | null = null) => ({ family, major, minor, patch });

describe('keen:ua_parser', () => {
	it.each([
		['Chrome on Windows 10', UA.chromeWindows, version('Chrome', 120, 0, 6099), version('Windows', 10), { family: 'Other', type: 'desktop' }],
		['Safari on macOS', UA.safariMac, version('Safari', 17, 2, 1), version('macOS', 10, 15, 7), { family: 'Mac', type: 'desktop' }],
		['Safari on iPhone', UA.safariIphone, version('Safari', 17, 2), version('iOS', 17, 2), { family: 'iPhone', type: 'mobile' }],
		['Chrome on iPad', UA.chromeIpad, version('Chrome', 120, 0, 6099), version('iOS', 16, 6), { family: 'iPad', type: 'tablet' }],
		['Chrome on an Android phone', UA.chromeAndroid, version('Chrome', 120, 0, 6099), version('Android', 14), { family: 'Android Phone', type: 'mobile' }],
		['Chrome on an Android tablet', UA.chromeAndroidTablet, version('Chrome', 120, 0, 0), version('Android', 13), { family: 'Android Tablet', type: 'tablet' }],
		['Firefox on Linux', UA.firefoxLinux, version('Firefox', 121, 0), version('Linux'), { family: 'Other', type: 'desktop' }],
		['Edge (not Chrome) on Windows 7', UA.edgeWindows7, version('Edge', 109, 0, 1518), version('Windows', 7), { family: 'Other', type: 'desktop' }],
		['Googlebot', UA.googlebot, version('Googlebot', 2, 1), version('Other'), { family: 'Spider', type: 'bot' }],
		['an unknown crawler', UA.someCrawler, version('Other Bot'), version('Other'), { family: 'Spider', type: 'bot' }],
		['an empty string', '', version('Other'), version('Other'), { family: 'Other', type: 'other' }],
	])('%s', (_, ua, browser, os, device) => {
		expect(parseUserAgent(ua)).toEqual({ browser, os, device });
	});
});

describe('keen:url_parser', () => {
	it.each([
		['all parts', 'https://keen.io/blog/post?utm_source=news&utm_medium=email#comments', { protocol: 'https', domain: 'keen.io', path: '/blog/post', anchor: 'comments', query_string: { utm_source: 'news', utm_medium: 'email' } }],
		['no query, no anchor', 'http://example.com', { protocol: 'http', domain: 'example.com', path: '/' }],
		['port dropped, last repeated value wins, encoded values decoded', 'https://shop.example:8443/p?x=1&x=2&q=a%20b', { protocol: 'https', domain: 'shop.example', path: '/p', query_string: { x: '2', q: 'a b' } }],
		['query names a property cannot have are left out', 'https://a.example/?a.b=1&$x=2&=3', { protocol: 'https', domain: 'a.example', path: '/' }],
		['no host', 'mailto:someone@example.com', { protocol: 'mailto', path: 'someone@example.com' }],
	])('%s', (_, url, parts) => {
		expect(parseUrl(url)).toEqual(parts);
	});

	it.each(['/relative/path', 'not a url', ''])('null for %j', (url) => {
		expect(parseUrl(url)).toBeNull();
	});
});

describe('keen:referrer_parser', () => {
	const page = 'https://shop.example/products/1';
	it.each([
		['same host', 'https://shop.example/', { medium: 'INTERNAL', source: 'shop.example', term: null }],
		['same host but www.', 'https://www.shop.example/cart', { medium: 'INTERNAL', source: 'www.shop.example', term: null }],
		['Google (any country) with a term', 'https://www.google.co.uk/search?q=golden+gadget', { medium: 'SEARCH', source: 'Google', term: 'golden gadget' }],
		['Google without a term', 'https://www.google.com/', { medium: 'SEARCH', source: 'Google', term: null }],
		['Bing', 'https://www.bing.com/search?q=gadget', { medium: 'SEARCH', source: 'Bing', term: 'gadget' }],
		['DuckDuckGo', 'https://duckduckgo.com/?q=gadget', { medium: 'SEARCH', source: 'DuckDuckGo', term: 'gadget' }],
		['Yahoo search reads p', 'https://search.yahoo.com/search?p=gadget', { medium: 'SEARCH', source: 'Yahoo!', term: 'gadget' }],
		['Gmail before Google search', 'https://mail.google.com/mail/u/0/', { medium: 'EMAIL', source: 'Gmail', term: null }],
		['Outlook.com', 'https://outlook.live.com/mail/0/inbox', { medium: 'EMAIL', source: 'Outlook.com', term: null }],
		['Facebook', 'https://l.facebook.com/l.php?u=x', { medium: 'SOCIAL', source: 'Facebook', term: null }],
		['t.co', 'https://t.co/abc', { medium: 'SOCIAL', source: 'Twitter', term: null }],
		['anything else', 'https://blog.example.org/post', { medium: 'UNKNOWN', source: 'blog.example.org', term: null }],
		['no referrer (direct)', '', { medium: 'UNKNOWN', source: null, term: null }],
	])('%s', (_, referrer, info) => {
		expect(parseReferrer(referrer, page)).toEqual(info);
	});
});

describe('keen:ip_to_geo (demo table, no real geo database)', () => {
	const nulls = { city: null, province: null, country: null, country_code: null, continent: null, postal_code: null, coordinates: null };
	it.each([
		['192.0.2.10', { city: 'San Francisco', country_code: 'US', coordinates: [-122.3942, 37.7621] }],
		['198.51.100.7', { city: 'Berlin', province: 'Berlin', country: 'Germany', country_code: 'DE', continent: 'Europe', postal_code: '10115', coordinates: [13.405, 52.52] }],
		['203.0.113.200', { city: 'Tokyo', country_code: 'JP' }],
		['::ffff:203.0.113.9', { city: 'Tokyo' }],
		['2001:0DB8::1', { city: 'São Paulo', country_code: 'BR' }],
	])('%s is a demo city', (ip, geo) => {
		expect(ipToGeo(ip)).toMatchObject(geo);
	});

	it.each(['127.0.0.1', '::1', '10.1.2.3', '192.168.0.1', '8.8.8.8', 'fe80::1%eth0'])('%s has all fields null', (ip) => {
		expect(ipToGeo(ip)).toEqual(nulls);
	});

	it.each(['', 'localhost', '300.1.1.1'])('%j is not an IP address', (ip) => {
		expect(ipToGeo(ip)).toBeNull();
	});

	it('hands out copies, so stored events do not share the table', () => {
		const first = ipToGeo('192.0.2.1')!;
		first.coordinates![0] = 0;
		expect(ipToGeo('192.0.2.1')!.coordinates).toEqual([-122.3942, 37.7621]);
	});
});

describe('keen:date_time_parser', () => {
	const parts = (year: number, month: number, day: number, weekday: number, name: string, hour: number, minute: number, second: number, ms: number, offset: number) => ({
		year,
		month,
		day_of_month: day,
		day_of_week: weekday,
		day_of_week_string: name,
		hour,
		minute,
		second,
		millisecond: ms,
		timezone_offset: offset,
	});
	it.each([
		['UTC keen.timestamp', '2024-05-10T12:00:00.000Z', parts(2024, 5, 10, 5, 'Friday', 12, 0, 0, 0, 0)],
		["the writer's wall clock and offset", '2024-05-05T23:30:15.250+02:00', parts(2024, 5, 5, 7, 'Sunday', 23, 30, 15, 250, 120)],
		['a negative offset without colon', '2024-01-01T00:05:00-0530', parts(2024, 1, 1, 1, 'Monday', 0, 5, 0, 0, -330)],
		['no offset is UTC', '2024-02-29T08:09', parts(2024, 2, 29, 4, 'Thursday', 8, 9, 0, 0, 0)],
		['a date only', '2023-12-31', parts(2023, 12, 31, 7, 'Sunday', 0, 0, 0, 0, 0)],
	])('%s', (_, text, expected) => {
		expect(parseDateTime(text)).toEqual(expected);
	});

	it.each(['2024-02-30', '2024-13-01T00:00Z', 'yesterday', '10/05/2024'])('null for %j', (text) => {
		expect(parseDateTime(text)).toBeNull();
	});
});

describe('applyAddOns', () => {
	it('runs in list order, reads keen.timestamp and earlier outputs, writes nested outputs over non-objects', () => {
		const event = { page: 'https://shop.example/?ref=mail', info: 'scalar', keen: { timestamp: '2024-05-10T12:00:00.000Z' } };
		const problem = applyAddOns(event, [
			{ name: 'keen:url_parser', input: { url: 'page' }, output: 'info.url' },
			{ name: 'keen:date_time_parser', input: { date_time: 'keen.timestamp' }, output: 'when' },
			{ name: 'keen:url_parser', input: { url: 'page' }, output: 'again' },
		]);
		expect(problem).toBeNull();
		expect(event).toMatchObject({ info: { url: { domain: 'shop.example', query_string: { ref: 'mail' } } }, when: { day_of_week_string: 'Friday' }, again: { path: '/' } });
	});

	it.each([
		['not an object', 'x', 'InvalidKeenNamespaceProperty', /keen\.addons\[0\] must be an object/],
		['unknown name', { name: 'keen:weather', input: {}, output: 'w' }, 'InvalidKeenNamespaceProperty', /unknown add-on name "keen:weather"/],
		['no input object', { name: 'keen:ua_parser', output: 'ua' }, 'InvalidKeenNamespaceProperty', /needs an "input" object with ua_string/],
		['input key missing', { name: 'keen:referrer_parser', input: { referrer_url: 'ref' }, output: 'r' }, 'InvalidKeenNamespaceProperty', /input "page_url"/],
		['input property absent from the event', { name: 'keen:ip_to_geo', input: { ip: 'client.ip' }, output: 'geo' }, 'InvalidKeenNamespaceProperty', /"client\.ip", which the event does not have/],
		['bad output path', { name: 'keen:ip_to_geo', input: { ip: 'ip' }, output: 'geo..x' }, 'InvalidKeenNamespaceProperty', /"output" must be a dot path/],
		['output into keen', { name: 'keen:ip_to_geo', input: { ip: 'ip' }, output: 'keen.location' }, 'InvalidKeenNamespaceProperty', /cannot write into the keen namespace/],
		['input not a string', { name: 'keen:url_parser', input: { url: 'n' }, output: 'u' }, 'InvalidPropertyValueError', /needs a string in "n"/],
		['unreadable input', { name: 'keen:ip_to_geo', input: { ip: 'bad' }, output: 'geo' }, 'InvalidPropertyValueError', /cannot read "not-an-ip" from "bad"/],
	])('%s → %s', (_, addon, name, description) => {
		const problem = applyAddOns({ ip: '192.0.2.1', n: 5, bad: 'not-an-ip', ref: 'x' }, [addon]);
		expect(problem).toEqual({ name, description: expect.stringMatching(description) });
	});
});

describe('keen-server: add-ons over HTTP', () => {
	let server: KeenServer;
	beforeEach(async () => {
		server = await startKeenServer({ now: () => new Date('2024-05-10T12:00:00.000Z') });
	});
	afterEach(() => server.close());

	const allAddOns = [
		{ name: 'keen:ip_to_geo', input: { ip: 'ip_address' }, output: 'geo' },
		{ name: 'keen:ua_parser', input: { ua_string: 'user_agent' }, output: 'tech' },
		{ name: 'keen:url_parser', input: { url: 'page.url' }, output: 'page.parsed' },
		{ name: 'keen:referrer_parser', input: { referrer_url: 'page.referrer', page_url: 'page.url' }, output: 'referrer' },
		{ name: 'keen:date_time_parser', input: { date_time: 'keen.timestamp' }, output: 'when' },
	];
	const pageview = (ip: string) => ({
		ip_address: ip,
		user_agent: '${keen.user_agent}',
		page: { url: 'https://shop.example/p/1?utm_source=news', referrer: 'https://www.bing.com/search?q=gadget' },
		keen: { timestamp: '2024-05-05T09:15:00.000Z', addons: allAddOns },
	});

	/** undici with our own User-Agent, which test-client's `call` does not set. */
	async function post(path: string, body: unknown): Promise<{ status: number; body: any }> {
		const response = await request(new URL(path, server.url), {
			method: 'POST',
			headers: { authorization: server.writeKey, 'content-type': 'application/json', 'user-agent': UA.safariIphone },
			body: JSON.stringify(body),
		});
		return { status: response.statusCode, body: await response.body.json() };
	}

	it('enriches a single event, fills placeholders from the request first, and stores no keen.addons', async () => {
		const response = await post(projectUrl(server, 'events', 'pageviews'), pageview('${keen.ip}'));
		expect(response).toEqual({ status: 201, body: { created: true } });
		const [event] = server.events('pageviews');
		expect(event).toMatchObject({
			ip_address: '127.0.0.1',
			user_agent: UA.safariIphone,
			geo: { city: null, country: null, coordinates: null },
			tech: { browser: { family: 'Safari', major: 17 }, os: { family: 'iOS', major: 17 }, device: { family: 'iPhone', type: 'mobile' } },
			page: { parsed: { protocol: 'https', domain: 'shop.example', path: '/p/1', query_string: { utm_source: 'news' } } },
			referrer: { medium: 'SEARCH', source: 'Bing', term: 'gadget' },
			when: { year: 2024, month: 5, day_of_month: 5, day_of_week: 7, day_of_week_string: 'Sunday', hour: 9, minute: 15 },
		});
		expect(event.keen).toEqual({ timestamp: '2024-05-05T09:15:00.000Z', created_at: '2024-05-10T12:00:00.000Z', id: expect.any(String) });
	});

	it('replaces placeholders at any depth, including inside lists, only when the whole string is the placeholder', async () => {
		await post(projectUrl(server, 'events', 'visits'), { a: { b: ['${keen.ip}', { ua: '${keen.user_agent}' }] }, text: 'ip: ${keen.ip}' });
		expect(server.events('visits')[0]).toMatchObject({ a: { b: ['127.0.0.1', { ua: UA.safariIphone }] }, text: 'ip: ${keen.ip}' });
	});

	it('enriches batch events one by one; a bad add-on fails only its own event', async () => {
		const response = await post(projectUrl(server, 'events'), {
			pageviews: [
				pageview('198.51.100.7'),
				{ n: 1, keen: { addons: [{ name: 'keen:weather', input: {}, output: 'w' }] } },
				{ n: 2, keen: { addons: [{ name: 'keen:ip_to_geo', input: { ip: 'ip_address' }, output: 'geo' }] } },
				{ ip_address: 'nope', keen: { addons: [{ name: 'keen:ip_to_geo', input: { ip: 'ip_address' }, output: 'geo' }] } },
				{ n: 3 },
			],
		});
		expect(response.status).toBe(200);
		expect(response.body.pageviews.map((r: { success: boolean; error?: { name: string } }) => (r.success ? 'ok' : r.error!.name))).toEqual([
			'ok',
			'InvalidKeenNamespaceProperty',
			'InvalidKeenNamespaceProperty',
			'InvalidPropertyValueError',
			'ok',
		]);
		expect(response.body.pageviews[2].error.description).toMatch(/"ip_address", which the event does not have/);
		expect(server.events('pageviews').map((e) => (e.geo as { city?: string } | undefined)?.city ?? null)).toEqual(['Berlin', null]);
	});

	it.each([
		['an unknown add-on', { name: 'keen:nope', input: { x: 'a' }, output: 'o' }],
		['a missing input property', { name: 'keen:url_parser', input: { url: 'missing' }, output: 'o' }],
	])('answers 400 InvalidKeenNamespaceProperty for %s in a single event and stores nothing', async (_, addon) => {
		const response = await call(server, 'POST', projectUrl(server, 'events', 'x'), { key: server.writeKey, body: { a: 1, keen: { addons: [addon] } } });
		expect([response.status, response.body.error_code]).toEqual([400, 'InvalidKeenNamespaceProperty']);
		expect(server.eventCount()).toBe(0);
	});

	it('shows the outputs in the schema', async () => {
		await post(projectUrl(server, 'events', 'pageviews'), pageview('203.0.113.5'));
		const schema = await call(server, 'GET', projectUrl(server, 'events', 'pageviews'), { key: server.readKey });
		expect(schema.body.properties).toMatchObject({
			'geo.city': 'string',
			'geo.coordinates': 'list',
			'geo.country_code': 'string',
			'tech.browser.family': 'string',
			'tech.browser.major': 'num',
			'tech.device.type': 'string',
			'page.parsed.domain': 'string',
			'page.parsed.query_string.utm_source': 'string',
			'referrer.medium': 'string',
			'when.day_of_week_string': 'string',
			'when.hour': 'num',
		});
		expect(Object.keys(schema.body.properties).some((path) => path.startsWith('keen.addons'))).toBe(false);
	});

	it('refuses a batch item larger than the per-event limit by itself, storing the others', async () => {
		await server.close();
		server = await startKeenServer({ limits: { eventBytes: 1_000 } });
		const response = await call(server, 'POST', projectUrl(server, 'events'), {
			key: server.writeKey,
			body: { x: [{ text: 'a'.repeat(500) }, { text: 'b'.repeat(1_000) }, { text: 'c'.repeat(500) }] },
		});
		expect(response.status).toBe(200);
		expect(response.body.x).toEqual([
			{ success: true },
			{ success: false, error: { name: 'PayloadTooLargeError', description: 'The event is 1011 bytes as JSON; the per-event limit is 1000 bytes.' } },
			{ success: true },
		]);
		expect(server.events('x').map((e) => (e.text as string)[0])).toEqual(['a', 'c']);
	});
});
