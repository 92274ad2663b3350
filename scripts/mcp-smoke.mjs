// The client half of `npm run mcp:smoke` (scripts/dev.sh mcp starts n8n with example 10 published and the local Keen
// server): connects the official MCP SDK to example 10's MCP Server Trigger over Streamable HTTP and over SSE, lists
// the tools, calls each one and checks every answer against a direct query to the local Keen server. Prints one JSON
// summary line; exits 0 only when every check held.
//
//   MCP_URL     the trigger's production URL, e.g. http://127.0.0.1:5678/mcp/keen
//   KEEN_INFO   the local Keen server's JSON line (url, projectId, readKey, writeKey, masterKey)
//   N8N_DB, N8N_APP_DIR  optional: n8n's sqlite file and install folder, to report how n8n recorded the tool calls
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { DatabaseSync } from 'node:sqlite';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..');
const EXAMPLE = JSON.parse(readFileSync(join(REPO, 'examples/10-keen-mcp-server.json'), 'utf8'));
const MCP_URL = process.env.MCP_URL;
const KEEN = JSON.parse(process.env.KEEN_INFO ?? '{}');
/** Every wait is bounded: connecting (n8n registers the trigger's webhooks after it reports ready), and each request. */
const CONNECT_MS = 120_000;
const CALL_MS = 120_000;
const SAVED_QUERY = 'revenue-by-country';
/** Fresh events, so that the last 7 days hold more purchases than the extraction tool's cap whatever the data's age. */
const FRESH_PURCHASES = 15;

const checks = [];
function check(transport, what, ok, detail) {
	checks.push({ transport, what, ok: Boolean(ok), ...(ok ? {} : { detail }) });
}

