/**
 * `npm run bench:n8n` (scripts/bench-n8n.sh sets up the real n8n of `npm run dev` and runs this):
 * the comparisons of `npm run bench`, inside n8n 2.41.1 itself. Each case is a workflow
 * Manual Trigger → Code (generates the events) → the node under test, run with `n8n execute`;
 * an identical workflow ending in a No-Op at the same size is the base whose time is subtracted.
 * Times come from n8n's sqlite database: the execution's stoppedAt − startedAt (so n8n's start-up,
 * 20–45 s on a busy machine, is left out) and each node's executionTime; "net of base" subtracts
 * the base's execution time. Peak RSS is the largest process of the run (`/usr/bin/time`'s maximum
 * resident set size: n8n's main process or its task runner).
 * After each case the local Keen server is asked how many events the collection holds (each
 * case writes its own), and the collection is deleted so the server's data file stays small.
 *
 * The saved execution data's size is read from the same database (what a run leaves behind).
 *
 * Flags: --quick (small sizes, to try the set-up), --only base,recordMany,recordManyRun,httpBatches,httpPerItem,
 * --min-events N (leave out the smaller sizes).
 * Writes bench/n8n-results.json and prints a Markdown table for docs/benchmarks.md.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';

import type { KeenServerKeys } from '../test/harness/keen-credentials';
import { makeEventSource } from './lib/events';
import { ROOT } from './lib/processes';
import { formatInt, table } from './lib/table';

type Kind = 'base' | 'recordMany' | 'recordManyRun' | 'httpBatches' | 'httpPerItem';

interface Case {
	kind: Kind;
	events: number;
}

interface Measured extends Case {
	id: string;
	/** The whole `n8n execute` process, start-up included. */
	wallMs: number;
	/** The execution as n8n recorded it (stoppedAt − startedAt) and its status. */
	executionMs: number | undefined;
	status: string | undefined;
	/** n8n's own executionTime of the Code node and of the node under test. */
	generateMs: number | undefined;
	nodeMs: number | undefined;
	peakRssMB: number;
	exitCode: number;
	/** Size of the execution data n8n saved (bytes of execution_data.data). */
	savedBytes: number | undefined;
	/** Events the collection held afterwards (not for the base). */
	stored?: number;
	/** executionMs minus the base's at the same size. */
	netMs?: number;
	loadAverage1m: number;
}

const LABELS: Record<Kind, string> = {
	base: 'Base: Code → No-Op',
	recordMany: 'Keen → Event → Record Many',
	recordManyRun: 'Keen → Record Many, Output: One Item for the Run',
	httpBatches: 'HTTP Request, hand-made 1,000-event batches',
	httpPerItem: 'HTTP Request, one request per item',
};

const BATCH = 1000;

function env(name: string): string {
	const value = process.env[name];
	if (!value) throw new Error(`${name} is not set: run this through scripts/bench-n8n.sh (npm run bench:n8n)`);
	return value;
}

const N8N = env('N8N');
const WORK_DIR = env('BENCH_N8N_DIR');
const CREDENTIAL_ID = env('CREDENTIAL_ID');
const KEEN = JSON.parse(env('KEEN_INFO')) as KeenServerKeys;
const STAMP = Date.now().toString(36);

function cases(quick: boolean): Case[] {
	const [big, huge, perItem] = quick ? [2_000, 10_000, 200] : [100_000, 500_000, 2_000];
	return [
		{ kind: 'base', events: perItem },
		{ kind: 'httpPerItem', events: perItem },
		{ kind: 'recordMany', events: perItem },
		{ kind: 'base', events: big },
		{ kind: 'recordMany', events: big },
		{ kind: 'recordManyRun', events: big },
		{ kind: 'httpBatches', events: big },
		{ kind: 'base', events: huge },
		{ kind: 'recordMany', events: huge },
		{ kind: 'recordManyRun', events: huge },
	];
}

const collectionOf = (c: Case) => `n8n_bench_${STAMP}_${c.kind}_${c.events}`;

/**
 * The Code node's source: `events` events as items, or as items of 1,000 events each. The events
 * are the bench events cut to four fields (~110 bytes of JSON): with the full ~300-byte events,
 * `n8n execute`'s own print of the run data at the end (JSON.stringify with indentation, of every
 * node's output) exceeds V8's maximum string length at 500,000 items and the command exits 1 after
 * the execution succeeded — the base workflow as much as the Keen one (measured 2026-12-01).
 */
function generator(events: number, batched: boolean): string {
	const event = 'const compact = (i) => { const e = makeEvent(i); return { order_id: e.order_id, user_id: e.user.id, price: e.item.price, created_at: e.created_at }; };';
	const make = batched
		? `const out = []; for (let start = 0; start < ${events}; start += ${BATCH}) { const batch = []; for (let i = start; i < Math.min(start + ${BATCH}, ${events}); i++) batch.push(compact(i)); out.push({ json: { events: batch } }); } return out;`
		: `const out = new Array(${events}); for (let i = 0; i < ${events}; i++) out[i] = { json: compact(i) }; return out;`;
	return `${makeEventSource()}\n${event}\n${make}`;
}

