import type { IDataObject } from 'n8n-workflow';

import { resourceId, resourcePath } from '../resourceOperations';
import type { KeenOperation } from '../types';
import { ACCESS_KEY } from './accessKey.resource';
import { ROUTES } from '../../transport/routes';

/** Revoke and Unrevoke differ only in their path and the state they leave (docs/keen-api.md §10). */
export function keyStateOperation(value: 'revoke' | 'unrevoke', isActive: boolean, description: string): KeenOperation {
	const name = value === 'revoke' ? 'Revoke' : 'Unrevoke';
	return {
		resource: 'accessKey',
		value,
		name,
		action: `${name} an access key`,
		description,
		routes: [value === 'revoke' ? ROUTES.revokeAccessKey : ROUTES.unrevokeAccessKey],
		properties: [ACCESS_KEY.locator],
		path: (params) => resourcePath(ACCESS_KEY, resourceId(ACCESS_KEY, params), [value]),
		// Whether Keen answers with the key or an empty 204 is UNCONFIRMED (docs/keen-api.md §17.15).
		toItems: (response) =>
			typeof response === 'object' && response !== null && !Array.isArray(response)
				? [response as IDataObject]
				: [{ success: true, is_active: isActive }],
	};
}
