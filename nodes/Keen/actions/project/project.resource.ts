import { projectRlc } from '../common.descriptions';
import type { NamedResource } from '../resourceOperations';

/** Projects are managed through the Organization API with the organization key (docs/keen-api.md §11). */
export const PROJECT: NamedResource = {
	resource: 'project',
	noun: 'project',
	plural: 'projects',
	locator: projectRlc,
	basePath: ['projects'],
	addressedBy: 'ID',
	// The credential's project is among them, so its keys would land in the workflow's data.
	withheld: ['apiKeys'],
};

export const usersField = {
	displayName: 'Users',
	name: 'users',
	type: 'string' as const,
	default: '',
	placeholder: 'e.g. ada@example.com, grace@example.com',
	description: 'Emails of the Keen users who get access to the project, separated by commas; each must already have a Keen account',
};