function nodeUnderTest(c: Case): Record<string, unknown> {
	const collection = collectionOf(c);
	const events = `${KEEN.url}/3.0/projects/${KEEN.projectId}/events`;
	const http = (url: string, jsonBody: string) => ({
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		parameters: {
			method: 'POST',
			url,
			sendHeaders: true,
			headerParameters: { parameters: [{ name: 'Authorization', value: KEEN.writeKey }] },
			sendBody: true,
			specifyBody: 'json',
			jsonBody,
			options: {},
		},
	});
	switch (c.kind) {
		case 'base':
			return { type: 'n8n-nodes-base.noOp', typeVersion: 1, parameters: {} };
		case 'recordMany':
		case 'recordManyRun':
			return {
				type: 'n8n-nodes-keen.keen',
				typeVersion: 1,
				parameters: {
					resource: 'event',
					operation: 'recordMany',
					collection: { __rl: true, mode: 'name', value: collection },
					options: c.kind === 'recordManyRun' ? { output: 'run' } : {},
				},
				credentials: { keenApi: { id: CREDENTIAL_ID, name: 'Keen account' } },
			};
		case 'httpBatches':
			return http(events, `={{ JSON.stringify({ ${JSON.stringify(collection)}: $json.events }) }}`);
		case 'httpPerItem':
			return http(`${events}/${collection}`, '={{ JSON.stringify($json) }}');
	}
}

function workflow(c: Case, id: string) {
	const nodes = [
		{ id: 'trigger', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
		{
			id: 'code',
			name: 'Generate events',
			type: 'n8n-nodes-base.code',
			typeVersion: 2,
			position: [220, 0],
			parameters: { jsCode: generator(c.events, c.kind === 'httpBatches') },
		},
		{ id: 'target', name: 'Under test', position: [440, 0], ...nodeUnderTest(c) },
	];
	const main = (node: string) => ({ main: [[{ node, type: 'main', index: 0 }]] });
	return { id, name: `bench ${c.kind} ${c.events}`, active: false, nodes, connections: { Start: main('Generate events'), 'Generate events': main('Under test') }, settings: {} };
}

/** Runs a command; resolves with its exit code and the end of its stderr (stdout is discarded). */
function run(command: string, args: string[]): Promise<{ code: number; stderr: string }> {
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
		let stderr = '';
		child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-20_000)));
		child.stdout.resume();
		child.once('error', reject);
		child.once('close', (code) => resolve({ code: code ?? 1, stderr }));
	});
}

interface Execution {
	status: string;
	/** stoppedAt − startedAt of the execution as n8n recorded it: without n8n's start-up. */
	executionMs: number;
	/** n8n's executionTime of each node, by its position in the run (Start, Generate events, Under test). */
	nodeMs: number[];
	savedBytes: number | undefined;
}

const sqliteDate = (value: string) => Date.parse(`${value.replace(' ', 'T')}Z`);

/**
 * The workflow's last execution from n8n's sqlite database. `n8n execute` prints the run data,
 * but exits before a large output is flushed, so the database is where the figures are. Node
 * times are read from the saved run data (flatted: every task object inline, with its index).
 */
