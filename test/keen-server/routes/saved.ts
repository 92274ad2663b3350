import { runAnalysis } from '../analysis';
import { accessOptions, checkAllowList, notPermitted } from '../auth';
import { KeenError } from '../errors';
import { isPlainObject } from '../events';
import { NO_CONTENT, analysisContext, badRequest, json, notFound, parseJsonObject, projectPath, pythonIsoDate, type Reply, type RequestContext } from '../http';
import type { Route } from '../router';
import type { SavedQuery } from '../state';
import { ANALYSES, withExtraFilters } from './queries';

/** Fields the API computes; sending them back on PUT is an error (docs/keen-api.md §8.1, §15 item 8). */
const READ_ONLY_FIELDS = ['run_information', 'urls', 'created_date', 'last_modified_date', 'user_last_modified_date', 'project_id'];
const NAME_PATTERN = /^[A-Za-z0-9_-]{1,255}$/;

/** Saved-query and dataset names: the `[A-Za-z0-9_-]` set SDKs sanitise to (§8.1); others are refused (README). */
export function checkResourceName(name: unknown, field: string): string {
	if (typeof name !== 'string' || !NAME_PATTERN.test(name)) throw badRequest(`${field} must be 1-255 characters of A-Z, a-z, 0-9, "_" and "-".`);
	return name;
}

export function missing(field: string): KeenError {
	return badRequest(`"${field}" is required.`, 'MissingRequiredRequestFieldError');
}

/** Checks the query of a saved query or dataset definition and returns it normalised (§8.3). */
export function normaliseQuery(query: unknown, field: string): Record<string, unknown> {
	if (!isPlainObject(query)) throw missing(field);
	if (typeof query.analysis_type !== 'string') throw missing(`${field}.analysis_type`);
	if (!ANALYSES.includes(query.analysis_type)) throw badRequest(`"${query.analysis_type}" is not an analysis type.`);
	for (const [key, value] of Object.entries(query)) {
		// Keen returns unused params as null but refuses them on the way in; SDKs strip them (§8.3).
		if (value === null) throw badRequest(`${field}.${key} is null; omit attributes that are not set.`);
	}
	if (query.analysis_type === 'funnel') return { ...query };
	const groupBy = query.group_by;
	return {
		...query,
		filters: query.filters ?? [],
		group_by: groupBy === undefined ? null : typeof groupBy === 'string' ? [groupBy] : groupBy,
		interval: query.interval ?? null,
		timezone: query.timezone ?? null,
	};
}

/** The query as runAnalysis takes it: the normalised nulls removed again. */
export function runnableQuery(query: Record<string, unknown>): Record<string, unknown> {
	const params: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(query)) if (value !== null && key !== 'analysis_type') params[key] = value;
	return params;
}

function checkRefreshRate(ctx: RequestContext, value: unknown): number {
	if (value === undefined) throw missing('refresh_rate');
	const { refreshRateMin: min, refreshRateMax: max } = ctx.state.limits;
	if (typeof value !== 'number' || !Number.isInteger(value) || (value !== 0 && (value < min || value > max))) {
		throw badRequest(`refresh_rate must be 0 (not cached) or an integer number of seconds from ${min} to ${max}; got ${JSON.stringify(value)}.`);
	}
	return value;
}

/** OverCachedQueryLimitError when caching one more query passes the plan limit (§8.1; status UNCONFIRMED, 400 here). */
function checkCachedQueryLimit(ctx: RequestContext, refreshRate: number, replacing: string): void {
	if (refreshRate === 0) return;
	const others = [...ctx.project.savedQueries.values()].filter((saved) => saved.refresh_rate > 0 && saved.query_name !== replacing).length;
	const limit = ctx.state.limits.cachedQueries;
	if (others >= limit) throw badRequest(`The plan allows ${limit} cached queries and all are in use.`, 'OverCachedQueryLimitError');
}

/**
 * The definition as Keen answers it; run_information's contents are UNCONFIRMED (README). With
 * the `savedQueryReadOnlyEcho` variant it also carries `urls` and `project_id`, which PUT refuses.
 */
function definition(ctx: RequestContext, saved: SavedQuery): Record<string, unknown> {
	const answer: Record<string, unknown> = { ...saved, run_information: saved.refresh_rate > 0 ? { last_run_date: saved.last_modified_date } : null };
	if (!ctx.state.variants.savedQueryReadOnlyEcho) return answer;
	const path = `${ctx.baseUrl}${projectPath(ctx.project, 'queries', 'saved', saved.query_name)}`;
	return { ...answer, project_id: ctx.project.id, urls: { self: path, result: `${path}/result` } };
}

