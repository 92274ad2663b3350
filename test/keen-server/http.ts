import type { IncomingMessage } from 'node:http';
import { KeenError } from './errors';
import type { Project, ResolvedKey, ServerState } from './state';
import type { AnalysisContext } from './types';

/** What a handler answers; `text` bypasses JSON encoding (CSV, the beacon GIF). */
export interface Reply {
	status: number;
	body?: unknown;
	text?: string | Buffer;
	contentType?: string;
	headers?: Record<string, string>;
}

/** Everything a handler needs about one request. */
export interface RequestContext {
	state: ServerState;
	method: string;
	/** Decoded path parameters, e.g. `collection`, `name`. */
	params: Record<string, string>;
	query: URLSearchParams;
	/** The request body as received; `bodyTooLarge` is set when it passed `limits.batchBytes`. */
	rawBody: Buffer;
	bodyTooLarge: boolean;
	headers: IncomingMessage['headers'];
	remoteAddress: string;
	/** Base URL of this server, for absolute links such as `next_page_url`. */
	baseUrl: string;
	/** Set by the router once the path's project id is resolved. */
	project: Project;
	key: ResolvedKey | null;
	/** Parsed JSON body, filled by `parseJsonBody` so the request log can show it. */
	parsedBody?: unknown;
	/** Events the request's queries scanned, for the request log. */
	eventsScanned?: number;
}

export function json(status: number, body: unknown): Reply {
	return { status, body };
}

export const NO_CONTENT: Reply = { status: 204 };

export function notFound(what: string): KeenError {
	return new KeenError(404, 'ResourceNotFoundError', `Resource not found: ${what}.`);
}

export function badRequest(message: string, errorCode = 'BadRequestError'): KeenError {
	return new KeenError(400, errorCode, message);
}

/** Parses the body as JSON; malformed JSON becomes a 400 with the given Keen error code. */
export function parseJsonBody(ctx: RequestContext, errorCode = 'BadRequestError'): unknown {
	if (ctx.rawBody.length === 0) throw badRequest('The request body is empty; a JSON body is required.', errorCode);
	try {
		ctx.parsedBody = JSON.parse(ctx.rawBody.toString('utf8'));
	} catch (error) {
		throw badRequest(`The request body is not valid JSON: ${(error as Error).message}`, errorCode);
	}
	return ctx.parsedBody;
}

/** Like parseJsonBody but the body must be a JSON object. */
export function parseJsonObject(ctx: RequestContext, errorCode = 'BadRequestError'): Record<string, unknown> {
	const body = parseJsonBody(ctx, errorCode);
	if (body === null || typeof body !== 'object' || Array.isArray(body)) throw badRequest('The request body must be a JSON object.', errorCode);
	return body as Record<string, unknown>;
}

const JSON_START = /^[[{"\-0-9]|^(true|false|null)$/;

/**
 * One query-string value as Keen reads it: structured params (filters, `{start,end}`
 * timeframes, arrays), numbers and booleans arrive JSON-encoded (docs/keen-api.md §7.1); anything
 * that does not parse stays a string.
 */
export function decodeQueryValue(value: string): unknown {
	if (!JSON_START.test(value)) return value;
	try {
		return JSON.parse(value);
	} catch {
		return value;
	}
}

/** The query string as analysis params; `api_key` is authentication, not a parameter. */
export function decodeQueryParams(query: URLSearchParams): Record<string, unknown> {
	const params: Record<string, unknown> = {};
	for (const [name, value] of query) {
		if (name !== 'api_key') params[name] = decodeQueryValue(value);
	}
	return params;
}

/** ISO date in the `2015-10-19T20:14:29.797000+00:00` form seen in saved-query fixtures (§8.3). */
export function pythonIsoDate(date: Date): string {
	return date.toISOString().replace('Z', '000+00:00');
}

/** The view of the project an analysis gets: its events and the server clock (types.ts). */
export function analysisContext(ctx: RequestContext): AnalysisContext {
	const store = ctx.project.store;
	const { thisUnitsEnd, funnelOrder } = ctx.state.variants;
	return {
		getEvents: (collection) => store.events(collection),
		now: ctx.state.now(),
		thisEndsAtNow: thisUnitsEnd === 'now',
		funnelAnyOrder: funnelOrder === 'any',
		countScanned: (events) => {
			ctx.eventsScanned = (ctx.eventsScanned ?? 0) + events;
		},
	};
}

/** Path of a project resource, as used in `url` fields of Keen's answers. */
export function projectPath(project: Project, ...segments: string[]): string {
	return ['/3.0/projects', project.id, ...segments.map(encodeURIComponent)].join('/');
}
