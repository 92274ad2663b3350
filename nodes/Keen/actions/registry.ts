import type { INodeProperties } from 'n8n-workflow';

import { accessKeyOperations } from './accessKey';
import { cachedDatasetOperations } from './cachedDataset';
import { chartOperations } from './chart';
import { collectionOperations } from './collection';
import { eventOperations } from './event';
import { extractionOperations } from './extraction';
import { projectOperations } from './project';
import { queryOperations } from './query';
import { REQUEST_OPTIONS_FIELD } from './requestOptions';
import { RESOURCE_DISPLAY_NAMES } from './resources';
import { savedQueryOperations } from './savedQuery';
import { TOOL_DESCRIPTION_NOTICE, TOOL_MAX_ITEMS_FIELD } from './toolMode';
import type { KeenOperation, ResourceValue } from './types';

/** Every Keen operation the node offers: the single source for dropdowns, fields and dispatch. */
export const OPERATIONS: readonly KeenOperation[] = [
	...eventOperations,
	...collectionOperations,
	...queryOperations,
	...extractionOperations,
	...savedQueryOperations,
	...cachedDatasetOperations,
	...accessKeyOperations,
	...projectOperations,
	...chartOperations,
];

const BY_KEY = new Map(OPERATIONS.map((spec) => [`${spec.resource}.${spec.value}`, spec]));

export function findOperation(resource: string, operation: string): KeenOperation | undefined {
	return BY_KEY.get(`${resource}.${operation}`);
}

const RESOURCES = Object.keys(RESOURCE_DISPLAY_NAMES) as ResourceValue[];

function resourceField(): INodeProperties {
	return {
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: RESOURCES.map((value) => ({ name: RESOURCE_DISPLAY_NAMES[value], value })),
		default: 'event',
	};
}

function operationField(resource: ResourceValue): INodeProperties {
	const specs = OPERATIONS.filter((spec) => spec.resource === resource);
	const firstOperation = specs[0].value;
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource] } },
		options: [...specs]
			.sort((a, b) => a.name.localeCompare(b.name))
			.map((spec) => ({ name: spec.name, value: spec.value, action: spec.action, description: spec.description })),
		default: firstOperation,
	};
}

/** An operation's own fields, shown only for that resource and operation (plain spread: no deep merge). */
function scopedFields(spec: KeenOperation): INodeProperties[] {
	return spec.properties.map((property) => ({
		...property,
		displayOptions: {
			...property.displayOptions,
			show: {
				...property.displayOptions?.show,
				resource: [spec.resource],
				operation: [spec.value],
			},
		},
	}));
}

/** The node's whole parameter list: the Keen Tool's description notice, Resource, one Operation per resource, every operation's fields, request options, and the Keen Tool's result cap. */
export function nodeProperties(): INodeProperties[] {
	return [
		// First, so that in the Keen Tool it sits under n8n's Tool Description fields.
		TOOL_DESCRIPTION_NOTICE,
		resourceField(),
		...RESOURCES.map(operationField),
		...OPERATIONS.flatMap(scopedFields),
		// Chart → Render sends no request: retries and timeouts would mean nothing there.
		{ ...REQUEST_OPTIONS_FIELD, displayOptions: { hide: { resource: ['chart'] } } },
		TOOL_MAX_ITEMS_FIELD,
	];
}