function findSaved(ctx: RequestContext): SavedQuery {
	const saved = ctx.project.savedQueries.get(ctx.params.name);
	if (!saved) throw notFound(`saved query "${ctx.params.name}"`);
	return saved;
}

/**
 * PUT /queries/saved/{NAME} (§8.1): full replace, 201 on create, 200 on replace. A different
 * `query_name` in the body renames the query (409 if that name is taken). The query is run
 * once so that bad parameters are refused with the analysis engine's error.
 */
function putSaved(ctx: RequestContext): Reply {
	const body = parseJsonObject(ctx);
	const readOnly = READ_ONLY_FIELDS.filter((field) => field in body);
	if (readOnly.length > 0) throw badRequest(`Read-only fields cannot be sent: ${readOnly.join(', ')}.`);
	const urlName = ctx.params.name;
	const name = checkResourceName(body.query_name === undefined ? urlName : body.query_name, 'query_name');
	const saved = ctx.project.savedQueries;
	if (name !== urlName && saved.has(name)) throw new KeenError(409, 'DuplicateResourceError', `A saved query named "${name}" already exists.`);
	if (body.metadata !== undefined && !isPlainObject(body.metadata)) throw badRequest('metadata must be an object.');
	const refreshRate = checkRefreshRate(ctx, body.refresh_rate);
	checkCachedQueryLimit(ctx, refreshRate, urlName);
	const query = normaliseQuery(body.query, 'query');
	runAnalysis(query.analysis_type as string, runnableQuery(query), analysisContext(ctx));

	const previous = saved.get(urlName);
	const now = pythonIsoDate(ctx.state.now());
	const stored: SavedQuery = {
		query_name: name,
		refresh_rate: refreshRate,
		query,
		metadata: (body.metadata as Record<string, unknown> | undefined) ?? {},
		created_date: previous?.created_date ?? now,
		last_modified_date: now,
		user_last_modified_date: now,
	};
	saved.delete(urlName);
	saved.set(name, stored);
	return json(previous ? 200 : 201, definition(ctx, stored));
}

/**
 * Which access-key section governs a saved query: `cached_queries` for cached ones,
 * `saved_queries` otherwise (§8.4); the key needs that permission and must pass its lists.
 */
function checkSavedAccess(ctx: RequestContext, saved: SavedQuery): Record<string, unknown> | undefined {
	const accessKey = ctx.key?.accessKey;
	if (!accessKey) return undefined;
	const section = saved.refresh_rate > 0 ? 'cached_queries' : 'saved_queries';
	if (!accessKey.permitted.includes(section)) throw notPermitted(`This access key needs the "${section}" permission for "${saved.query_name}".`);
	const options = accessOptions(ctx.key, section);
	checkAllowList(options, saved.query_name, 'the saved query');
	return options;
}

/** GET /queries/saved/{NAME}/result (§8.4): definition plus the freshly computed result. */
function savedResult(ctx: RequestContext): Reply {
	const saved = findSaved(ctx);
	const options = checkSavedAccess(ctx, saved);
	const params = withExtraFilters(runnableQuery(saved.query), options?.filters);
	const answer = runAnalysis(saved.query.analysis_type as string, params, analysisContext(ctx));
	return json(200, { ...definition(ctx, saved), ...answer });
}

function deleteSaved(ctx: RequestContext): Reply {
	findSaved(ctx);
	ctx.project.savedQueries.delete(ctx.params.name);
	return NO_CONTENT;
}

const SAVED = '/3.0/projects/:pid/queries/saved';

export const savedQueryRoutes: Route[] = [
	{ method: 'GET', path: SAVED, access: 'master', handle: (ctx) => json(200, [...ctx.project.savedQueries.values()].map((saved) => definition(ctx, saved))) },
	{ method: 'GET', path: `${SAVED}/:name`, access: 'query_definition', handle: (ctx) => json(200, definition(ctx, findSaved(ctx))) },
	{ method: 'PUT', path: `${SAVED}/:name`, access: 'master', handle: putSaved },
	{ method: 'DELETE', path: `${SAVED}/:name`, access: 'master', handle: deleteSaved },
	{ method: 'GET', path: `${SAVED}/:name/result`, access: 'saved_queries', handle: savedResult },
];
