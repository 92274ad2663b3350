/**
 * The node: Event → Record Many (or Record, with OPERATION=record) through n8n-core's
 * WorkflowExecute, ITEMS input items, default options unless BATCH_SIZE / CONCURRENCY are set.
 */
import { cleanupN8n } from '../lib/n8n-env';

import { runNode } from '../../test/harness';
import { control, intEnv, rssMB, runCase, serverInfo, timed } from '../lib/case';
import { assertSucceeded, credentialsFor, executionCpu, keenNodeAndCredential, nodeExecutionMs } from '../lib/engine';
import { makeEvents } from '../lib/events';
import { COLLECTION, batching } from '../lib/settings';
import { coldStart, warmUp } from '../lib/warmUp';

runCase(async () => {
	const server = serverInfo();
	const items = intEnv('ITEMS', 100_000);
	const operation = process.env.OPERATION === 'record' ? 'record' : 'recordMany';
	const { batchSize, concurrency, defaults } = batching(intEnv);
	const keen = keenNodeAndCredential();
	const executionCpuMs = executionCpu(keen.node);
	const parameters = {
		resource: 'event',
		operation,
		collection: { __rl: true, mode: 'name', value: COLLECTION },
		options: defaults ? {} : { batchSize, concurrency },
	};
	const rssBaseMB = await warmUp((input) => runNode({ ...keen, credentials: credentialsFor(server), parameters, items: input, scanForSecrets: false }), items);
	const events = makeEvents(items);
	await control({ cmd: 'dropCollection', collection: COLLECTION });
	await control({ cmd: 'clear' });
	const rssBeforeMB = rssMB();
	executionCpuMs.reset();

	const { value: result, wallMs, cpuMs } = await timed(() => runNode({ ...keen, credentials: credentialsFor(server), parameters, items: events, scanForSecrets: false }));
	const stats = await control({ cmd: 'stats', collection: COLLECTION });
	assertSucceeded(result, items);
	if (stats.events !== items) throw new Error(`The server stored ${stats.events} events, expected ${items}`);
	if (operation === 'record' && stats.requests * 10 > items) throw new Error(`Record sent ${stats.requests} requests for ${items} items: not batched`);
	const nodeMs = nodeExecutionMs(result);
	const name = operation === 'record' ? 'Record' : 'Record Many';
	return {
		case: operation === 'record' ? 'record' : 'node',
		label: `Node: Event → ${name}${defaults ? '' : ` (${batchSize}/request × ${concurrency})`}${coldStart() ? ', first run of a fresh process' : ''}`,
		items,
		requests: stats.requests,
		wallMs: nodeMs,
		rssBeforeMB,
		notes: { rssBaseMB: Math.round(rssBaseMB), batchSize, concurrency, workflowWallMs: Math.round(wallMs), nodeExecutionMs: nodeMs, executionCpuMs: executionCpuMs.ms(), workflowCpuMs: Math.round(cpuMs), serverCpuMs: stats.cpuMs, failedRequests: stats.failedRequests },
	};
}, cleanupN8n);
