import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { parseFieldList } from '../../helpers/eventBuilder';
import { optionalJsonObject } from '../../helpers/queryDefinition';
import { toRefreshRateSeconds } from '../../helpers/refreshRate';

/** Refresh rate in seconds, as Keen stores it (keen-api.md §8.2). */
export const refreshRateSecondsField: INodeProperties = {
	displayName: 'Refresh Rate (Seconds)',
	name: 'refreshRate',
	type: 'number',
	typeOptions: { minValue: 0 },
	default: 0,
	description: 'How often Keen recomputes the cached result: 0 for no caching, otherwise 3600 to 172800 seconds (1 to 48 hours); 14400 to 86400 (4 to 24 hours) is accepted by every Keen version',
};

export const displayNameField: INodeProperties = {
	displayName: 'Display Name',
	name: 'displayName',
	type: 'string',
	default: '',
	description: "Human-readable name shown in Keen's dashboards and Explorer",
};

export const tagsField: INodeProperties = {
	displayName: 'Tags',
	name: 'tags',
	type: 'string',
	default: '',
	placeholder: 'e.g. shop, weekly',
	description: 'Tags for the saved query, separated by commas',
};

/**
 * Keen's `refresh_rate` and `metadata` from the node's optional fields; `field` is the collection
 * they sit in, so errors point there.
 */
export function savedQueryAttributes(fields: IDataObject, field: string): IDataObject {
	const attributes: IDataObject = {};
	if (fields.refreshRate !== undefined) attributes.refresh_rate = toRefreshRateSeconds(fields.refreshRate, 'seconds', field);
	const metadata = optionalJsonObject(fields.metadataJson, field);
	if (typeof fields.displayName === 'string' && fields.displayName.trim()) metadata.display_name = fields.displayName.trim();
	if (fields.tags !== undefined) metadata.tags = parseFieldList(fields.tags);
	if (Object.keys(metadata).length) attributes.metadata = metadata;
	return attributes;
}
