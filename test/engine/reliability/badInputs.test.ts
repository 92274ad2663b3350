import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { keenCredentials, runNode, type KeenCredentialData, type RunNodeResult } from '../../harness';
import { startKeenServer, type KeenServer } from '../../keen-server';

/*
 * Issue 5, "validation before sending": one table of bad inputs across operations, each run through
 * n8n's engine against the local Keen server. Every case must fail with a NodeOperationError that
 * names the item and the field, carries a hint how to fix it, and sends NOTHING to Keen.
 *
 * The README's "Bad inputs and the error each gets" table is generated from these runs: set
 * UPDATE_README=1 to rewrite it; otherwise the last test fails when the README drifts.
 */

let server: KeenServer;
beforeAll(async () => {
	server = await startKeenServer({ port: 0 });
});
afterAll(async () => await server.close());
beforeEach(() => server.clearRequests());

const byName = (value: string) => ({ __rl: true, mode: 'name', value });
const record = (extra: IDataObject): INodeParameters => ({ resource: 'event', operation: 'record', collection: byName('purchases'), ...extra });
const recordJson = (jsonBody: string) => record({ eventSource: 'json', jsonBody });
const count = (extra: IDataObject): INodeParameters => ({ resource: 'query', operation: 'count', collection: byName('purchases'), ...extra });
const percentile = (value: number) => ({ resource: 'query', operation: 'percentile', collection: byName('purchases'), targetProperty: 'price', percentile: value });
const savedQuery = (extra: IDataObject): INodeParameters => ({ resource: 'savedQuery', operation: 'create', queryName: 'revenue', collection: byName('purchases'), ...extra });
const setCaching = (refreshRate: number, refreshRateUnit = 'hours'): INodeParameters => ({
	resource: 'savedQuery',
	operation: 'setCaching',
	savedQuery: byName('revenue'),
	refreshRateUnit,
	refreshRate,
});
/** Blank keys, so the only key left cannot do the operation. */
const without = (...keys: Array<keyof KeenCredentialData>): Partial<KeenCredentialData> =>
	Object.fromEntries([...keys, 'accessApiKey'].map((key) => [key, '']));

interface BadInput {
	what: string;
	operation: string;
	parameters: INodeParameters;
	item?: IDataObject;
	credentials?: Partial<KeenCredentialData>;
	/** The field as the user sees it (display name); for a missing key, the credential's key field. */
	field: string;
	message: RegExp;
}

const BIG = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`p${i}`, 'x'.repeat(9_500)]));

