import './demo-env';

import { basename, resolve } from 'node:path';

import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { KeenApi } from '../credentials/KeenApi.credentials';
import { keenCredentials, runNode, runPoll, shutdownN8nCore, type KeenCredentialData } from '../test/harness';
import { removeN8nUserFolder } from '../test/harness/test-env';
import { startKeenServer, type KeenServer } from '../test/keen-server';
import { renderDemoCharts } from './demo-charts';
import { formatTable } from './demo-table';
import { KEEN_NODE_TYPE, KEEN_TRIGGER_TYPE, loadExample, nodeOfType } from './workflows';

/*
 * `npm run demo`: the workflows of examples/ through n8n's real engine (n8n-core's WorkflowExecute
 * and PollContext, via test/harness), against the local Keen server or, with KEEN_PROJECT_ID set,
 * a real Keen project. Only the Keen nodes run in n8n; what the other nodes of an example would
 * hand them (Code, Schedule Trigger, Webhook) is made here, and each step says so.
 */

export interface DemoStep {
	title: string;
	/** The example workflow the step runs, if it runs one; the other steps set their parameters here. */
	example?: string;
	/** What was simulated instead of run by n8n, if anything. */
	simulated?: string;
	/** Tables of the step: a caption and its rows. */
	tables: Array<{ caption: string; rows: IDataObject[]; columns?: string[]; maxWidth?: number }>;
	/** Set when the step failed. */
	error?: string;
}

