import type { INodeProperties } from 'n8n-workflow';

import { triggerProperties, type TriggerEvent } from './description';

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

/** The top-level fields shown for an event: the ones a poll for it reads. */
export function fieldsFor(event: TriggerEvent): INodeProperties[] {
	return triggerProperties.filter((property) => {
		const shownFor = property.displayOptions?.show?.event;
		return property.name !== 'event' && (!shownFor || shownFor.includes(event));
	});
}
