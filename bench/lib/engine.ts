/** Running a node through the harness (n8n-core's WorkflowExecute) and reading what n8n measured. */
import { join } from 'node:path';

import type { IDataObject, IExecuteFunctions, INodeParameters, INodeType } from 'n8n-workflow';

import { cpuMs, narrowTimedWindow } from './case';
import { keenCredentials, runPoll, type RunNodeOptions, type RunNodeResult } from '../../test/harness';
import type { ServerInfo } from './protocol';

const ROOT = join(__dirname, '..', '..');

/**
 * n8n's own executionTime of the node under test (ms): the last node of the harness's chain to run.
 * A profile of the case (bench/profile.ts) then covers that node's execution only.
 */
export function nodeExecutionMs(result: RunNodeResult): number {
	const runData = result.run.data.resultData.runData;
	const names = Object.keys(runData);
	const task = runData[names[names.length - 1]]?.[0];
	if (!task) throw new Error('No run data for the node under test');
	narrowTimedWindow(task.startTime, task.executionTime);
	return task.executionTime;
}

/**
 * Adds up this process's CPU time (all its threads: V8's compiler and GC helpers too) while `node`
 * executes, from the last reset on: the node's own cost, without the harness around it.
 */
export function executionCpu(under: RunNodeOptions['node']): { reset(): void; ms(): number } {
	const node = under as INodeType | undefined;
	const execute = node?.execute;
	if (!node || !execute) throw new Error('The node has no execute method');
	let total = 0;
	node.execute = async function (this: IExecuteFunctions) {
		const before = process.cpuUsage();
		try {
			return await execute.call(this);
		} finally {
			total += cpuMs(process.cpuUsage(before));
		}
	};
	return {
		reset: () => (total = 0),
		ms: () => Math.round(total),
	};
}

export function assertSucceeded(result: RunNodeResult, expectedItems: number): void {
	if (result.status !== 'success' || result.error) {
		throw new Error(`The workflow did not succeed: ${result.status} ${result.error?.message ?? ''} ${result.error?.description ?? ''}`);
	}
	if (result.items.length !== expectedItems) throw new Error(`${result.items.length} output items, expected ${expectedItems}`);
}

/**
 * The nodes and credential, loaded by their .ts file names: outside jest, Node resolves
 * `nodes/Keen/Keen.node` to the codex Keen.node.json (.json before ts-node's .ts), which is
 * what the harness's default import gets there.
 */
export function keenNodeAndCredential(): Pick<RunNodeOptions, 'node' | 'credentialType'> {
	const { Keen } = require(join(ROOT, 'nodes', 'Keen', 'Keen.node.ts')) as typeof import('../../nodes/Keen/Keen.node');
	const { KeenApi } = require(join(ROOT, 'credentials', 'KeenApi.credentials.ts')) as typeof import('../../credentials/KeenApi.credentials');
	return { node: new Keen(), credentialType: new KeenApi() };
}

export function keenTrigger(): INodeType {
	const { KeenTrigger } = require(join(ROOT, 'nodes', 'KeenTrigger', 'KeenTrigger.node.ts')) as typeof import('../../nodes/KeenTrigger/KeenTrigger.node');
	return new KeenTrigger();
}

/** The credential's data as the harness takes it (a plain record). */
export function credentialsFor(server: ServerInfo): Record<string, unknown> {
	return { ...keenCredentials(server) };
}

/** One poll of Keen Trigger → New Event on `collection` (n8n-core's PollContext), in trigger mode, from `staticData`. */
export function pollNewEvent(server: ServerInfo, collection: string, eventOptions: INodeParameters, staticData?: IDataObject): ReturnType<typeof runPoll> {
	return runPoll({
		node: keenTrigger(),
		credentialType: keenNodeAndCredential().credentialType,
		credentials: credentialsFor(server),
		parameters: { event: 'newEvent', collection: { __rl: true, mode: 'name', value: collection }, eventOptions },
		staticData,
		mode: 'trigger',
	});
}