/** An item nested 1,500 objects deep (issue 10 case 9; deeper ones overflow the harness's own structuredClone of its input): refused by depth, not by a stack overflow. */
const DEEP: IDataObject = Array.from({ length: 1_500 }).reduce<IDataObject>((inner) => ({ a: inner }), { leaf: true });
const CASES: BadInput[] = [
	{ what: 'Invalid JSON in a JSON field', operation: 'Event → Record', parameters: recordJson('{"item": "gadget",'), field: 'Event JSON', message: /could not be parsed as JSON/ },
	{ what: 'JSON that is not an object', operation: 'Event → Record', parameters: recordJson('[1, 2]'), field: 'Event JSON', message: /not an object/ },
	{ what: 'Property name with a dot', operation: 'Event → Record', parameters: record({}), item: { 'user.id': 7 }, field: 'Event Content', message: /contains a dot/ },
	{ what: 'Nested property name starting with $', operation: 'Event → Record', parameters: record({}), item: { user: { $id: 7 } }, field: 'Event Content', message: /starts with \$/ },
	{ what: 'Property name of 256 characters', operation: 'Event → Record', parameters: record({}), item: { ['p'.repeat(256)]: 1 }, field: 'Event Content', message: /longer than 255/ },
	{ what: 'Root `keen` that is not an object', operation: 'Event → Record', parameters: record({}), item: { keen: 'yesterday' }, field: 'Event Content', message: /"keen" property is not an object/ },
	{ what: 'String of 10,000 characters', operation: 'Event → Record', parameters: record({}), item: { note: 'x'.repeat(10_000) }, field: 'Event Content', message: /10000 characters long/ },
	{ what: 'Event over 900,000 bytes', operation: 'Event → Record', parameters: record({}), item: BIG, field: 'Event Content', message: /bytes long/ },
	{ what: 'Timestamp field that is not a date', operation: 'Event → Record', parameters: record({ timestampField: 'when' }), item: { when: 'last tuesday' }, field: 'Timestamp Field', message: /not an ISO-8601/ },
	{ what: "Empty event (a Manual Trigger's item)", operation: 'Event → Record', parameters: record({}), item: {}, field: 'Event Content', message: /The event is empty/ },
	{ what: 'Batch JSON whose collection is not a list', operation: 'Event → Record Many', parameters: { resource: 'event', operation: 'recordMany', inputMode: 'batchJson', batchJson: '{"signups": {"name": "bob"}}' }, field: 'Batch JSON', message: /not a list of events/ },
	{ what: 'Custom timeframe of 0 units', operation: 'Query → Count', parameters: count({ relativeTimeframe: 'custom', timeframeCount: 0 }), field: 'Number of Units', message: /at least 1/ },
	{ what: 'Absolute timeframe ending before it starts', operation: 'Query → Count', parameters: count({ timeframeType: 'absolute', timeframeStart: '2024-05-02T00:00:00Z', timeframeEnd: '2024-05-01T00:00:00Z' }), field: 'End', message: /before or when it starts/ },
	{ what: 'Absolute timeframe with an invalid date', operation: 'Query → Count', parameters: count({ timeframeType: 'absolute', timeframeStart: '2024-13-45', timeframeEnd: '2024-05-01T00:00:00Z' }), field: 'Start', message: /not a valid date/ },
	{ what: 'Saved query timeframe that is not a timeframe', operation: 'Saved Query → Create', parameters: savedQuery({ timeframe: 'last_week' }), field: 'Timeframe', message: /Unknown timeframe/ },
	{ what: 'Saved query absolute timeframe ending before it starts', operation: 'Saved Query → Create', parameters: savedQuery({ timeframe: '{"start": "2024-05-02T00:00:00Z", "end": "2024-05-01T00:00:00Z"}' }), field: 'Timeframe', message: /before or when it starts/ },
	{ what: 'Saved query absolute timeframe with an invalid date', operation: 'Saved Query → Create', parameters: savedQuery({ timeframe: '{"start": "soon", "end": "2024-05-01T00:00:00Z"}' }), field: 'Timeframe', message: /not a valid date/ },
	{ what: 'Custom interval of 0', operation: 'Query → Count', parameters: count({ interval: 'custom', intervalCount: 0 }), field: 'Interval Length', message: /at least 1/ },
	{ what: 'Unknown interval', operation: 'Saved Query → Create', parameters: savedQuery({ interval: 'fortnightly' }), field: 'Interval', message: /Unknown interval/ },
	{ what: 'Percentile 0', operation: 'Query → Percentile', parameters: percentile(0), field: 'Percentile', message: /greater than 0/ },
	{ what: 'Percentile 101', operation: 'Query → Percentile', parameters: percentile(101), field: 'Percentile', message: /at most 100/ },
	{ what: 'Percentile 2.555', operation: 'Query → Percentile', parameters: percentile(2.555), field: 'Percentile', message: /more than two decimals/ },
	{ what: 'Saved query percentile 101', operation: 'Saved Query → Create', parameters: savedQuery({ analysisType: 'percentile', targetProperty: 'price', percentile: 101 }), field: 'Percentile', message: /at most 100/ },
	{ what: 'Refresh rate of 0.5 hours', operation: 'Saved Query → Set Caching', parameters: setCaching(0.5), field: 'Refresh Rate', message: /outside what Keen accepts/ },
	{ what: 'Refresh rate of 49 hours', operation: 'Saved Query → Set Caching', parameters: setCaching(49), field: 'Refresh Rate', message: /outside what Keen accepts/ },
	{ what: 'Refresh rate of 100 seconds', operation: 'Saved Query → Create', parameters: savedQuery({ additionalFields: { refreshRate: 100 } }), field: 'Additional Fields', message: /outside what Keen accepts/ },
	{ what: 'Event nested 1,500 levels deep', operation: 'Event → Record', parameters: record({}), item: DEEP, field: 'Event Content', message: /nested more than 1000 levels deep/ },
	{ what: 'Timestamp of a day that does not exist (February 30)', operation: 'Event → Record', parameters: record({ timestampField: 'when' }), item: { when: '2024-02-30T00:00:00Z' }, field: 'Timestamp Field', message: /not a valid date/ },
	{ what: 'Unknown Uniqueness Token mode from an expression', operation: 'Event → Record', parameters: record({ options: { uniquenessToken: 'sometimes' } }), item: { n: 1 }, field: 'Options', message: /Unknown uniqueness token mode "sometimes"/ },
	{ what: 'Filters (JSON) given an object that is not a filter', operation: 'Query → Count', parameters: count({ filterMode: 'json', filtersJson: '{"price": {"gt": 10}}' }), field: 'Filters (JSON)', message: /is not a Keen filter: it has no "operator" and no "property_name" \(its keys: "price"\)/ },
	{ what: 'Empty custom timezone', operation: 'Query → Count', parameters: count({ timezone: 'custom', customTimezone: '' }), field: 'Timezone Name or Offset', message: /custom timezone is empty/ },
	{ what: 'No write key (nor access or master key)', operation: 'Event → Record', parameters: record({}), item: { n: 1 }, credentials: without('writeApiKey', 'masterApiKey'), field: 'Write API Key', message: /needs the Write API Key/ },
	{ what: 'No read key (nor access or master key)', operation: 'Query → Count', parameters: count({}), credentials: without('readApiKey', 'masterApiKey'), field: 'Read API Key', message: /needs the Read API Key/ },
	{ what: 'No master key', operation: 'Saved Query → Set Caching', parameters: setCaching(4), credentials: without('masterApiKey'), field: 'Master API Key', message: /needs the Master API Key/ },
	{ what: 'No organization key', operation: 'Project → Get Many', parameters: { resource: 'project', operation: 'getAll' }, credentials: without('organizationApiKey'), field: 'Organization API Key', message: /needs the Organization API Key/ },
];

