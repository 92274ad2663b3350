import type { IDataObject } from 'n8n-workflow';

import { parseList } from '../../helpers/textInputs';
import { optionalJsonObject } from '../../helpers/queryDefinition';
import { toRefreshRateSeconds } from '../../helpers/refreshRate';

/**
 * Keen's `refresh_rate` and `metadata` from the node's optional fields; `field` is the collection
 * they sit in, so errors point there.
 */
export function savedQueryAttributes(fields: IDataObject, field: string): IDataObject {
	const attributes: IDataObject = {};
	if (fields.refreshRate !== undefined) attributes.refresh_rate = toRefreshRateSeconds(fields.refreshRate, 'seconds', field);
	const metadata = optionalJsonObject(fields.metadataJson, field);
	if (typeof fields.displayName === 'string' && fields.displayName.trim()) metadata.display_name = fields.displayName.trim();
	if (fields.tags !== undefined) metadata.tags = parseList(fields.tags);
	if (Object.keys(metadata).length) attributes.metadata = metadata;
	return attributes;
}
