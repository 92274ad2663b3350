import { isIP } from 'node:net';

/**
 * Keen's data-enrichment add-ons (docs/keen-api.md §2.5), as small pure parsers plus the step that
 * applies an event's `keen.addons` list. Field names Keen does not document are our choice
 * (docs/keen-api.md §17.22; README "Add-ons"). The tables are deliberately small: enough to tell
 * the common cases apart in tests and demos, not a replacement for ua-parser or a geo database.
 */

/** A problem with one event's add-ons; ingest turns it into an EventRejection. */
export interface AddOnProblem {
	name: 'InvalidKeenNamespaceProperty' | 'InvalidPropertyValueError';
	description: string;
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

// ---------------------------------------------------------------- keen:url_parser

export interface UrlParts {
	protocol?: string;
	domain?: string;
	path?: string;
	anchor?: string;
	query_string?: Record<string, string>;
}

/** Query names a stored event could not hold as property names (§2.4) are left out. */
function isStorableName(name: string): boolean {
	return name.length > 0 && name.length <= 255 && name.charCodeAt(0) !== 36 && name.indexOf('.') === -1;
}

/** Splits an absolute URL (WHATWG); missing parts are omitted, a repeated query name keeps its last value. Null when it does not parse. */
export function parseUrl(text: string): UrlParts | null {
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		return null;
	}
	const parts: UrlParts = { protocol: url.protocol.slice(0, -1) };
	if (url.hostname) parts.domain = url.hostname;
	if (url.pathname) parts.path = url.pathname;
	if (url.hash.length > 1) parts.anchor = url.hash.slice(1);
	const query: Record<string, string> = {};
	let any = false;
	for (const [name, value] of url.searchParams) {
		if (!isStorableName(name)) continue;
		query[name] = value;
		any = true;
	}
	if (any) parts.query_string = query;
	return parts;
}

// ---------------------------------------------------------------- keen:referrer_parser

export type Medium = 'UNKNOWN' | 'INTERNAL' | 'SEARCH' | 'EMAIL' | 'SOCIAL';

export interface ReferrerInfo {
	medium: Medium;
	source: string | null;
	term: string | null;
}

interface ReferrerRule {
	medium: Exclude<Medium, 'UNKNOWN' | 'INTERNAL'>;
	source: string;
	host: RegExp;
	/** Query parameter holding the search term (SEARCH only). */
	term?: string;
}

/** Checked in order: webmail hosts come before the search engines of the same company. */
const REFERRER_RULES: ReferrerRule[] = [
	{ medium: 'EMAIL', source: 'Gmail', host: /^mail\.google\.com$/ },
	{ medium: 'EMAIL', source: 'Outlook.com', host: /^outlook\.(live|office|office365)\.com$/ },
	{ medium: 'EMAIL', source: 'Yahoo! Mail', host: /(^|\.)mail\.yahoo\.com$/ },
	{ medium: 'EMAIL', source: 'AOL Mail', host: /^mail\.aol\.com$/ },
	{ medium: 'SEARCH', source: 'Google', host: /(^|\.)google\.(com|[a-z]{2}|co\.[a-z]{2}|com\.[a-z]{2})$/, term: 'q' },
	{ medium: 'SEARCH', source: 'Bing', host: /(^|\.)bing\.com$/, term: 'q' },
	{ medium: 'SEARCH', source: 'DuckDuckGo', host: /(^|\.)duckduckgo\.com$/, term: 'q' },
	{ medium: 'SEARCH', source: 'Yahoo!', host: /(^|\.)search\.yahoo\.com$/, term: 'p' },
	{ medium: 'SEARCH', source: 'Yandex', host: /(^|\.)yandex\.(ru|com)$/, term: 'text' },
	{ medium: 'SEARCH', source: 'Baidu', host: /(^|\.)baidu\.com$/, term: 'wd' },
	{ medium: 'SEARCH', source: 'Ecosia', host: /(^|\.)ecosia\.org$/, term: 'q' },
	{ medium: 'SOCIAL', source: 'Facebook', host: /(^|\.)facebook\.com$/ },
	{ medium: 'SOCIAL', source: 'Twitter', host: /^(t\.co|(www\.)?twitter\.com|(www\.)?x\.com)$/ },
	{ medium: 'SOCIAL', source: 'LinkedIn', host: /^((www\.)?linkedin\.com|lnkd\.in)$/ },
	{ medium: 'SOCIAL', source: 'Reddit', host: /(^|\.)reddit\.com$/ },
];

