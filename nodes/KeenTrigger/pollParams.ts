import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { DEFAULT_RETRY_POLICY, type RetryPolicy } from '../Keen/transport/retry';
import { triggerProperties, type TriggerEvent } from './description';

/** The retry policy from the Request Options collection, as the Keen node reads it. */
export function retryPolicyFrom(options: IDataObject | undefined): RetryPolicy {
	const set = options ?? {};
	return {
		maxRetries: Number(set.maxRetries ?? DEFAULT_RETRY_POLICY.maxRetries),
		baseDelayMs: Number(set.retryDelay ?? DEFAULT_RETRY_POLICY.baseDelayMs),
		maxDelayMs: DEFAULT_RETRY_POLICY.maxDelayMs,
		timeoutMs: Number(set.timeout ?? DEFAULT_RETRY_POLICY.timeoutMs),
	};
}

function findField(properties: INodeProperties[], name: string): INodeProperties | undefined {
	for (const property of properties) {
		if (property.name === name) return property;
		const nested = findField((property.options ?? []).filter((o): o is INodeProperties => 'displayName' in o), name);
		if (nested) return nested;
	}
	return undefined;
}

/** The label a user sees for a parameter (also inside Options collections), for error messages. */
export function fieldDisplayName(name: string): string {
	return findField(triggerProperties, name)?.displayName ?? name;
}

/** The top-level fields shown for an event: the ones a poll for it reads (hidden locators cannot be read). */
export function fieldsFor(event: TriggerEvent): INodeProperties[] {
	return triggerProperties.filter((property) => {
		const shownFor = property.displayOptions?.show?.event;
		return property.name !== 'event' && (!shownFor || shownFor.includes(event));
	});
}