async function keen(method, path, body, key = KEEN.readKey) {
	const response = await fetch(`${KEEN.url}/3.0/projects/${KEEN.projectId}${path}`, {
		method,
		headers: { Authorization: key, 'Content-Type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
		signal: AbortSignal.timeout(30_000),
	});
	const answer = await response.json();
	if (!response.ok) throw new Error(`Keen ${method} ${path}: ${response.status} ${JSON.stringify(answer)}`);
	return answer;
}

/** What example 10 says each tool is: its name as n8n derives it, its description, its $fromAI arguments. */
function expectedTools() {
	return EXAMPLE.nodes
		.filter((node) => node.type === 'n8n-nodes-keen.keenTool')
		.map((node) => ({
			name: node.name.replace(/[^a-zA-Z0-9_-]+/g, '_'),
			description: node.parameters.toolDescription,
			arguments: Object.fromEntries(
				[...JSON.stringify(node.parameters).matchAll(/\$fromAI\('([^']+)', `([^`]*)`/g)].map(([, key, text]) => [key, JSON.parse(`"${text}"`)]),
			),
		}));
}

async function connect(kind) {
	const deadline = Date.now() + CONNECT_MS;
	let lastError;
	while (Date.now() < deadline) {
		const client = new Client({ name: 'n8n-nodes-keen-mcp-smoke', version: '1.0.0' });
		const transport = kind === 'sse' ? new SSEClientTransport(new URL(MCP_URL)) : new StreamableHTTPClientTransport(new URL(MCP_URL));
		try {
			await client.connect(transport, { timeout: 30_000 });
			return client;
		} catch (error) {
			lastError = error;
			await client.close().catch(() => {});
			await new Promise((resolve) => setTimeout(resolve, 2_000));
		}
	}
	throw new Error(`No MCP session over ${kind} within ${CONNECT_MS / 1000} s: ${lastError?.message}`);
}

const sortedJson = (rows) => rows.map((row) => JSON.stringify(Object.entries(row).sort())).sort();
const sameRows = (a, b) => JSON.stringify(sortedJson(a)) === JSON.stringify(sortedJson(b));
const newestFirst = (events) => [...events].sort((a, b) => Date.parse(b.keen.timestamp) - Date.parse(a.keen.timestamp));

async function smoke(kind) {
	const calls = [];
	const client = await connect(kind);
	try {
		const { tools } = await client.listTools(undefined, { timeout: CALL_MS });
		const expected = expectedTools();
		const listed = tools.map((t) => `${t.name}(${Object.keys(t.inputSchema?.properties ?? {}).join(', ')})`);
		check(kind, 'tool names', JSON.stringify(tools.map((t) => t.name).sort()) === JSON.stringify(expected.map((t) => t.name).sort()), tools.map((t) => t.name));
		for (const want of expected) {
			const tool = tools.find((t) => t.name === want.name);
			check(kind, `${want.name} description`, tool?.description === want.description, tool?.description);
			const properties = tool?.inputSchema?.properties ?? {};
			const got = Object.fromEntries(Object.entries(properties).map(([key, schema]) => [key, schema.description]));
			const typed = Object.values(properties).every((schema) => schema.type === 'string');
			check(kind, `${want.name} argument schema`, typed && JSON.stringify(got) === JSON.stringify(want.arguments), properties);
		}

		const call = async (name, args) => {
			const result = await client.callTool({ name, arguments: args }, undefined, { timeout: CALL_MS });
			const text = result.content?.map((part) => part.text ?? '').join('') ?? '';
			let json;
			try {
				json = JSON.parse(text);
			} catch {
				json = undefined;
			}
			calls.push({ tool: name, args, isError: Boolean(result.isError), answer: text.length > 160 ? `${text.slice(0, 157)}...` : text });
			return { isError: Boolean(result.isError), text, json };
		};
		const window = { timeframe: 'this_7_days', timezone: 'UTC' };

		// A count per country, as Keen answers it directly.
		const count = await call('Count_events', { collection: 'purchases', timeframe: 'this_7_days', group_by: 'country' });
		const direct = (await keen('POST', '/queries/count', { event_collection: 'purchases', group_by: 'country', ...window })).result;
		check(kind, 'Count_events = direct count', !count.isError && sameRows(count.json ?? [], direct.map(({ result, ...group }) => ({ ...group, value: result }))), count.text);

		// An extraction over more events than the tool's cap (10): the 10 most recent, newest first, and a note on
		// how to ask for older ones; following the note gives the next older events.
		const extraction = await call('Latest_events', { collection: 'purchases', timeframe: 'this_7_days' });
		const all = newestFirst((await keen('POST', '/queries/extraction', { event_collection: 'purchases', ...window })).result);
		const events = (extraction.json ?? []).filter((row) => row.keen);
		const note = (extraction.json ?? []).find((row) => row.note)?.note ?? '';
		const oldest = events.at(-1)?.keen.timestamp;
		check(
			kind,
			'Latest_events = the 10 most recent of the direct extraction, newest first',
			!extraction.isError && all.length > 10 && JSON.stringify(events.map((e) => e.keen.id)) === JSON.stringify(all.slice(0, 10).map((e) => e.keen.id)),
			{ shown: events.map((e) => e.keen.timestamp), direct: all.slice(0, 12).map((e) => e.keen.timestamp) },
		);
		check(kind, 'Latest_events cap note', note.startsWith('Showing the 10 most recent events, newest first') && note.includes(`ends at ${oldest}`), note);
		const older = await call('Latest_events', { collection: 'purchases', timeframe: JSON.stringify({ start: all.at(-1).keen.timestamp, end: oldest }) });
		const olderIds = (older.json ?? []).filter((row) => row.keen).map((e) => e.keen.id);
		const expectedOlder = all.filter((e) => Date.parse(e.keen.timestamp) < Date.parse(oldest)).slice(0, 10).map((e) => e.keen.id);
		check(kind, "Latest_events with the note's timeframe = the next older events", !older.isError && JSON.stringify(olderIds) === JSON.stringify(expectedOlder), older.text);

		// A saved query's result, as Keen answers it directly.
		const saved = await call('Saved_query_result', { query_name: SAVED_QUERY });
		const directSaved = (await keen('GET', `/queries/saved/${SAVED_QUERY}/result`)).result;
		const rows = directSaved.map(({ result, ...group }) => ({ ...group, value: result }));
		check(kind, 'Saved_query_result = direct result', !saved.isError && sameRows(saved.json ?? [], rows), saved.text);

		// Bad arguments come back as isError with a fix the model can act on.
		const unknown = await call('Count_events', { collection: 'purchase', timeframe: 'this_7_days', group_by: '' });
		check(kind, 'unknown collection → isError naming the argument and the known collections', unknown.isError && unknown.text.includes('Argument "collection": There is no event collection "purchase"') && unknown.text.includes('purchases'), unknown.text);
		const badTimeframe = await call('Count_events', { collection: 'purchases', timeframe: 'last_7_days', group_by: '' });
		check(kind, 'bad timeframe → isError naming the argument and a valid form', badTimeframe.isError && badTimeframe.text.includes('Argument "timeframe"') && badTimeframe.text.includes('this_7_days'), badTimeframe.text);
		// n8n's MCP Server Trigger writes a thrown error as "<error.name>: <message>" (MessageFormatter.formatError).
		return { tools: listed, errorPrefix: /^(\w+): /.exec(badTimeframe.text)?.[1], calls };
	} finally {
		await client.close().catch(() => {});
	}
}

/**
 * How n8n recorded the executions of example 10 (one per tool call): per status, how many, and how many of those hold
 * a Keen Tool run that ended in an error. Needs N8N_DB and N8N_APP_DIR (n8n's `flatted`, which its run data is saved in).
 */
async function executions(since) {
	if (!process.env.N8N_DB || !process.env.N8N_APP_DIR) return undefined;
	const { parse } = createRequire(join(process.env.N8N_APP_DIR, 'package.json'))('flatted');
	const db = new DatabaseSync(process.env.N8N_DB, { readOnly: true });
	const query = 'SELECT e.id, e.status, d.data FROM execution_entity e JOIN execution_data d ON d.executionId = e.id WHERE e.workflowId = ? AND e.id > ?';
	// n8n saves an execution when it finishes: wait (at most 30 s) until the count stops growing.
	let rows = [];
	for (let i = 0; i < 15; i++) {
		const next = db.prepare(query).all(EXAMPLE.id, since);
		if (next.length > 0 && next.length === rows.length) break;
		rows = next;
		await new Promise((resolve) => setTimeout(resolve, 2_000));
	}
	const byStatus = {};
	for (const row of rows) {
		const runData = parse(row.data)?.resultData?.runData ?? {};
		const toolError = Object.entries(runData).some(([name, tasks]) => name !== 'MCP Server Trigger' && tasks.some((task) => task.error));
		const entry = (byStatus[row.status] ??= { executions: 0, withToolError: 0 });
		entry.executions++;
		if (toolError) entry.withToolError++;
	}
	return byStatus;
}

/** The highest execution id so far, so that only this run's executions are reported. */
function lastExecutionId() {
	if (!process.env.N8N_DB) return 0;
	return new DatabaseSync(process.env.N8N_DB, { readOnly: true }).prepare('SELECT COALESCE(MAX(id), 0) AS id FROM execution_entity').get().id;
}

async function main() {
	// The saved query of example 05, and fresh purchases (the dev home keeps its data between runs, so it may be old).
	await keen('PUT', `/queries/saved/${SAVED_QUERY}`, {
		query: { analysis_type: 'sum', event_collection: 'purchases', target_property: 'price', timeframe: 'this_7_days', timezone: 'UTC', group_by: 'country' },
		metadata: { display_name: 'Revenue by country, last 7 days' },
		refresh_rate: 0,
	}, KEEN.masterKey);
	const now = Date.now();
	const fresh = Array.from({ length: FRESH_PURCHASES }, (_, i) => ({
		item: { name: 'Smoke Widget' },
		price: 10 + i,
		country: ['FR', 'DE', 'US'][i % 3],
		keen: { timestamp: new Date(now - (i + 1) * 60_000).toISOString() },
	}));
	await keen('POST', '/events', { purchases: fresh }, KEEN.writeKey);

	const since = lastExecutionId();
	const transports = {};
	for (const kind of ['streamableHttp', 'sse']) {
		try {
			transports[kind] = await smoke(kind);
		} catch (error) {
			check(kind, 'session', false, error.message);
		}
	}
	const failed = checks.filter((c) => !c.ok);
	const summary = {
		ok: failed.length === 0 && Object.keys(transports).length === 2,
		url: MCP_URL,
		checks: `${checks.length - failed.length}/${checks.length} passed`,
		failed,
		transports,
		executions: await executions(since),
	};
	process.stdout.write(`${JSON.stringify(summary)}\n`);
	process.exit(summary.ok ? 0 : 1);
}

main().catch((error) => {
	process.stdout.write(`${JSON.stringify({ ok: false, error: error.message })}\n`);
	process.exit(1);
});
