/*
 * The checks of `npm run queue:smoke`, run by scripts/queue-smoke.sh under Node 24 once PostgreSQL, Redis, the local
 * Keen server and the credential are there. Starts n8n main and two workers (their PIDs go to $QUEUE_DIR/n8n.pids so
 * the shell stops them even if this script dies), runs the three scenarios, prints one JSON line of figures, stops
 * main and workers, and exits 0 only when every check held. See README › Queue mode and scaling.
 */
import { execFile, spawn } from 'node:child_process';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

const env = process.env;
const requireFromN8n = createRequire(join(env.APP_DIR, 'node_modules', 'n8n', 'package.json'));
const { Client } = requireFromN8n('pg');
const { parse: parseFlatted } = requireFromN8n('flatted');

const keen = JSON.parse(env.KEEN_INFO);
const RUN = `q${Date.now().toString(36)}`;
const WEBHOOK_EXECUTIONS = Number(env.QUEUE_SMOKE_WEBHOOKS ?? 240);
const WEBHOOK_CONCURRENCY = 20;
const BULK_EVENTS = Number(env.QUEUE_SMOKE_BULK_EVENTS ?? 100_000);
const TRIGGER_BATCH = 25;
const TRIGGER_COLLECTION = 'queue-trigger';
const SAVED_QUERY = 'queue-trigger-count';
const WORKFLOWS = { webhook: 'keenQueue07', bulk: 'keenQueueBulk', newEvent: 'keenQueueNewEvent', saved: 'keenQueueSaved' };
const workerPorts = env.QUEUE_WORKER_PORTS.split(/\s+/).map(Number);
const WORKERS = [
	{ name: 'worker1', health: workerPorts[0], broker: workerPorts[1] },
	{ name: 'worker2', health: workerPorts[2], broker: workerPorts[3] },
];

const note = (text) => process.stderr.write(`   ${text}\n`);
const checks = [];
const check = (name, ok) => {
	checks.push({ name, ok });
	if (!ok) note(`CHECK FAILED: ${name}`);
};

/** Polls `probe` every `everyMs` until it returns a truthy value or `seconds` passed; returns the last value. */
async function waitFor(seconds, probe, everyMs = 1000) {
	const deadline = Date.now() + seconds * 1000;
	let value;
	while (!(value = await probe()) && Date.now() < deadline) await sleep(everyMs);
	return value;
}

// ---- PostgreSQL: n8n's executions and the workflows' static data

const db = new Client({ host: '127.0.0.1', port: Number(env.DB_POSTGRESDB_PORT), user: env.DB_POSTGRESDB_USER, database: env.DB_POSTGRESDB_DATABASE });
await db.connect();
const sql = async (text, values = []) => (await db.query(text, values)).rows;

async function executionStates(workflowId) {
	const rows = await sql(`SELECT status, count(*)::int AS n FROM execution_entity WHERE "workflowId" = $1 GROUP BY status`, [workflowId]);
	return Object.fromEntries(rows.map((row) => [row.status, row.n]));
}
const finished = (states) => Object.entries(states).filter(([status]) => !['new', 'running', 'waiting'].includes(status)).reduce((n, [, count]) => n + count, 0);

/** The items the first node (the trigger) of each successful execution of `workflowId` emitted, per execution. */
async function triggerOutputs(workflowId) {
	const rows = await sql(
		`SELECT e.id, d.data FROM execution_entity e JOIN execution_data d ON d."executionId" = e.id WHERE e."workflowId" = $1 AND e.status = 'success' ORDER BY e.id`,
		[workflowId],
	);
	return rows.map((row) => {
		const runData = parseFlatted(row.data).resultData.runData;
		const [, tasks] = Object.entries(runData)[0];
		return { id: Number(row.id), items: (tasks[0].data?.main?.[0] ?? []).map((item) => item.json) };
	});
}

// ---- n8n processes

const N8N_COMMON = { EXECUTIONS_MODE: 'queue', N8N_LOG_LEVEL: 'info' };
const processes = new Map();
let mainRuns = 0;

function savePids() {
	writeFileSync(join(env.QUEUE_DIR, 'n8n.pids'), [...processes.values()].map((p) => p.child.pid).join('\n') + '\n');
}