/** Each case's actual message and hint, for the README table. */
const seen = new Map<string, { message: string; hint: string }>();

async function runCase(testCase: BadInput, items: IDataObject[] = [testCase.item ?? {}]): Promise<RunNodeResult> {
	return await runNode({
		credentials: { ...keenCredentials(server, testCase.credentials) },
		parameters: { requestOptions: { maxRetries: 0 }, ...testCase.parameters },
		items,
	});
}

describe('bad inputs fail before anything is sent (issue 5)', () => {
	it.each(CASES.map((testCase) => [testCase.what, testCase] as const))('%s', async (_what, testCase) => {
		const result = await runCase(testCase);
		expect(result.status).toBe('error');
		const error = result.error!;
		expect(error.name).toBe('NodeOperationError');
		expect(error.message).toMatch(testCase.message);
		expect(error.message).toContain(testCase.field);
		expect((error as { context?: IDataObject }).context?.itemIndex).toBe(0);
		// Input errors name the item in the message; a missing key is the credential's, not an item's.
		if (!testCase.credentials) expect(error.message).toMatch(new RegExp(`\\(item 0, field "${testCase.field.replace(/[()]/g, '\\$&')}"\\)$`));
		expect(String(error.description ?? '')).toMatch(/\w{3,}.*\./);
		expect(server.requests).toEqual([]);
		seen.set(testCase.what, { message: error.message, hint: String(error.description) });
	});

	it('a bad item among good ones: only the good ones are sent, the error names the bad item', async () => {
		const result = await runNode({
			credentials: { ...keenCredentials(server) },
			parameters: { ...record({ collection: byName('bad_among_good') }), requestOptions: { maxRetries: 0 } },
			items: [{ n: 0 }, { n: 1, 'user.id': 7 }, { n: 2 }],
		});
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/^2 of 3 items succeeded and 1 failed before the node stopped\. First: item 1: Property name "user\.id" contains a dot \(field "Event Content"\)/);
		const sentNs = server.requests.flatMap((request) => Object.values(request.body as Record<string, IDataObject[]>).flat().map((event) => event.n));
		expect(sentNs).toEqual([0, 2]);
	});

	// Issue 22.7: the summary lists up to 20 failed items; at exactly 20 there is no "and 0 more".
	it.each([
		[20, undefined],
		[21, 'and 1 more'],
	])('a summary of %i failed items lists 20 of them', async (failures, tail) => {
		const items = [{ n: 0 }, ...Array.from({ length: failures }, (_, n) => ({ n: n + 1, 'bad.name': 1 }))];
		const result = await runNode({
			credentials: { ...keenCredentials(server) },
			parameters: { ...record({ collection: byName('summary_at_max') }), requestOptions: { maxRetries: 0 } },
			items,
		});
		const description = String((result.error as { description?: string }).description);
		expect(result.error?.message).toMatch(new RegExp(`^1 of ${failures + 1} items succeeded and ${failures} failed`));
		expect(description.match(/item \d+: /g)).toHaveLength(20);
		expect(description).not.toMatch(/and 0 more/);
		if (tail) expect(description).toContain(`; ${tail}.`);
		else expect(description).not.toMatch(/ more\b/);
	});

	it('the README table lists every case with the error it gets', () => {
		expect(seen.size).toBe(CASES.length);
		const readmePath = join(__dirname, '../../../README.md');
		const readme = readFileSync(readmePath, 'utf8');
		const start = '<!-- bad-inputs:start (generated by test/engine/reliability/badInputs.test.ts; UPDATE_README=1 rewrites it) -->';
		const end = '<!-- bad-inputs:end -->';
		// The JSON parser's own wording differs between Node versions (CI runs 20, 22 and 24).
		const stable = (text: string) => text.replace(/could not be parsed as JSON \(.*?\) \(item/, "could not be parsed as JSON (the parser's reason) (item");
		const escape = (text: string) => stable(text).replace(/\|/g, '\\|').replace(/\n/g, ' ');
		const rows = CASES.map((testCase) => {
			const { message, hint } = seen.get(testCase.what)!;
			return `| ${escape(testCase.what)} | ${testCase.operation} | ${escape(message)} | ${escape(hint)} |`;
		});
		const table = [start, '| Bad input | Operation | Error | Hint |', '|---|---|---|---|', ...rows, end].join('\n');
		const from = readme.indexOf(start);
		const to = readme.indexOf(end);
		if (process.env.UPDATE_README) {
			expect(from).toBeGreaterThanOrEqual(0);
			writeFileSync(readmePath, readme.slice(0, from) + table + readme.slice(to + end.length));
			return;
		}
		expect(from).toBeGreaterThanOrEqual(0);
		expect(readme.slice(from, to + end.length)).toBe(table);
	});
});
