import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { keenPath } from '../helpers/path';
import { keenRequest } from '../transport';

/** The properties of the chosen collection, from its schema (docs/keen-api.md §5.2), for target-property and group-by pickers. */
export async function getCollectionProperties(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const collection = this.getCurrentNodeParameter('collection', { extractValue: true });
	if (typeof collection !== 'string' || collection === '') return [];
	const response = (await keenRequest(this, {
		method: 'GET',
		path: keenPath('events', { value: collection, field: 'collection' }),
		keyKind: 'read',
		operationName: 'Loading the properties',
	})) as IDataObject;
	const properties = (response?.properties ?? {}) as Record<string, string>;
	return Object.keys(properties)
		.sort()
		.map((name) => ({ name, value: name, description: `Type: ${properties[name]}` }));
}
