/** Per-item baseline: the same events, one POST each with n8n's HTTP helper, through the engine. */
import { cleanupN8n } from '../lib/n8n-env';

import { runNode } from '../../test/harness';
import { control, intEnv, rssMB, runCase, serverInfo, timed } from '../lib/case';
import { assertSucceeded, keenNodeAndCredential, nodeExecutionMs } from '../lib/engine';
import { makeEvents } from '../lib/events';
import { PerItemPost } from '../lib/perItemNode';
import { COLLECTION } from '../lib/settings';
import { warmUp } from '../lib/warmUp';

runCase(async () => {
	const server = serverInfo();
	const items = intEnv('ITEMS', 100_000);
	const lanes = intEnv('LANES', 1);
	const events = makeEvents(items);
	const run = (input: typeof events) =>
		runNode({
			node: new PerItemPost(),
			// The credential is unused (the key goes in a header, as in an HTTP Request set-up); the harness wants one.
			credentialType: keenNodeAndCredential().credentialType,
			credentials: {},
			parameters: { url: `${server.url}/3.0/projects/${server.projectId}/events/${COLLECTION}`, authorization: server.writeKey, lanes },
			items: input,
			scanForSecrets: false,
		});
	await warmUp(run, items);
	await control({ cmd: 'dropCollection', collection: COLLECTION });
	await control({ cmd: 'clear' });
	const rssBeforeMB = rssMB();

	const { value: result, wallMs } = await timed(() => run(events));
	const stats = await control({ cmd: 'stats', collection: COLLECTION });
	assertSucceeded(result, items);
	if (stats.events !== items) throw new Error(`The server stored ${stats.events} events, expected ${items}`);
	const nodeMs = nodeExecutionMs(result);
	return {
		case: lanes === 1 ? 'per-item' : `per-item-${lanes}`,
		label: lanes === 1 ? 'Per-item: httpRequest, one at a time' : `Per-item: httpRequest, ${lanes} in flight`,
		items,
		requests: stats.requests,
		wallMs: nodeMs,
		rssBeforeMB,
		notes: { lanes, workflowWallMs: Math.round(wallMs), nodeExecutionMs: nodeMs, failedRequests: stats.failedRequests },
	};
}, cleanupN8n);