function startN8n(name, args, extraEnv) {
	const log = join(env.QUEUE_DIR, `${name}.log`);
	appendFileSync(log, `\n==== ${new Date().toISOString()} n8n ${args.join(' ')}\n`);
	const child = spawn(env.N8N, args, { env: { ...env, ...N8N_COMMON, ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
	child.stdout.on('data', (chunk) => appendFileSync(log, chunk));
	child.stderr.on('data', (chunk) => appendFileSync(log, chunk));
	const exited = new Promise((resolve) => child.once('exit', resolve));
	processes.set(name, { child, exited, log });
	savePids();
	return child;
}

async function stopN8n(name) {
	const entry = processes.get(name);
	if (!entry) return;
	entry.child.kill('SIGTERM');
	// n8n waits for running executions up to N8N_GRACEFUL_SHUTDOWN_TIMEOUT (30 s) before it exits.
	const stopped = await Promise.race([entry.exited.then(() => true), sleep(60_000).then(() => false)]);
	if (!stopped) entry.child.kill('SIGKILL');
	await entry.exited;
	processes.delete(name);
	savePids();
}

async function ready(port, name) {
	const ok = await waitFor(180, async () => {
		if (processes.get(name)?.child.exitCode !== null) return 'exited';
		try {
			return (await fetch(`http://127.0.0.1:${port}/healthz/readiness`)).ok;
		} catch {
			return false;
		}
	}, 500);
	if (ok !== true) throw new Error(`n8n ${name} did not get ready within 180 s (${ok === 'exited' ? 'it exited' : 'no answer'}); see ${processes.get(name)?.log ?? name}`);
}

/** n8n answers "ready" before it has activated the published workflows; a GET to a POST-only webhook tells. */
async function webhookRegistered(path) {
	try {
		return /POST request/.test(await (await fetch(`http://127.0.0.1:${env.N8N_PORT}/webhook/${path}`)).text());
	} catch {
		return false;
	}
}

async function startMain() {
	mainRuns++;
	startN8n('main', ['start'], { N8N_USER_FOLDER: join(env.QUEUE_DIR, 'main') });
	await ready(env.N8N_PORT, 'main');
	const active = await waitFor(180, async () => (await webhookRegistered('keen-signup')) && (await webhookRegistered('keen-bulk')));
	if (!active) throw new Error('main did not activate the webhooks within 180 s');
}

/** Execution ids each worker's log says it started ("Worker started execution 12 (job 3)"). */
function workerExecutions() {
	return Object.fromEntries(
		WORKERS.map((worker) => {
			const text = readFileSync(join(env.QUEUE_DIR, `${worker.name}.log`), 'utf8');
			return [worker.name, new Set([...text.matchAll(/Worker started execution (\d+)/g)].map((match) => Number(match[1])))];
		}),
	);
}

// ---- Keen (the local server)

async function keenApi(method, path, key, body) {
	const response = await fetch(`${keen.url}/3.0/projects/${keen.projectId}${path}`, {
		method,
		headers: { Authorization: key, 'Content-Type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const answer = await response.json();
	if (!response.ok) throw new Error(`Keen ${method} ${path} answered ${response.status}: ${JSON.stringify(answer)}`);
	return answer;
}
const query = async (analysis, body) => (await keenApi('POST', `/queries/${analysis}`, keen.readKey, { timeframe: 'this_1_days', ...body })).result;
const runFilter = (property, value) => [{ property_name: property, operator: 'eq', property_value: value }];

async function recordTriggerEvents(phase) {
	const events = Array.from({ length: TRIGGER_BATCH }, (_, i) => ({ tag: `${RUN}-${phase}-${i}`, phase }));
	await keenApi('POST', '/events', keen.writeKey, { [TRIGGER_COLLECTION]: events });
	return events.map((event) => event.tag);
}

// ---- Workflows

function workflow(id, name, nodes, connections = {}) {
	const credentials = { keenApi: { id: env.CREDENTIAL_ID, name: 'Keen account' } };
	return {
		id,
		name: `${name} (queue smoke)`,
		active: false,
		nodes: nodes.map((node, index) => ({ id: `${id}-${index}`, position: [index * 220, 0], ...node, ...(node.type.startsWith('n8n-nodes-keen') ? { credentials } : {}) })),
		connections,
		settings: { executionOrder: 'v1' },
	};
}
const chain = (...names) => Object.fromEntries(names.slice(0, -1).map((name, i) => [name, { main: [[{ node: names[i + 1], type: 'main', index: 0 }]] }]));
const everyMinute = { item: [{ mode: 'everyMinute' }] };

function workflows() {
	const example07 = JSON.parse(readFileSync(join(env.REPO, 'examples', '07-webhook-record.json'), 'utf8'));
	return [
		workflow(WORKFLOWS.webhook, example07.name, example07.nodes, example07.connections),
		workflow(
			WORKFLOWS.bulk,
			'Record Many, one big execution',
			[
				{ name: 'Bulk webhook', type: 'n8n-nodes-base.webhook', typeVersion: 2, parameters: { httpMethod: 'POST', path: 'keen-bulk', options: {} }, webhookId: 'keen-bulk' },
				{
					name: 'Make events',
					type: 'n8n-nodes-base.code',
					typeVersion: 2,
					parameters: { jsCode: 'const { count, run } = $input.first().json.body;\nreturn Array.from({ length: count }, (_, n) => ({ json: { n, run } }));' },
				},
				{
					name: 'Record them',
					type: 'n8n-nodes-keen.keen',
					typeVersion: 1,
					parameters: { resource: 'event', operation: 'recordMany', collection: { __rl: true, mode: 'name', value: 'queue-bulk' }, options: {} },
				},
			],
			chain('Bulk webhook', 'Make events', 'Record them'),
		),
		workflow(WORKFLOWS.newEvent, 'New events in queue-trigger', [
			{
				name: 'New event',
				type: 'n8n-nodes-keen.keenTrigger',
				typeVersion: 1,
				parameters: { pollTimes: everyMinute, event: 'newEvent', collection: { __rl: true, mode: 'name', value: TRIGGER_COLLECTION }, eventOptions: {} },
			},
		]),
		workflow(WORKFLOWS.saved, 'Count of queue-trigger changes', [
			{
				name: 'Count changed',
				type: 'n8n-nodes-keen.keenTrigger',
				typeVersion: 1,
				parameters: { pollTimes: everyMinute, event: 'savedQueryResult', savedQuery: { __rl: true, mode: 'name', value: SAVED_QUERY }, resultEmit: 'change', simplify: true },
			},
		]),
	];
}

async function importAndPublish() {
	const file = join(env.QUEUE_DIR, 'workflows.json');
	writeFileSync(file, JSON.stringify(workflows()));
	const cli = { env: { ...env, ...N8N_COMMON, N8N_USER_FOLDER: join(env.QUEUE_DIR, 'main') } };
	await execFileAsync(env.N8N, ['import:workflow', `--input=${file}`], cli);
	// One CLI start per workflow (publish:workflow takes one id); they run side by side.
	await Promise.all(Object.values(WORKFLOWS).map((id) => execFileAsync(env.N8N, ['publish:workflow', `--id=${id}`], cli)));
}

// ---- Scenarios

async function webhookLoad() {
	note(`${WEBHOOK_EXECUTIONS} POSTs to example 07's webhook, ${WEBHOOK_CONCURRENCY} at a time`);
	let next = 0;
	let answered = 0;
	const statuses = {};
	const lane = async () => {
		while (next < WEBHOOK_EXECUTIONS) {
			const i = next++;
			let status;
			try {
				const response = await fetch(`http://127.0.0.1:${env.N8N_PORT}/webhook/keen-signup`, {
					method: 'POST',
					headers: { 'Content-Type': 'application/json' },
					body: JSON.stringify({ user: { id: `user-${i}`, country: 'US' }, plan: 'pro', source: `${RUN}-${i}` }),
				});
				await response.text();
				status = response.status;
			} catch (error) {
				status = error.cause?.code ?? error.message;
			}
			statuses[status] = (statuses[status] ?? 0) + 1;
			if (status === 200) answered++;
		}
	};
	await Promise.all(Array.from({ length: WEBHOOK_CONCURRENCY }, lane));
	const states = await waitFor(300, async () => {
		const s = await executionStates(WORKFLOWS.webhook);
		return finished(s) >= WEBHOOK_EXECUTIONS ? s : undefined;
	});
	const ids = (await sql(`SELECT id FROM execution_entity WHERE "workflowId" = $1`, [WORKFLOWS.webhook])).map((row) => Number(row.id));
	const byWorker = workerExecutions();
	const perWorker = Object.fromEntries(Object.entries(byWorker).map(([name, set]) => [name, ids.filter((id) => set.has(id)).length]));
	const stored = await query('extraction', { event_collection: 'signups', filters: [{ property_name: 'source', operator: 'contains', property_value: `${RUN}-` }] });
	const sources = stored.map((event) => event.source);
	const unique = new Set(sources);
	const expected = Array.from({ length: WEBHOOK_EXECUTIONS }, (_, i) => `${RUN}-${i}`);
	const figures = {
		fired: WEBHOOK_EXECUTIONS,
		answered,
		statuses,
		executions: states ?? (await executionStates(WORKFLOWS.webhook)),
		perWorker,
		stored: sources.length,
		lost: expected.filter((source) => !unique.has(source)).length,
		duplicated: sources.length - unique.size,
	};
	check('every webhook call answered', answered === WEBHOOK_EXECUTIONS);
	check('every webhook execution succeeded', figures.executions.success === WEBHOOK_EXECUTIONS);
	check('every event stored, none lost', figures.lost === 0 && sources.length >= WEBHOOK_EXECUTIONS);
	check('no event stored twice', figures.duplicated === 0);
	check('both workers ran webhook executions', WORKERS.every((worker) => perWorker[worker.name] > 0));
	check('every webhook execution ran on a worker', Object.values(perWorker).reduce((a, b) => a + b, 0) === ids.length);
	return figures;
}

async function bulk() {
	note(`Record Many with ${BULK_EVENTS.toLocaleString('en')} events in one execution`);
	const started = Date.now();
	const response = await fetch(`http://127.0.0.1:${env.N8N_PORT}/webhook/keen-bulk`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify({ count: BULK_EVENTS, run: RUN }),
	});
	await response.text();
	const execution = await waitFor(900, async () => {
		const [row] = await sql(`SELECT id, status FROM execution_entity WHERE "workflowId" = $1 ORDER BY id DESC LIMIT 1`, [WORKFLOWS.bulk]);
		return row && !['new', 'running', 'waiting'].includes(row.status) ? row : undefined;
	}, 2000);
	const seconds = Math.round((Date.now() - started) / 1000);
	const filters = runFilter('run', RUN);
	const stored = await query('count', { event_collection: 'queue-bulk', filters });
	const unique = await query('count_unique', { event_collection: 'queue-bulk', target_property: 'n', filters });
	const id = execution ? Number(execution.id) : null;
	const worker = Object.entries(workerExecutions()).find(([, set]) => set.has(id))?.[0] ?? null;
	const figures = { events: BULK_EVENTS, status: execution?.status ?? 'not finished within 900 s', stored, unique, worker, seconds };
	check('the bulk execution succeeded', execution?.status === 'success');
	check('the bulk execution ran on a worker', worker !== null);
	check('every bulk event stored once', stored === BULK_EVENTS && unique === BULK_EVENTS);
	return figures;
}

/** Waits until the trigger executions hold every tag in `tags` and the saved query emitted `value`. */
async function triggerCaughtUp(tags, value, seconds) {
	return await waitFor(seconds, async () => {
		const emitted = new Set((await triggerOutputs(WORKFLOWS.newEvent)).flatMap((run) => run.items.map((item) => item.tag)));
		const values = (await triggerOutputs(WORKFLOWS.saved)).flatMap((run) => run.items.map((item) => item.value));
		return tags.every((tag) => emitted.has(tag)) && values.includes(value);
	}, 3000);
}

async function staticData() {
	const rows = await sql(`SELECT id, "staticData" FROM workflow_entity WHERE id = ANY($1)`, [[WORKFLOWS.newEvent, WORKFLOWS.saved]]);
	return Object.fromEntries(rows.map((row) => [row.id, row.staticData]));
}

async function triggerAcrossRestart() {
	note('Keen Trigger on main: New Event and Saved Query Result (on change), polled every minute, main restarted');
	const recorded = [];
	// Before the restart: a batch, then its emission by a regular poll.
	recorded.push(...(await recordTriggerEvents('before')));
	const before = await triggerCaughtUp(recorded, recorded.length, 150);
	check('events and the change before the restart emitted by a poll', Boolean(before));

	// A batch just before main stops, another while it is down: the poll at the next activation picks both up,
	// from the state main and the workers left in PostgreSQL.
	recorded.push(...(await recordTriggerEvents('stopping')));
	await stopN8n('main');
	const stateWhileDown = await staticData();
	recorded.push(...(await recordTriggerEvents('down')));
	await startMain();
	const afterRestart = await triggerCaughtUp(recorded, recorded.length, 150);
	check('events recorded around the restart emitted once main was back', Boolean(afterRestart));

	// After the restart: one more batch through a regular poll, which also re-reads the overlap window.
	recorded.push(...(await recordTriggerEvents('after')));
	const after = await triggerCaughtUp(recorded, recorded.length, 150);
	check('events after the restart emitted by a poll', Boolean(after));

	const newEventRuns = await triggerOutputs(WORKFLOWS.newEvent);
	const tags = newEventRuns.flatMap((run) => run.items.map((item) => item.tag)).filter((tag) => tag?.startsWith(`${RUN}-`));
	const unique = new Set(tags);
	const savedRuns = await triggerOutputs(WORKFLOWS.saved);
	const values = savedRuns.flatMap((run) => run.items.map((item) => item.value));
	const changes = values.filter((value, i) => i === 0 || value !== values[i - 1]).length;
	const figures = {
		recorded: recorded.length,
		newEvent: { executions: newEventRuns.length, emitted: tags.length, lost: recorded.filter((tag) => !unique.has(tag)).length, duplicated: tags.length - unique.size },
		savedQuery: { executions: savedRuns.length, emitted: values, duplicated: values.length - changes },
		mainStarts: mainRuns,
		staticDataInPostgres: Object.fromEntries(Object.entries(stateWhileDown).map(([id, data]) => [id, data !== null && Object.keys(data).length > 0])),
		triggerExecutionsOnWorkers: [...newEventRuns, ...savedRuns].every((run) => Object.values(workerExecutions()).some((set) => set.has(run.id))),
	};
	check('New Event: every event emitted', figures.newEvent.lost === 0);
	check('New Event: no event emitted twice', figures.newEvent.duplicated === 0);
	check('Saved Query Result: every change emitted once, never an unchanged result', figures.savedQuery.duplicated === 0 && values.at(-1) === recorded.length);
	check('the trigger state was in PostgreSQL while main was down', Object.values(figures.staticDataInPostgres).every(Boolean));
	return figures;
}

// ---- Main

const started = Date.now();
const figures = { run: RUN };
try {
	await keenApi('PUT', `/queries/saved/${SAVED_QUERY}`, keen.masterKey, {
		query: { analysis_type: 'count', event_collection: TRIGGER_COLLECTION, timeframe: 'this_1_days' },
		refresh_rate: 0,
	});
	for (const worker of WORKERS) {
		startN8n(worker.name, ['worker', '--concurrency=10'], {
			N8N_USER_FOLDER: join(env.QUEUE_DIR, worker.name),
			QUEUE_HEALTH_CHECK_ACTIVE: 'true',
			QUEUE_HEALTH_CHECK_PORT: String(worker.health),
			N8N_RUNNERS_BROKER_PORT: String(worker.broker),
		});
	}
	// The workers start while the workflows are imported; main starts once both are done.
	await importAndPublish();
	for (const worker of WORKERS) await ready(worker.health, worker.name);
	await startMain();
	figures.webhook = await webhookLoad();
	figures.bulk = await bulk();
	figures.trigger = await triggerAcrossRestart();
} catch (error) {
	check(`no error: ${error.message}`, false);
} finally {
	for (const name of [...processes.keys()]) await stopN8n(name);
	await db.end();
}
figures.seconds = Math.round((Date.now() - started) / 1000);
figures.failed = checks.filter((c) => !c.ok).map((c) => c.name);
figures.ok = checks.length > 0 && figures.failed.length === 0;
process.stdout.write(`${JSON.stringify(figures)}\n`);
process.exit(figures.ok ? 0 : 1);
