import { KeenError } from '../errors';
import { isPlainObject } from '../events';
import { NO_CONTENT, badRequest, json, parseJsonObject, type Reply, type RequestContext } from '../http';
import type { Route } from '../router';
import type { Project } from '../state';

/** The organization API's project object, camelCase `apiKeys` included (docs/keen-api.md §11). */
export function projectJson(project: Project): Record<string, unknown> {
	return {
		id: project.id,
		name: project.name,
		apiKeys: { masterKey: project.masterKey, readKey: project.readKey, writeKey: project.writeKey },
		users: project.users,
	};
}

function checkUsers(value: unknown): { email: string }[] {
	if (value === undefined) return [];
	if (!Array.isArray(value) || !value.every((user) => isPlainObject(user) && typeof user.email === 'string' && user.email.includes('@'))) {
		throw badRequest('users must be a list of { "email": "..." } objects.');
	}
	return value.map((user) => ({ email: user.email as string }));
}

/** 409 with a "Duplicate" message when another project has the name (§11). */
function checkName(ctx: RequestContext, value: unknown, self: Project | null): string {
	if (typeof value !== 'string' || value.trim().length === 0) throw badRequest('name is required.', 'MissingRequiredRequestFieldError');
	const holder = ctx.state.findProjectByName(value);
	if (holder && holder !== self) throw new KeenError(409, 'DuplicateProjectNameError', `Duplicate project name: "${value}" already exists.`);
	return value;
}

function createProject(ctx: RequestContext): Reply {
	const body = parseJsonObject(ctx);
	const project = ctx.state.createProject({ name: checkName(ctx, body.name, null), users: checkUsers(body.users) });
	return json(200, projectJson(project));
}

/**
 * POST .../projects/{PID}: `users` replaces the list when given (§11). Omitted fields are kept,
 * or with the `projectUpdate: 'replace'` variant the body replaces the project: no `users`
 * clears them (the name, being required, must then be sent).
 */
function updateProject(ctx: RequestContext): Reply {
	const body = parseJsonObject(ctx);
	const project = ctx.project;
	if (ctx.state.variants.projectUpdate === 'replace') {
		project.name = checkName(ctx, body.name, project);
		project.users = checkUsers(body.users);
		return json(200, projectJson(project));
	}
	if (body.name !== undefined) project.name = checkName(ctx, body.name, project);
	if (body.users !== undefined) project.users = checkUsers(body.users);
	return json(200, projectJson(project));
}

function deleteProject(ctx: RequestContext): Reply {
	ctx.state.deleteProject(ctx.project);
	return NO_CONTENT;
}

const PROJECTS = '/3.0/organizations/:org/projects';

export const organizationRoutes: Route[] = [
	{ method: 'GET', path: PROJECTS, access: 'organization', handle: (ctx) => json(200, [...ctx.state.projects.values()].map(projectJson)) },
	{ method: 'POST', path: PROJECTS, access: 'organization', handle: createProject },
	{ method: 'GET', path: `${PROJECTS}/:pid`, access: 'organization', handle: (ctx) => json(200, projectJson(ctx.project)) },
	{ method: 'POST', path: `${PROJECTS}/:pid`, access: 'organization', handle: updateProject },
	{ method: 'DELETE', path: `${PROJECTS}/:pid`, access: 'organization', handle: deleteProject },
];
