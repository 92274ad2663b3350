import { sleep, type IDataObject, type INodeProperties } from 'n8n-workflow';

import { datasetReadiness, nextPause, type DatasetReadiness } from '../../helpers/datasetStatus';
import { KeenInputError } from '../../helpers/errors';
import type { KeenPath } from '../../helpers/path';
import type { RunContext } from '../types';

/** Longest wait offered, so a workflow never hangs on a dataset that never finishes. */
const MAX_WAIT_SECONDS = 3_600;

/** "Wait Until Ready" and its maximum, for Create and Get Results. */
export function waitFields(description: string): INodeProperties[] {
	return [
		{
			displayName: 'Wait Until Ready',
			name: 'waitUntilReady',
			type: 'boolean',
			default: false,
			description,
		},
		{
			displayName: 'Max Wait (Seconds)',
			name: 'maxWaitSeconds',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: MAX_WAIT_SECONDS },
			default: 60,
			description: 'How long to wait at most for Keen to finish building the dataset',
			displayOptions: { show: { waitUntilReady: [true] } },
		},
	];
}

/** Seconds to wait (0 when not waiting), checked against the field's bounds. */
export function waitSeconds(params: IDataObject): number {
	if (params.waitUntilReady !== true) return 0;
	const seconds = Number(params.maxWaitSeconds);
	if (!Number.isFinite(seconds) || seconds < 1 || seconds > MAX_WAIT_SECONDS) {
		throw new KeenInputError(`Max Wait must be 1 to ${MAX_WAIT_SECONDS} seconds, got "${String(params.maxWaitSeconds)}"`, 'maxWaitSeconds', 'Enter how many seconds to wait at most, e.g. 60.');
	}
	return seconds;
}

/**
 * Reads the dataset's definition until it is ready, has failed, or `seconds` have passed (one
 * read when 0); pauses double from a quarter second, so a dataset ready soon is seen soon.
 */
export async function readDefinition(ctx: RunContext, path: KeenPath, seconds: number): Promise<{ definition: IDataObject; readiness: DatasetReadiness }> {
	const deadline = Date.now() + seconds * 1_000;
	let pause: number | undefined;
	for (;;) {
		const definition = ((await ctx.request({ method: 'GET', path })) ?? {}) as IDataObject;
		const readiness = datasetReadiness(definition);
		const remaining = deadline - Date.now();
		if (readiness.ready || readiness.failed || remaining <= 0) return { definition, readiness };
		pause = nextPause(pause, remaining);
		await sleep(pause);
	}
}
