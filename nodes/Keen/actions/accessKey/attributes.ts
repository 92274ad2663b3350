import type { IDataObject } from 'n8n-workflow';

import { buildAccessKeyOptions, validateAccessKeyName, validatePermitted } from '../../helpers/accessKeyOptions';

/**
 * The key's body attributes from whichever of the node's fields are present (keen-api.md §10).
 * `fieldOf` names the node field each part came from, for errors.
 */
export function accessKeyAttributes(
	fields: IDataObject,
	fieldOf: (part: 'keyName' | 'permitted' | 'options') => string,
): IDataObject {
	const attributes: IDataObject = {};
	if (fields.keyName !== undefined) attributes.name = validateAccessKeyName(fields.keyName, fieldOf('keyName'));
	if (fields.isActive !== undefined) attributes.is_active = fields.isActive === true;
	if (fields.permitted !== undefined) attributes.permitted = validatePermitted(fields.permitted, fieldOf('permitted'));
	const options = buildAccessKeyOptions(fields, fieldOf('options'));
	if (Object.keys(options).length) attributes.options = options;
	return attributes;
}
