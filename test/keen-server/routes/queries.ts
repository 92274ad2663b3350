import { runAnalysis } from '../analysis';
import { SIMPLE_ANALYSES } from '../analysis/metrics';
import { accessOptions } from '../auth';
import { eventsToCsv } from '../csv';
import { isPlainObject } from '../events';
import { analysisContext, badRequest, decodeQueryParams, json, notFound, parseJsonObject, projectPath, type Reply, type RequestContext } from '../http';
import type { Route } from '../router';

/** The 13 analyses of docs/keen-api.md §3 row 4. */
export const ANALYSES: string[] = [...SIMPLE_ANALYSES, 'extraction', 'funnel', 'multi_analysis'];

const CSV = 'text/csv';
const EMAIL_ACKNOWLEDGEMENT = 'Processing. Check the specified email for the extraction results.';

/**
 * ANDs extra filters into a query (access-key `queries.filters`, dataset index values):
 * into the root `filters`, or into every step of a funnel, whose filters live per step (§7.10).
 * A malformed `filters` is left alone for the analysis engine to reject.
 */
export function withExtraFilters(params: Record<string, unknown>, extra: unknown): Record<string, unknown> {
	if (!Array.isArray(extra) || extra.length === 0) return params;
	const append = (filters: unknown) => (filters === undefined || filters === null ? [...extra] : Array.isArray(filters) ? [...filters, ...extra] : filters);
	if (Array.isArray(params.steps)) {
		return { ...params, steps: params.steps.map((step) => (isPlainObject(step) ? { ...step, filters: append(step.filters) } : step)) };
	}
	return { ...params, filters: append(params.filters) };
}

/** Runs an analysis for the request's key: its `queries.filters` are always applied (§10). */
export function runForKey(ctx: RequestContext, analysisType: string, params: Record<string, unknown>): Record<string, unknown> {
	const restricted = withExtraFilters(params, accessOptions(ctx.key, 'queries')?.filters);
	return runAnalysis(analysisType, restricted, analysisContext(ctx));
}

/**
 * Email extraction (§7.9): the extraction is computed now and kept in `emailExtractions`
 * as the file that would have been mailed; the answer is a short acknowledgement (README).
 */
function emailExtraction(ctx: RequestContext, params: Record<string, unknown>): Reply {
	const { email, content_type: contentType = CSV } = params;
	const query = { ...params };
	for (const name of ['email', 'content_type', 'content_encoding']) delete query[name];
	if (typeof email !== 'string' || !email.includes('@')) throw badRequest('email must be an email address.');
	if (contentType !== CSV && contentType !== 'application/json') throw badRequest('content_type must be "text/csv" or "application/json".');
	const events = runForKey(ctx, 'extraction', query).result as unknown[];
	ctx.state.emailExtractions.push({
		projectId: ctx.project.id,
		email,
		contentType,
		params,
		eventCount: events.length,
		file: contentType === CSV ? eventsToCsv(events) : JSON.stringify(events),
		sentAt: ctx.state.now().toISOString(),
	});
	return json(200, { result: EMAIL_ACKNOWLEDGEMENT });
}

/** POST (JSON body) or GET (query string) /queries/{ANALYSIS} (§7.1): both reach runAnalysis with the same params. */
function analysis(ctx: RequestContext): Reply {
	const analysisType = ctx.params.analysis;
	if (!ANALYSES.includes(analysisType)) throw notFound(`analysis "${analysisType}"`);
	const params = ctx.method === 'GET' ? decodeQueryParams(ctx.query) : parseJsonObject(ctx);
	if (analysisType === 'extraction' && params.email !== undefined) return emailExtraction(ctx, params);
	const body = runForKey(ctx, analysisType, params);
	// Synchronous CSV extraction answers the CSV file itself (decision: README).
	if (analysisType === 'extraction' && params.content_type === CSV) {
		return { status: 200, text: eventsToCsv(body.result as unknown[]), contentType: 'text/csv; charset=utf-8' };
	}
	return json(200, body);
}

/** GET /queries (§5.5): a flat map `<analysis>_url` → path, plus the saved-queries resource. */
function queryResources(ctx: RequestContext): Reply {
	const resources: Record<string, string> = {};
	for (const name of ANALYSES) resources[`${name}_url`] = projectPath(ctx.project, 'queries', name);
	resources.saved_url = projectPath(ctx.project, 'queries', 'saved');
	return json(200, resources);
}

const QUERIES = '/3.0/projects/:pid/queries';

export const queryRoutes: Route[] = [
	{ method: 'GET', path: QUERIES, access: 'queries', masterOnlyVariant: true, handle: queryResources },
	{ method: 'GET', path: `${QUERIES}/:analysis`, access: 'queries', handle: analysis },
	{ method: 'POST', path: `${QUERIES}/:analysis`, access: 'queries', handle: analysis },
];