function hostOf(text: string): string | null {
	try {
		return new URL(text).hostname || null;
	} catch {
		return null;
	}
}

const withoutWww = (host: string) => (host.startsWith('www.') ? host.slice(4) : host);

/**
 * Classifies a referrer against the page it led to: INTERNAL for the same host (a leading
 * `www.` ignored), then the small table above, else UNKNOWN. `source` is the table's name, or
 * the referrer's host for INTERNAL/UNKNOWN; `term` only for SEARCH. An empty or unparseable
 * referrer (direct traffic) is UNKNOWN with nulls.
 */
export function parseReferrer(referrerUrl: string, pageUrl: string): ReferrerInfo {
	const host = hostOf(referrerUrl);
	if (host === null) return { medium: 'UNKNOWN', source: null, term: null };
	const pageHost = hostOf(pageUrl);
	if (pageHost !== null && withoutWww(pageHost) === withoutWww(host)) return { medium: 'INTERNAL', source: host, term: null };
	for (const rule of REFERRER_RULES) {
		if (!rule.host.test(host)) continue;
		const term = rule.term ? new URL(referrerUrl).searchParams.get(rule.term) : null;
		return { medium: rule.medium, source: rule.source, term };
	}
	return { medium: 'UNKNOWN', source: host, term: null };
}

// ---------------------------------------------------------------- keen:ua_parser

export interface Version {
	family: string;
	major: number | null;
	minor: number | null;
	patch: number | null;
}

export type DeviceType = 'desktop' | 'mobile' | 'tablet' | 'bot' | 'other';

export interface UserAgentInfo {
	browser: Version;
	os: Version;
	device: { family: string; type: DeviceType };
}

/** `family` null means "take the family from capture group 1, versions from 2–4". */
interface UaRule {
	pattern: RegExp;
	family: string | null;
}

