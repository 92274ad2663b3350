/** Engine floor: ITEMS input items through the harness to a node that sends nothing (lib/floorNode.ts). */
import { cleanupN8n } from '../lib/n8n-env';

import { runNode } from '../../test/harness';
import { intEnv, rssMB, runCase, timed } from '../lib/case';
import { assertSucceeded, keenNodeAndCredential, nodeExecutionMs } from '../lib/engine';
import { makeEvents } from '../lib/events';
import { EngineFloor } from '../lib/floorNode';
import { warmUp } from '../lib/warmUp';

runCase(async () => {
	const items = intEnv('ITEMS', 100_000);
	const run = (input: ReturnType<typeof makeEvents>) =>
		runNode({ node: new EngineFloor(), credentialType: keenNodeAndCredential().credentialType, credentials: {}, parameters: {}, items: input, scanForSecrets: false });
	const rssBaseMB = await warmUp(run, items);
	const events = makeEvents(items);
	const rssBeforeMB = rssMB();
	const { value: result, wallMs } = await timed(() => run(events));
	assertSucceeded(result, items);
	return {
		case: 'floor',
		label: 'Engine floor: same items, a node that sends nothing',
		items,
		requests: 0,
		wallMs,
		rssBeforeMB,
		notes: { rssBaseMB: Math.round(rssBaseMB), nodeExecutionMs: nodeExecutionMs(result), workflowWallMs: Math.round(wallMs) },
	};
}, cleanupN8n);