function lastExecution(workflowId: string): Execution | undefined {
	// node:sqlite is Node 24's (the bench runs on dev.sh's Node 24); required here so the type-check does not need it.
	const { DatabaseSync } = require('node:sqlite') as { DatabaseSync: new (file: string, options: object) => { prepare(sql: string): { get(...args: unknown[]): Record<string, unknown> | undefined } } };
	const db = new DatabaseSync(join(env('N8N_USER_FOLDER'), '.n8n', 'database.sqlite'), { readOnly: true });
	const row = db.prepare('SELECT id, status, startedAt, stoppedAt FROM execution_entity WHERE workflowId = ? ORDER BY id DESC LIMIT 1').get(workflowId);
	if (!row) return undefined;
	const nodeMs: number[] = [];
	const saved = db.prepare('SELECT length(CAST(data AS BLOB)) AS bytes FROM execution_data WHERE executionId = ?').get(row.id)?.bytes;
	try {
		const data = String(db.prepare('SELECT data FROM execution_data WHERE executionId = ?').get(row.id)?.data ?? '');
		for (const task of data.matchAll(/\{"startTime":\d+,"executionIndex":(\d+),[^{}]*?"executionTime":(\d+)/g)) nodeMs[Number(task[1])] = Number(task[2]);
	} catch {
		// Run data too large to read as one string: the node times stay unknown, the execution time is still there.
	}
	return { status: String(row.status), executionMs: sqliteDate(String(row.stoppedAt)) - sqliteDate(String(row.startedAt)), nodeMs, savedBytes: saved === undefined ? undefined : Number(saved) };
}

async function keen(method: string, path: string, key: string, body?: unknown): Promise<unknown> {
	const response = await fetch(`${KEEN.url}/3.0/projects/${KEEN.projectId}${path}`, {
		method,
		headers: { Authorization: key, 'Content-Type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status} ${text.slice(0, 300)}`);
	return text ? JSON.parse(text) : undefined;
}

async function measure(c: Case): Promise<Measured> {
	const id = `bench${c.kind}${c.events}`.slice(0, 36);
	const file = join(WORK_DIR, `${id}.json`);
	writeFileSync(file, JSON.stringify(workflow(c, id)));
	const imported = await run(N8N, ['import:workflow', `--input=${file}`]);
	if (imported.code !== 0) throw new Error(`import of ${id} failed: ${imported.stderr.slice(-1000)}`);

	const started = Date.now();
	const executed = await run('/usr/bin/time', ['-f', 'BENCH_PEAK_RSS_KB %M', N8N, 'execute', `--id=${id}`, '--rawOutput']);
	const wallMs = Date.now() - started;
	const peak = /BENCH_PEAK_RSS_KB (\d+)/.exec(executed.stderr);
	const execution = lastExecution(id);
	const measured: Measured = {
		...c,
		id,
		wallMs,
		executionMs: execution?.executionMs,
		status: execution?.status,
		generateMs: execution?.nodeMs[1],
		nodeMs: execution?.nodeMs[2],
		savedBytes: execution?.savedBytes,
		peakRssMB: peak ? Math.round(Number(peak[1]) / 1024) : NaN,
		exitCode: executed.code,
		loadAverage1m: Math.round(loadavg()[0] * 100) / 100,
	};
	if (executed.code !== 0) console.log(`\n${executed.stderr.slice(-2000)}`);
	if (c.kind !== 'base') {
		const collection = collectionOf(c);
		const count = (await keen('POST', '/queries/count', KEEN.readKey, { event_collection: collection, timeframe: 'this_2_days' })) as { result: number };
		measured.stored = count.result;
		await keen('DELETE', `/events/${collection}`, KEEN.masterKey).catch(() => undefined);
	}
	return measured;
}

function seconds(ms: number | undefined): string {
	return ms === undefined || Number.isNaN(ms) ? '–' : (ms / 1000).toFixed(2);
}

async function main(): Promise<void> {
	const quick = process.argv.includes('--quick');
	const onlyIndex = process.argv.indexOf('--only');
	const only = onlyIndex >= 0 ? (process.argv[onlyIndex + 1] ?? '').split(',') : undefined;
	const minIndex = process.argv.indexOf('--min-events');
	const minEvents = minIndex >= 0 ? Number(process.argv[minIndex + 1]) : 0;
	const selected = cases(quick).filter((c) => (!only || c.kind === 'base' || only.includes(c.kind)) && c.events >= minEvents);
	console.log(`n8n bench: ${selected.length} workflows, load ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);

	const results: Measured[] = [];
	for (const c of selected) {
		process.stdout.write(`${LABELS[c.kind]}, ${formatInt(c.events)} events … `);
		const result = await measure(c);
		results.push(result);
		console.log(`exit ${result.exitCode} (${result.status}), ${seconds(result.wallMs)} s, execution ${seconds(result.executionMs)} s, node ${seconds(result.nodeMs)} s, ${result.peakRssMB} MB, saved ${formatInt(result.savedBytes)} bytes${result.stored === undefined ? '' : `, stored ${formatInt(result.stored)}`}`);
	}
	for (const result of results) {
		const base = results.find((r) => r.kind === 'base' && r.events === result.events);
		if (result.kind !== 'base' && base?.executionMs !== undefined && result.executionMs !== undefined) result.netMs = result.executionMs - base.executionMs;
	}

	const rows = results.map((r) => [
		LABELS[r.kind],
		formatInt(r.events),
		r.exitCode === 0 && r.status === 'success' ? 'yes' : `NO (exit ${r.exitCode}, ${r.status})`,
		r.kind === 'base' ? '–' : r.stored === r.events ? `all, once (${formatInt(r.stored)})` : `${formatInt(r.stored)} of ${formatInt(r.events)}`,
		seconds(r.wallMs),
		seconds(r.executionMs),
		seconds(r.netMs),
		seconds(r.generateMs),
		seconds(r.nodeMs),
		formatInt(r.peakRssMB),
		r.savedBytes === undefined ? '–' : (r.savedBytes / 1e6).toFixed(1),
	]);
	const header = ['workflow', 'events', 'exit 0', 'stored in Keen', 'n8n execute s', 'execution s', 'net of base s', 'Code node s', 'node under test s', 'peak RSS MB', 'saved data MB'];
	console.log(`\n${table(header, rows)}`);
	console.log(`\nMarkdown:\n\n| ${header.join(' | ')} |\n|${header.map((_, i) => (i < 4 ? '---' : '---:')).join('|')}|`);
	for (const row of rows) console.log(`| ${row.join(' | ')} |`);

	const file = join(ROOT, 'bench', 'n8n-results.json');
	writeFileSync(file, `${JSON.stringify({ finishedAt: new Date().toISOString(), n8n: '2.41.1', quick, loadAverageAtEnd: loadavg(), results }, null, '\t')}\n`);
	console.log(`\nWrote ${file}`);
	if (results.some((r) => r.exitCode !== 0 || r.status !== 'success' || (r.kind !== 'base' && r.stored !== r.events))) process.exitCode = 1;
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
