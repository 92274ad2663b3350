import type { IDataObject } from 'n8n-workflow';

import type { KeenOperation } from '../types';
import { isActiveField, keyNameField, keyOptionFields, permittedField } from './accessKey.descriptions';
import { accessKeyAttributes } from './attributes';
import { keenPath } from '../../helpers/path';
import { ROUTES } from '../../transport/routes';

export const create: KeenOperation = {
	resource: 'accessKey',
	value: 'create',
	name: 'Create',
	action: 'Create an access key',
	description: 'Create a key with limited permissions, e.g. for one customer\'s dashboard',
	routes: [ROUTES.createAccessKey],
	properties: [
		{ ...keyNameField, required: true },
		isActiveField,
		permittedField,
		{
			displayName: 'Options',
			name: 'keyOptions',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: keyOptionFields,
		},
	],
	path: () => keenPath('keys'),
	body: (params) =>
		accessKeyAttributes(
			{ keyName: params.keyName, isActive: params.isActive, permitted: params.permitted, ...(params.keyOptions as IDataObject) },
			(part) => (part === 'options' ? 'keyOptions' : part),
		),
};
