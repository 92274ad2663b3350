/**
 * n8n helper ceiling: the raw ceiling's batches sent from inside n8n (lib/helperCeilingNode.ts),
 * ITEMS input items that already carry the keen properties, through n8n-core's WorkflowExecute.
 */
import { cleanupN8n } from '../lib/n8n-env';

import { runNode } from '../../test/harness';
import { control, intEnv, rssMB, runCase, serverInfo, timed } from '../lib/case';
import { assertSucceeded, credentialsFor, executionCpu, keenNodeAndCredential, nodeExecutionMs } from '../lib/engine';
import { makeEvents, withKeenProperties, type BenchEvent } from '../lib/events';
import { HelperCeiling } from '../lib/helperCeilingNode';
import { COLLECTION, batching } from '../lib/settings';
import { coldStart, warmUp } from '../lib/warmUp';

runCase(async () => {
	const server = serverInfo();
	const items = intEnv('ITEMS', 100_000);
	const { batchSize, concurrency } = batching(intEnv);
	const node = new HelperCeiling();
	const executionCpuMs = executionCpu(node);
	const run = (input: BenchEvent[]) =>
		runNode({
			node,
			credentialType: keenNodeAndCredential().credentialType,
			credentials: credentialsFor(server),
			parameters: { collection: COLLECTION, batchSize, concurrency },
			items: input,
			scanForSecrets: false,
		});
	const rssBaseMB = await warmUp((input, first) => run(withKeenProperties(input, first)), items);
	const events = withKeenProperties(makeEvents(items));
	await control({ cmd: 'dropCollection', collection: COLLECTION });
	await control({ cmd: 'clear' });
	const rssBeforeMB = rssMB();
	executionCpuMs.reset();

	const { value: result, wallMs, cpuMs } = await timed(() => run(events));
	const stats = await control({ cmd: 'stats', collection: COLLECTION });
	assertSucceeded(result, items);
	if (stats.events !== items) throw new Error(`The server stored ${stats.events} events, expected ${items}`);
	return {
		case: 'helper',
		label: `n8n helper ceiling: the raw ceiling's batches sent from inside n8n${coldStart() ? ', first run of a fresh process' : ''}`,
		items,
		requests: stats.requests,
		wallMs: nodeExecutionMs(result),
		rssBeforeMB,
		notes: { rssBaseMB: Math.round(rssBaseMB), batchSize, concurrency, workflowWallMs: Math.round(wallMs), executionCpuMs: executionCpuMs.ms(), workflowCpuMs: Math.round(cpuMs), serverCpuMs: stats.cpuMs, failedRequests: stats.failedRequests },
	};
}, cleanupN8n);