export interface DemoOptions {
	credentials: KeenCredentialData;
	/** Called with each finished step, e.g. to print it while the next one runs. */
	onStep?: (step: DemoStep) => void;
	/** Pause after recording, for Keen's ingestion delay (a real project needs about 10–20 s). */
	settleMs?: number;
	/** Where the chart step writes its PNG and SVG files; default demo-output/ in the working directory. */
	chartDirectory?: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function keenParameters(file: string): INodeParameters {
	return nodeOfType(loadExample(file), KEEN_NODE_TYPE).parameters;
}

/*
 * With the .ts extension spelled out: a plain '…/Keen.node' makes Node pick the codex file
 * Keen.node.json before ts-node's .ts (require tries .js and .json first).
 */
const { Keen } = require('../nodes/Keen/Keen.node.ts') as typeof import('../nodes/Keen/Keen.node');
const { KeenTrigger } = require('../nodes/KeenTrigger/KeenTrigger.node.ts') as typeof import('../nodes/KeenTrigger/KeenTrigger.node');
const ENGINE_TYPES = { node: new Keen(), credentialType: new KeenApi() };

const json = (items: INodeExecutionData[]) => items.map((item) => item.json);

/** Runs the Keen node with these parameters (or an example's) through the engine; a failed run throws with n8n's message. */
async function runKeen(credentials: KeenCredentialData, file: string | INodeParameters, items: IDataObject[] = [{}]): Promise<INodeExecutionData[]> {
	const parameters = typeof file === 'string' ? keenParameters(file) : file;
	const result = await runNode({ ...ENGINE_TYPES, credentials: { ...credentials }, parameters, items });
	if (result.status !== 'success') throw new Error(result.error?.message ?? `the workflow ended with status ${result.status}`);
	return result.items;
}

/** Polls the Keen Trigger with these parameters, from this state; what it emitted and its new state. */
async function pollTrigger(credentials: KeenCredentialData, parameters: INodeParameters, staticData?: IDataObject) {
	const poll = await runPoll({ node: new KeenTrigger(), credentialType: ENGINE_TYPES.credentialType, credentials: { ...credentials }, parameters, staticData });
	return { emitted: poll.result ? json(poll.result[0]) : [], staticData: poll.staticData };
}

const byName = (value: string) => ({ __rl: true, mode: 'name', value });

/** The trigger's polls before and after these events are recorded into the collection, and once more. */
async function pollsAroundRecording(credentials: KeenCredentialData, settleMs: number, parameters: INodeParameters, collection: string, events: IDataObject[]) {
	const first = await pollTrigger(credentials, parameters);
	await runKeen(credentials, { resource: 'event', operation: 'record', collection: byName(collection), options: { output: 'summary' } }, events);
	if (settleMs > 0) await sleep(settleMs);
	const second = await pollTrigger(credentials, parameters, first.staticData);
	const third = await pollTrigger(credentials, parameters, second.staticData);
	return [first.emitted, second.emitted, third.emitted];
}

/**
 * The Code node's JavaScript of example 01, run with plain Node.js (n8n would run it in its task
 * runner). It uses no n8n variables, so the result is the same.
 */
function runCodeNode(file: string): IDataObject[] {
	const code = String(nodeOfType(loadExample(file), 'n8n-nodes-base.code').parameters.jsCode);
	const output = new Function(code)() as Array<{ json: IDataObject }>;
	return output.map((item) => item.json);
}

type StepBody = (credentials: KeenCredentialData, settleMs: number, options: DemoOptions) => Promise<Omit<DemoStep, 'title' | 'example' | 'error'>>;

const STEPS: Array<{ title: string; example?: string; run: StepBody }> = [
	{
		title: 'Record a batch of sample events (Event → Record Many)',
		example: '01-record-sample-events.json',
		run: async (credentials, settleMs) => {
			const events = runCodeNode('01-record-sample-events.json');
			const output = json(await runKeen(credentials, '01-record-sample-events.json', events));
			if (settleMs > 0) await sleep(settleMs);
			// One output item per event: summed up per collection, with the first few items as they are.
			const perCollection = new Map<string, { collection: string; events: number; recorded: number }>();
			events.forEach((item, index) => {
				const collection = String(item.collection);
				const row = perCollection.get(collection) ?? { collection, events: 0, recorded: 0 };
				row.events++;
				if (output[index]?.created === true) row.recorded++;
				perCollection.set(collection, row);
			});
			return {
				simulated: "the Code node's JavaScript ran in plain Node.js; its output items went into the Keen node run by n8n's engine",
				tables: [
					{ caption: 'Events made by the Code node, and how many the Keen node recorded', rows: [...perCollection.values()] },
					{ caption: 'Keen node output (first items)', rows: output.slice(0, 3) },
				],
			};
		},
	},
	{
		title: 'Purchases per day and country (Query → Count, interval daily, group by country)',
		example: '02-daily-counts.json',
		run: async (credentials) => {
			const output = await runKeen(credentials, '02-daily-counts.json', [{ timestamp: new Date().toISOString() }]);
			// Only days and countries with purchases, to keep the table short.
			const rows = json(output).filter((row) => Number(row.value) > 0);
			return { simulated: "the Schedule Trigger's item", tables: [{ caption: 'One row per day and country (days with purchases)', rows }] };
		},
	},
	{
		title: '90th percentile of order value (Query → Percentile)',
		example: '03-percentile.json',
		run: async (credentials) => ({ tables: [{ caption: 'Keen node output', rows: json(await runKeen(credentials, '03-percentile.json')) }] }),
	},
	{
		title: 'Pricing page → signup → purchase (Query → Funnel)',
		example: '04-funnel.json',
		run: async (credentials) => ({ tables: [{ caption: 'One row per step', rows: json(await runKeen(credentials, '04-funnel.json')) }] }),
	},
	{
		title: 'Save a query, then poll it with the Keen Trigger (Saved Query Result)',
		example: '05-saved-query-trigger.json',
		run: async (credentials) => {
			const saved = await runKeen(credentials, '05-saved-query-trigger.json');
			const parameters = nodeOfType(loadExample('05-saved-query-trigger.json'), KEEN_TRIGGER_TYPE).parameters;
			const first = await pollTrigger(credentials, parameters);
			const second = await pollTrigger(credentials, parameters, first.staticData);
			return {
				tables: [
					{ caption: 'Saved query created', rows: json(saved), columns: ['query_name', 'refresh_rate', 'query.analysis_type', 'query.event_collection', 'query.target_property', 'query.group_by'] },
					{ caption: 'Trigger, first poll: emits the result', rows: first.emitted },
					{ caption: 'Trigger, second poll: result unchanged, nothing emitted', rows: second.emitted },
				],
			};
		},
	},
	{
		title: "Last week's purchases as a CSV file (Extraction → Extract to CSV)",
		example: '06-extract-to-csv.json',
		run: async (credentials) => {
			const [item] = await runKeen(credentials, '06-extract-to-csv.json');
			const binary = item.binary?.data;
			const csv = binary ? Buffer.from(binary.data, 'base64').toString('utf8') : '';
			const [header, ...lines] = csv.split('\r\n').filter((line) => line !== '');
			const columns = header ? header.split(',') : [];
			const rows = lines.map((line) => Object.fromEntries(line.split(',').map((cell, index) => [columns[index], cell])));
			return {
				tables: [
					{ caption: 'Keen node output (JSON part)', rows: [{ ...item.json, mimeType: binary?.mimeType, fileSize: binary?.fileSize }] },
					{ caption: `The CSV file in binary field "data" (${lines.length} rows; no quoted commas in this data)`, rows },
				],
			};
		},
	},
	{
		title: 'Record each webhook call as an event (Webhook → Event → Record)',
		example: '07-webhook-record.json',
		run: async (credentials) => {
			const call = {
				headers: { 'content-type': 'application/json' },
				params: {},
				query: {},
				body: { user: { id: 'user-041', country: 'US' }, country: 'US', plan: 'pro', source: 'webhook' },
				webhookUrl: 'http://localhost:5678/webhook/keen-signup',
				executionMode: 'production',
			};
			return {
				simulated: 'the Webhook node\'s item for POST /webhook/keen-signup with a JSON body',
				tables: [
					{ caption: 'Webhook body', rows: [call.body] },
					{ caption: 'Keen node output: the event as stored', rows: json(await runKeen(credentials, '07-webhook-record.json', [call])) },
				],
			};
		},
	},
	{
		title: 'Every chart kind, light and dark, as PNG and SVG files (Chart → Render)',
		example: '09-chart-report.json',
		run: async (credentials, _settleMs, options) => {
			const directory = options.chartDirectory ?? 'demo-output';
			const files = await renderDemoCharts(async (parameters, items) => await runKeen(credentials, parameters, items), directory);
			return {
				simulated: "the Schedule Trigger's item; Slack and Send Email are disabled in the example and not run",
				tables: [{ caption: `Chart files written to ${resolve(directory)}`, rows: files.map(({ file, ...row }) => ({ ...row, file: basename(file) })) }],
			};
		},
	},
	{
		title: 'Collections and their properties (Collection → Get Many, Get Property)',
		run: async (credentials) => {
			const collections = json(await runKeen(credentials, { resource: 'collection', operation: 'getAll', returnAll: true }));
			const property = json(await runKeen(credentials, { resource: 'collection', operation: 'getProperty', collection: byName('purchases'), propertyName: 'price' }));
			return {
				tables: [
					{ caption: 'One item per collection', rows: collections.map((row) => ({ name: row.name, properties: Object.keys((row.properties ?? {}) as IDataObject).length })) },
					{ caption: 'The type of purchases → price', rows: property, columns: ['property_name', 'type'] },
				],
			};
		},
	},
	{
		title: 'US purchases over $20 (Query → Sum with filters)',
		run: async (credentials) => {
			const filter = (propertyName: string, operator: string, value: string) => ({ propertyName, operator, value, valueType: 'auto' });
			const parameters: INodeParameters = {
				resource: 'query',
				operation: 'sum',
				collection: byName('purchases'),
				targetProperty: 'price',
				relativeTimeframe: 'this_7_days',
				filters: { filter: [filter('country', 'eq', 'US'), filter('price', 'gt', '20')] },
			};
			return { tables: [{ caption: 'Revenue of the matching purchases', rows: json(await runKeen(credentials, parameters)) }] };
		},
	},
	{
		title: 'A cached dataset of daily revenue per country (Cached Dataset → Create, Get Results)',
		run: async (credentials) => {
			const definition = {
				resource: 'cachedDataset',
				operation: 'create',
				datasetName: 'demo-daily-revenue',
				collection: byName('purchases'),
				analysisType: 'sum',
				targetProperty: 'price',
				timeframe: 'this_7_days',
				interval: 'daily',
				indexBy: 'country',
			};
			const created = json(await runKeen(credentials, definition));
			const results = json(await runKeen(credentials, { resource: 'cachedDataset', operation: 'getResults', dataset: byName('demo-daily-revenue'), indexValue: 'US', timeframe: 'this_7_days' }));
			return {
				tables: [
					{ caption: 'Dataset created', rows: created, columns: ['dataset_name', 'index_by', 'query.analysis_type', 'query.interval'] },
					{ caption: 'Its results for country US, one row per day', rows: results },
				],
			};
		},
	},
	{
		title: 'A key for a dashboard that may only query (Access Key → Create, Revoke, Delete)',
		run: async (credentials) => {
			const [created] = json(await runKeen(credentials, { resource: 'accessKey', operation: 'create', keyName: 'demo-dashboard', permitted: ['queries'] }));
			const key = byName(String(created.key));
			const revoked = json(await runKeen(credentials, { resource: 'accessKey', operation: 'revoke', accessKey: key }));
			const deleted = json(await runKeen(credentials, { resource: 'accessKey', operation: 'delete', accessKey: key }));
			// The key itself is left out of the table: it is a secret of its own.
			const columns = ['name', 'permitted', 'is_active'];
			return {
				tables: [
					{ caption: 'Created', rows: [created], columns },
					{ caption: 'Revoked', rows: revoked, columns },
					{ caption: 'Deleted', rows: deleted },
				],
			};
		},
	},
	{
		title: "The organization's projects (Project → Get Many)",
		run: async (credentials) => {
			// Projects are the organization's: without its key (many users have none) the step says so instead of failing.
			if (!credentials.organizationId || !credentials.organizationApiKey) {
				return { tables: [{ caption: 'Skipped: set KEEN_ORGANIZATION_ID and KEEN_ORGANIZATION_KEY to list the projects', rows: [] }] };
			}
			const projects = json(await runKeen(credentials, { resource: 'project', operation: 'getAll', returnAll: true }));
			return { tables: [{ caption: 'One item per project', rows: projects, columns: ['id', 'name'] }] };
		},
	},
	{
		title: 'New trials as they start (Keen Trigger → New Event)',
		run: async (credentials, settleMs) => {
			const trials = [{ user: { id: 'user-101' }, plan: 'team' }, { user: { id: 'user-102' }, plan: 'pro' }];
			const parameters: INodeParameters = { event: 'newEvent', collection: byName('trial_starts') };
			const [first, second, third] = await pollsAroundRecording(credentials, settleMs, parameters, 'trial_starts', trials);
			return {
				tables: [
					{ caption: 'First poll: starts from now, emits nothing', rows: first },
					{ caption: 'Second poll, after two trials were recorded: emits each once', rows: second, columns: ['user.id', 'plan', 'keen.timestamp'] },
					{ caption: 'Third poll: nothing new', rows: third },
				],
			};
		},
	},
	{
		title: 'Alert when errors pass a threshold (Keen Trigger → Metric Threshold)',
		run: async (credentials, settleMs) => {
			const parameters: INodeParameters = {
				event: 'metricThreshold',
				collection: byName('app_errors'),
				analysisType: 'count',
				relativeTimeframe: 'this_1_hours',
				threshold: 2,
				direction: 'above',
				thresholdEmit: 'crossing',
			};
			const errors = [{ code: 500 }, { code: 502 }, { code: 500 }];
			const [first, second, third] = await pollsAroundRecording(credentials, settleMs, parameters, 'app_errors', errors);
			return {
				tables: [
					{ caption: 'First poll: 0 errors this hour, below 2, nothing emitted', rows: first },
					{ caption: 'Second poll, after 3 errors were recorded: crossed above 2, emitted once', rows: second },
					{ caption: 'Third poll: still above, not emitted again', rows: third },
				],
			};
		},
	},
	{
		title: 'A clear error: an event whose property name has a dot (Event → Record)',
		run: async (credentials) => {
			const parameters: INodeParameters = { resource: 'event', operation: 'record', collection: byName('signups') };
			const result = await runNode({ ...ENGINE_TYPES, credentials: { ...credentials }, parameters, items: [{ 'user.id': 'user-103', plan: 'pro' }] });
			if (result.status !== 'error' || !result.error) throw new Error('the bad event was not refused');
			const { message, description } = result.error as Error & { description?: string };
			const rows = [{ message, hint: description }];
			return { tables: [{ caption: 'n8n stops the node with this error; nothing was sent to Keen', rows, columns: ['message', 'hint'], maxWidth: 160 }] };
		},
	},
];

/** Runs every step, also after a failed one; the caller decides the exit code from `error`. */
export async function runDemo(options: DemoOptions): Promise<DemoStep[]> {
	const steps: DemoStep[] = [];
	for (const { title, example, run } of STEPS) {
		let step: DemoStep;
		try {
			step = { title, example, ...(await run(options.credentials, options.settleMs ?? 0, options)) };
		} catch (error) {
			step = { title, example, tables: [], error: (error as Error).message };
		}
		steps.push(step);
		options.onStep?.(step);
	}
	return steps;
}

export function formatStep(step: DemoStep, index: number): string {
	const lines = [`\n${index + 1}. ${step.title}`];
	if (step.example) lines.push(`   examples/${step.example}`);
	if (step.simulated) lines.push(`   Simulated outside n8n: ${step.simulated}.`);
	for (const table of step.tables) lines.push(`\n   ${table.caption}:`, formatTable(table.rows, { columns: table.columns, maxWidth: table.maxWidth }));
	lines.push(step.error ? `\n   FAILED: ${step.error}` : '\n   ok');
	return lines.join('\n');
}

/** A real Keen project from the environment, when KEEN_PROJECT_ID is set (README, "Demo"). */
function credentialsFromEnv(env: NodeJS.ProcessEnv): KeenCredentialData | undefined {
	if (!env.KEEN_PROJECT_ID) return undefined;
	return {
		baseUrl: env.KEEN_API_URL ?? 'https://api.keen.io',
		projectId: env.KEEN_PROJECT_ID,
		masterApiKey: env.KEEN_MASTER_KEY ?? '',
		writeApiKey: env.KEEN_WRITE_KEY ?? '',
		readApiKey: env.KEEN_READ_KEY ?? '',
		organizationId: env.KEEN_ORGANIZATION_ID ?? '',
		organizationApiKey: env.KEEN_ORGANIZATION_KEY ?? '',
	};
}

async function main(): Promise<number> {
	const fromEnv = credentialsFromEnv(process.env);
	let server: KeenServer | undefined;
	let credentials: KeenCredentialData;
	if (fromEnv) {
		credentials = fromEnv;
		process.stdout.write(`Keen demo against the Keen project ${fromEnv.projectId} at ${fromEnv.baseUrl}\n`);
	} else {
		server = await startKeenServer({ port: 0, host: '127.0.0.1' });
		credentials = keenCredentials(server);
		process.stdout.write(`Keen demo against the local Keen server at ${server.url} (no Keen account, no network)\n`);
	}
	process.stdout.write("Each step runs the Keen node of an example workflow through n8n's engine (n8n-core's WorkflowExecute / PollContext).\n");
	const settleSeconds = Number(process.env.KEEN_DEMO_SETTLE_SECONDS ?? (fromEnv ? 20 : 0));
	let index = 0;
	try {
		const steps = await runDemo({ credentials, settleMs: settleSeconds * 1000, onStep: (step) => process.stdout.write(`${formatStep(step, index++)}\n`) });
		const failed = steps.filter((step) => step.error);
		process.stdout.write(`\n${steps.length - failed.length} of ${steps.length} steps ok.\n`);
		return failed.length ? 1 : 0;
	} finally {
		await server?.close();
		shutdownN8nCore();
		removeN8nUserFolder();
	}
}

if (require.main === module) {
	main().then(
		(code) => process.exit(code),
		(error: Error) => {
			process.stderr.write(`demo: ${error.message}\n`);
			process.exit(1);
		},
	);
}
