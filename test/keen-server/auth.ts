import type { IncomingMessage } from 'node:http';
import { KeenError } from './errors';
import type { AccessKey, AccessPermission, Project, ResolvedKey } from './state';

/**
 * What a route requires. `public` needs no key; `organization` needs the organization key;
 * `master` only the project's master key; the others name the access-key permission that
 * grants them, read or write keys being allowed as in docs/keen-api.md §3's key column.
 */
export type Access = 'public' | 'organization' | 'master' | 'writes' | 'schema' | 'queries' | 'saved_queries' | 'query_definition' | 'datasets';

/** Which access-key permissions open each access level. */
const ACCESS_KEY_GRANTS: Record<Exclude<Access, 'public' | 'organization' | 'master'>, readonly AccessPermission[]> = {
	writes: ['writes'],
	schema: ['schema'],
	queries: ['queries'],
	saved_queries: ['saved_queries', 'cached_queries'],
	query_definition: ['query_definition'],
	datasets: ['datasets'],
};

/** The raw key: the `Authorization` header wins over `?api_key=` when both are sent (§1.3). */
export function extractKey(headers: IncomingMessage['headers'], query: URLSearchParams): string | null {
	const header = headers.authorization;
	if (header) return header.trim();
	return query.get('api_key');
}

export function invalidKey(message: string): KeenError {
	return new KeenError(401, 'InvalidApiKeyError', message);
}

/** 403 for a valid key that lacks a permission or is outside an allow-list (decision: README). */
export function notPermitted(message: string): KeenError {
	return new KeenError(403, 'InsufficientKeyPermissionsError', message);
}

function keyMayOpen(key: ResolvedKey, access: keyof typeof ACCESS_KEY_GRANTS): boolean {
	switch (key.kind) {
		case 'master':
			return true;
		case 'write':
			return access === 'writes';
		case 'read':
			return access !== 'writes' && access !== 'query_definition';
		case 'access':
			return ACCESS_KEY_GRANTS[access].some((permission) => (key.accessKey as AccessKey).permitted.includes(permission));
		default:
			return false;
	}
}

/**
 * Checks the request's key (raw and resolved) against the route. Throws Keen's errors:
 * 401 InvalidApiKeyError for missing, unknown, revoked or foreign keys; 401
 * AdminOnlyEndpointError for a lesser key on a master-only endpoint (Python SDK mock, §2.2);
 * 403 InsufficientKeyPermissionsError when a valid key lacks the permission. With the
 * `wrongKeyStatus: 401` variant, a valid key of the wrong kind gets 401 InvalidApiKeyError in
 * both cases, as if it were a bad key.
 */
export function authorize(rawKey: string | null, key: ResolvedKey | null, access: Access, project: Project | null, wrongKeyStatus: 401 | 403 = 403): void {
	if (access === 'public') return;
	if (!rawKey) throw invalidKey('An API key is required: send it in the Authorization header or as ?api_key=.');
	if (!key) throw invalidKey('The API key is not valid.');
	if (access === 'organization') {
		if (key.kind !== 'organization') throw invalidKey('This endpoint needs the organization key.');
		return;
	}
	if (key.kind === 'organization') throw invalidKey('The organization key only works on /3.0/organizations/{ORG_ID}/... endpoints.');
	if (key.project !== project) throw invalidKey('The API key does not belong to this project.');
	if (key.accessKey && !key.accessKey.is_active) throw invalidKey('This access key has been revoked.');
	if (access === 'master') {
		if (key.kind === 'master') return;
		if (wrongKeyStatus === 401) throw invalidKey('The API key is not valid for this endpoint.');
		throw new KeenError(401, 'AdminOnlyEndpointError', 'This endpoint requires the master key.');
	}
	if (keyMayOpen(key, access)) return;
	if (wrongKeyStatus === 401) throw invalidKey('The API key is not valid for this endpoint.');
	throw notPermitted(`This ${key.kind} key is not permitted to use this endpoint (needs ${access}).`);
}

/** Access-key `options.<section>` or undefined for any other key. */
export function accessOptions(key: ResolvedKey | null, section: string): Record<string, unknown> | undefined {
	const options = key?.accessKey?.options[section];
	return options ?? undefined;
}

/** Allow/block-list check shared by saved, cached queries and datasets (§10). */
export function checkAllowList(options: Record<string, unknown> | undefined, name: string, what: string): void {
	if (!options) return;
	const allowed = options.allowed;
	const blocked = options.blocked;
	const isAllowed = Array.isArray(allowed) ? allowed.includes(name) : allowed && typeof allowed === 'object' ? name in allowed : true;
	if (!isAllowed || (Array.isArray(blocked) && blocked.includes(name))) throw notPermitted(`This access key may not use ${what} "${name}".`);
}
