import { isPlainObject } from '../events';
import { NO_CONTENT, badRequest, json, notFound, parseJsonObject, type Reply, type RequestContext } from '../http';
import { randomHex } from '../prng';
import type { Route } from '../router';
import { ACCESS_PERMISSIONS, type AccessKey, type AccessPermission } from '../state';

const MAX_NAME = 256;
/** Option sections of docs/keen-api.md §10; absent ones are answered as null like the Python fixture. */
const OPTION_SECTIONS = ['queries', 'saved_queries', 'cached_queries', 'writes', 'datasets'];

function checkPermitted(value: unknown): AccessPermission[] {
	if (!Array.isArray(value)) throw badRequest('permitted must be a list of permissions.');
	const unknown = value.filter((permission) => !(ACCESS_PERMISSIONS as readonly unknown[]).includes(permission));
	if (unknown.length > 0) throw badRequest(`Unknown permissions ${JSON.stringify(unknown)}; use ${ACCESS_PERMISSIONS.join(', ')}.`);
	return value as AccessPermission[];
}

function checkOptions(value: unknown): AccessKey['options'] {
	if (value !== undefined && value !== null && !isPlainObject(value)) throw badRequest('options must be an object.');
	const given = (value ?? {}) as Record<string, unknown>;
	const options: AccessKey['options'] = {};
	for (const section of OPTION_SECTIONS) {
		const sectionValue = given[section] ?? null;
		if (sectionValue !== null && !isPlainObject(sectionValue)) throw badRequest(`options.${section} must be an object.`);
		options[section] = sectionValue;
	}
	const autofill = options.writes?.autofill;
	if (autofill !== undefined && !isPlainObject(autofill)) throw badRequest('options.writes.autofill must be an object.');
	const filters = options.queries?.filters;
	if (filters !== undefined && !Array.isArray(filters)) throw badRequest('options.queries.filters must be a list of filters.');
	return options;
}

/** Builds the key object from a create/update body; update is a full replace (§10). */
function keyFromBody(body: Record<string, unknown>, key: string, projectId: string): AccessKey {
	const { name, is_active: isActive = true } = body;
	if (typeof name !== 'string' || name.length === 0 || name.length > MAX_NAME) throw badRequest(`name must be a string of 1-${MAX_NAME} characters.`, 'MissingRequiredRequestFieldError');
	if (typeof isActive !== 'boolean') throw badRequest('is_active must be true or false.');
	return { key, project_id: projectId, name, is_active: isActive, permitted: checkPermitted(body.permitted), options: checkOptions(body.options) };
}

function findKey(ctx: RequestContext): AccessKey {
	const accessKey = ctx.project.accessKeys.get(ctx.params.key);
	if (!accessKey) throw notFound(`access key "${ctx.params.key}"`);
	return accessKey;
}

/** POST /keys (§10): 201 with the key object; the key is 64 uppercase hex like the Python fixture. */
function createKey(ctx: RequestContext): Reply {
	const body = parseJsonObject(ctx);
	const accessKey = keyFromBody(body, randomHex(32).toUpperCase(), ctx.project.id);
	ctx.state.addAccessKey(ctx.project, accessKey);
	return json(201, accessKey);
}

function updateKey(ctx: RequestContext): Reply {
	const current = findKey(ctx);
	const replacement = keyFromBody(parseJsonObject(ctx), current.key, ctx.project.id);
	Object.assign(current, replacement);
	return json(200, current);
}

/** Revoke / unrevoke flip is_active and answer 200 with the key (decision: README). */
function setActive(isActive: boolean): (ctx: RequestContext) => Reply {
	return (ctx) => {
		const accessKey = findKey(ctx);
		accessKey.is_active = isActive;
		return json(200, accessKey);
	};
}

/**
 * GET /keys with the [3P] `name` filter and `page` / `per_page` (≤ 200) pagination; with the
 * `accessKeyPaging: 'ignored'` variant every key is answered whatever is asked.
 */
function listKeys(ctx: RequestContext): Reply {
	const name = ctx.query.get('name');
	const keys = [...ctx.project.accessKeys.values()].filter((key) => name === null || key.name === name);
	if (ctx.state.variants.accessKeyPaging === 'ignored') return json(200, keys);
	const perPage = Math.min(Number(ctx.query.get('per_page') ?? 50) || 50, 200);
	const page = Math.max(Number(ctx.query.get('page') ?? 1) || 1, 1);
	return json(200, keys.slice((page - 1) * perPage, page * perPage));
}

function deleteKey(ctx: RequestContext): Reply {
	findKey(ctx);
	ctx.state.removeAccessKey(ctx.project, ctx.params.key);
	return NO_CONTENT;
}

const KEYS = '/3.0/projects/:pid/keys';

export const accessKeyRoutes: Route[] = [
	{ method: 'POST', path: KEYS, access: 'master', handle: createKey },
	{ method: 'GET', path: KEYS, access: 'master', handle: listKeys },
	{ method: 'GET', path: `${KEYS}/:key`, access: 'master', handle: (ctx) => json(200, findKey(ctx)) },
	{ method: 'POST', path: `${KEYS}/:key`, access: 'master', handle: updateKey },
	{ method: 'DELETE', path: `${KEYS}/:key`, access: 'master', handle: deleteKey },
	{ method: 'POST', path: `${KEYS}/:key/revoke`, access: 'master', handle: setActive(false) },
	{ method: 'POST', path: `${KEYS}/:key/unrevoke`, access: 'master', handle: setActive(true) },
];
