import { keenPath } from '../../helpers/path';
import { ROUTES } from '../../transport/routes';
import type { KeenOperation } from '../types';

/**
 * docs/keen-api.md §5.6: how many cached queries the organization's plan allows and how many are in
 * use, e.g. `{ "cached_queries": { "organization_limit": 10, "in_use": 7 } }`. A project endpoint
 * with the master key, so it reads the credential's project, not one picked from the organization.
 */
export const getLimits: KeenOperation = {
	resource: 'project',
	value: 'getLimits',
	name: 'Get Cached-Query Limits',
	action: 'Get the cached-query limits of the project',
	description: "How many cached queries the organization's plan allows and how many are in use",
	routes: [ROUTES.getLimits],
	properties: [],
	path: () => keenPath('limits'),
};