/** First match wins; order matters (Edge and Opera carry "Chrome/", Chrome carries "Safari/", bots carry anything). */
const BROWSER_RULES: UaRule[] = [
	{ pattern: /(Googlebot|bingbot|DuckDuckBot|YandexBot|Baiduspider|Yahoo! Slurp|facebookexternalhit|Twitterbot|AhrefsBot)(?:\/(\d+)(?:\.(\d+))?(?:\.(\d+))?)?/, family: null },
	{ pattern: /(?:bot|crawler|spider)\b/i, family: 'Other Bot' },
	{ pattern: /Edg(?:e|A|iOS)?\/(\d+)\.(\d+)(?:\.(\d+))?/, family: 'Edge' },
	{ pattern: /OPR\/(\d+)\.(\d+)(?:\.(\d+))?/, family: 'Opera' },
	{ pattern: /(?:Firefox|FxiOS)\/(\d+)\.(\d+)(?:\.(\d+))?/, family: 'Firefox' },
	{ pattern: /(?:Chrome|CriOS)\/(\d+)\.(\d+)(?:\.(\d+))?/, family: 'Chrome' },
	{ pattern: /Version\/(\d+)\.(\d+)(?:\.(\d+))?.*Safari\//, family: 'Safari' },
	{ pattern: /(curl)\/(\d+)\.(\d+)(?:\.(\d+))?/, family: null },
];

/** Windows reports its NT kernel version; marketing versions as [major, minor]. */
const WINDOWS_NT: Record<string, [number, number | null]> = { '10.0': [10, null], '6.3': [8, 1], '6.2': [8, null], '6.1': [7, null], '6.0': [6, null] };

/** iOS before macOS: iPhone agents say "like Mac OS X". Android before Linux. */
const OS_RULES: UaRule[] = [
	{ pattern: /(?:iPhone|iPad|iPod).*? OS (\d+)_(\d+)(?:_(\d+))?/, family: 'iOS' },
	{ pattern: /Mac OS X (\d+)[_.](\d+)(?:[_.](\d+))?/, family: 'macOS' },
	{ pattern: /Android (\d+)(?:\.(\d+))?(?:\.(\d+))?/, family: 'Android' },
	{ pattern: /CrOS/, family: 'Chrome OS' },
	{ pattern: /Linux/, family: 'Linux' },
];

const int = (text: string | undefined) => (text === undefined ? null : Number(text));

function matchVersion(rules: UaRule[], ua: string): Version {
	for (const { pattern, family } of rules) {
		const m = pattern.exec(ua);
		if (!m) continue;
		return family === null ? { family: m[1], major: int(m[2]), minor: int(m[3]), patch: int(m[4]) } : { family, major: int(m[1]), minor: int(m[2]), patch: int(m[3]) };
	}
	return { family: 'Other', major: null, minor: null, patch: null };
}

function osOf(ua: string): Version {
	const windows = /Windows NT (\d+\.\d+)/.exec(ua);
	if (windows) {
		const [major, minor] = WINDOWS_NT[windows[1]] ?? [null, null];
		return { family: 'Windows', major, minor, patch: null };
	}
	return matchVersion(OS_RULES, ua);
}

const BOT = /bot\b|crawler|spider|Slurp|facebookexternalhit/i;

function deviceOf(ua: string, os: Version): UserAgentInfo['device'] {
	if (BOT.test(ua)) return { family: 'Spider', type: 'bot' };
	if (/iPad/.test(ua)) return { family: 'iPad', type: 'tablet' };
	if (/iPhone|iPod/.test(ua)) return { family: 'iPhone', type: 'mobile' };
	if (os.family === 'Android') return /Mobile/.test(ua) ? { family: 'Android Phone', type: 'mobile' } : { family: 'Android Tablet', type: 'tablet' };
	if (os.family === 'macOS') return { family: 'Mac', type: 'desktop' };
	if (os.family === 'Windows' || os.family === 'Linux' || os.family === 'Chrome OS') return { family: 'Other', type: 'desktop' };
	return { family: 'Other', type: 'other' };
}

/** Browser, OS and device of a User-Agent string from a compact regex table; anything else is family "Other" with null versions. */
export function parseUserAgent(ua: string): UserAgentInfo {
	const browser = matchVersion(BROWSER_RULES, ua);
	const os = osOf(ua);
	return { browser, os, device: deviceOf(ua, os) };
}

// ---------------------------------------------------------------- keen:ip_to_geo

export interface GeoInfo {
	city: string | null;
	province: string | null;
	country: string | null;
	country_code: string | null;
	continent: string | null;
	postal_code: string | null;
	coordinates: [number, number] | null;
}

const NO_GEO: GeoInfo = { city: null, province: null, country: null, country_code: null, continent: null, postal_code: null, coordinates: null };

/**
 * NO real geo database: the documentation ranges of RFC 5737 (IPv4) and RFC 3849 (IPv6) are
 * mapped to fixed demo cities, so tests can use addresses that belong to nobody.
 */
const DEMO_GEO: { prefix: string; geo: GeoInfo }[] = [
	{ prefix: '192.0.2.', geo: { city: 'San Francisco', province: 'California', country: 'United States', country_code: 'US', continent: 'North America', postal_code: '94107', coordinates: [-122.3942, 37.7621] } },
	{ prefix: '198.51.100.', geo: { city: 'Berlin', province: 'Berlin', country: 'Germany', country_code: 'DE', continent: 'Europe', postal_code: '10115', coordinates: [13.405, 52.52] } },
	{ prefix: '203.0.113.', geo: { city: 'Tokyo', province: 'Tokyo', country: 'Japan', country_code: 'JP', continent: 'Asia', postal_code: '100-0001', coordinates: [139.6917, 35.6895] } },
	{ prefix: '2001:db8:', geo: { city: 'São Paulo', province: 'São Paulo', country: 'Brazil', country_code: 'BR', continent: 'South America', postal_code: '01000-000', coordinates: [-46.6333, -23.5505] } },
];

/**
 * Geo data of an IP address from the demo table; every other valid address (public, private,
 * loopback) gets all fields null. Null when `ip` is not an IP address at all.
 */
export function ipToGeo(ip: string): GeoInfo | null {
	const version = isIP(ip);
	if (version === 0) return null;
	let address = ip.toLowerCase();
	// An IPv4-mapped IPv6 address (what a dual-stack socket reports) is looked up as IPv4.
	if (address.startsWith('::ffff:') && isIP(address.slice(7)) === 4) address = address.slice(7);
	// The URL parser normalises IPv6 (zeros, case); a zone id ("%eth0") makes it throw: no prefix then.
	else if (version === 6 && !address.includes('%')) address = new URL(`http://[${address}]`).hostname.slice(1, -1);
	const hit = DEMO_GEO.find(({ prefix }) => address.startsWith(prefix));
	return hit ? { ...hit.geo, coordinates: hit.geo.coordinates && [...hit.geo.coordinates] } : { ...NO_GEO };
}

// ---------------------------------------------------------------- keen:date_time_parser

export interface DateTimeParts {
	millisecond: number;
	second: number;
	minute: number;
	hour: number;
	/** ISO weekday: 1 = Monday … 7 = Sunday. */
	day_of_week: number;
	day_of_week_string: string;
	day_of_month: number;
	/** 1 = January. */
	month: number;
	year: number;
	/** Minutes east of UTC written in the input (0 for `Z` or no offset). */
	timezone_offset: number;
}

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const ISO_PARTS = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?(Z|([+-])(\d{2}):?(\d{2}))?$/;

/**
 * Calendar components of an ISO-8601 date-time, in the wall-clock time of the offset it was
 * written with (so "hour" is the writer's local hour); no offset means UTC, as for
 * keen.timestamp (§7.4). Null when it is not an ISO-8601 date-time.
 */
export function parseDateTime(text: string): DateTimeParts | null {
	const m = ISO_PARTS.exec(text);
	if (!m) return null;
	const offset = m[2] === undefined ? 0 : (m[2] === '-' ? -1 : 1) * (Number(m[3]) * 60 + Number(m[4]));
	const utcMs = Date.parse(text.length > 10 && m[1] === undefined ? text + 'Z' : text);
	if (Number.isNaN(utcMs)) return null;
	const local = new Date(utcMs + offset * 60_000);
	// Date.parse rolls "02-30" over into March; the written date must survive the round trip.
	if (local.getUTCMonth() + 1 !== Number(text.slice(5, 7)) || local.getUTCDate() !== Number(text.slice(8, 10))) return null;
	const weekday = local.getUTCDay();
	return {
		millisecond: local.getUTCMilliseconds(),
		second: local.getUTCSeconds(),
		minute: local.getUTCMinutes(),
		hour: local.getUTCHours(),
		day_of_week: weekday === 0 ? 7 : weekday,
		day_of_week_string: DAYS[weekday],
		day_of_month: local.getUTCDate(),
		month: local.getUTCMonth() + 1,
		year: local.getUTCFullYear(),
		timezone_offset: offset,
	};
}

// ---------------------------------------------------------------- applying keen.addons

interface AddOnSpec {
	inputs: readonly string[];
	/** The output value, or null when the input value cannot be read. */
	run: (values: string[]) => unknown;
}

export const ADD_ONS: Record<string, AddOnSpec> = {
	'keen:url_parser': { inputs: ['url'], run: ([url]) => parseUrl(url) },
	'keen:referrer_parser': { inputs: ['referrer_url', 'page_url'], run: ([referrer, page]) => parseReferrer(referrer, page) },
	'keen:ua_parser': { inputs: ['ua_string'], run: ([ua]) => parseUserAgent(ua) },
	'keen:ip_to_geo': { inputs: ['ip'], run: ([ip]) => ipToGeo(ip) },
	'keen:date_time_parser': { inputs: ['date_time'], run: ([dateTime]) => parseDateTime(dateTime) },
};

function readPath(event: Json, segments: string[]): unknown {
	let current: unknown = event;
	for (const segment of segments) {
		if (!isObject(current)) return undefined;
		current = current[segment];
	}
	return current;
}

/** Writes at a dot path, creating objects on the way; a non-object in the way is replaced (the output wins). */
function writePath(event: Json, segments: string[], value: unknown): void {
	let current = event;
	for (let i = 0; i < segments.length - 1; i++) {
		const next = current[segments[i]];
		current = isObject(next) ? next : (current[segments[i]] = {});
	}
	current[segments[segments.length - 1]] = value;
}

function pathSegments(path: unknown): string[] | null {
	if (typeof path !== 'string') return null;
	const segments = path.split('.');
	return segments.every(isStorableName) ? segments : null;
}

const configProblem = (description: string): AddOnProblem => ({ name: 'InvalidKeenNamespaceProperty', description });

interface Planned {
	label: string;
	spec: AddOnSpec;
	inputs: { key: string; path: string; segments: string[] }[];
	output: string[];
}

/** Checks every add-on's shape before any runs, so an event is either fully enriched or rejected. */
function plan(addons: unknown[]): Planned[] | AddOnProblem {
	const planned: Planned[] = [];
	for (let i = 0; i < addons.length; i++) {
		const addon = addons[i];
		const at = `keen.addons[${i}]`;
		if (!isObject(addon)) return configProblem(`${at} must be an object { name, input, output }.`);
		const spec = typeof addon.name === 'string' ? ADD_ONS[addon.name] : undefined;
		if (!spec) return configProblem(`${at} has unknown add-on name ${JSON.stringify(addon.name)}; known: ${Object.keys(ADD_ONS).join(', ')}.`);
		const label = `${at} (${String(addon.name)})`;
		if (!isObject(addon.input)) return configProblem(`${label} needs an "input" object with ${spec.inputs.join(', ')}.`);
		const inputs: Planned['inputs'] = [];
		for (const key of spec.inputs) {
			const path = addon.input[key];
			const segments = pathSegments(path);
			if (!segments) return configProblem(`${label} input "${key}" must be the dot path of an event property.`);
			inputs.push({ key, path: path as string, segments });
		}
		const output = pathSegments(addon.output);
		if (!output) return configProblem(`${label} "output" must be a dot path of valid property names.`);
		if (output[0] === 'keen') return configProblem(`${label} cannot write into the keen namespace ("${String(addon.output)}").`);
		planned.push({ label, spec, inputs, output });
	}
	return planned;
}

/**
 * Runs an event's `keen.addons` in list order (a later add-on may read an earlier one's
 * output) and writes each result at its output path. Inputs name event properties, including
 * `keen.timestamp` (§2.5). A malformed add-on or a missing input property →
 * InvalidKeenNamespaceProperty; an input value the add-on cannot read → InvalidPropertyValueError.
 */
export function applyAddOns(event: Json, addons: unknown[]): AddOnProblem | null {
	const planned = plan(addons);
	if (!Array.isArray(planned)) return planned;
	for (const { label, spec, inputs, output } of planned) {
		const values: string[] = [];
		for (const { key, path, segments } of inputs) {
			const value = readPath(event, segments);
			if (value === undefined || value === null) return configProblem(`${label} input "${key}" names property "${path}", which the event does not have.`);
			if (typeof value !== 'string') return { name: 'InvalidPropertyValueError', description: `${label} needs a string in "${path}", got ${typeof value}.` };
			values.push(value);
		}
		const result = spec.run(values);
		if (result === null) return { name: 'InvalidPropertyValueError', description: `${label} cannot read ${JSON.stringify(values[0].slice(0, 120))} from "${inputs[0].path}".` };
		writePath(event, output, result);
	}
	return null;
}
