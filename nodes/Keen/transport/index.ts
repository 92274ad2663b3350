import {
	NodeApiError,
	NodeOperationError,
	sleep,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestOptions,
	type ILoadOptionsFunctions,
	type IPollFunctions,
	type JsonObject,
} from 'n8n-workflow';

import type { KeenRequest } from './types';
import { secretRedactor, type Redactor } from '../helpers/redact';
import { unsafeSegment } from '../helpers/path';
import { hintFor, parseKeenErrorBody } from './errors';
import { describeNetworkFailure, describeRedirect, isRedirect } from './network';
import {
	CREDENTIAL_HINT_HEADER,
	describeKeysFor,
	KEY_FIELD_LABELS,
	keySecrets,
	pickKey,
	pickKeyField,
	type KeenKeys,
} from './keyPolicy';
import { answerPreview, answerProblem } from './answers';
import { findRoute, routeText, type KeenRoute } from './routes';
import {
	DEFAULT_RETRY_POLICY,
	isRetryableNetworkError,
	isRetryableStatus,
	parseRetryAfter,
	retryDelay,
	type RetryPolicy,
} from './retry';

export type KeenContext = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;

interface KeenCredentialData extends KeenKeys {
	baseUrl?: string;
	projectId?: string;
	organizationId?: string;
}

export interface FullResponse {
	statusCode: number;
	headers: Record<string, unknown>;
	body: unknown;
}

/** The redactor for this context's Keen credential; without a readable credential there is no secret to hide. */
export async function credentialRedactor(ctx: KeenContext): Promise<Redactor> {
	const credentials = (await ctx.getCredentials('keenApi').then(
		(data) => data,
		() => ({}),
	)) as KeenKeys;
	return secretRedactor(keySecrets(credentials));
}

/** URL of a request, or a NodeOperationError naming what the credential lacks — before anything is sent. */
export function buildUrl(ctx: KeenContext, credentials: KeenCredentialData, request: KeenRequest): string {
	const what = request.operationName ?? 'This operation';
	const key = pickKey(request.keyKind, credentials);
	if (key === undefined) {
		throw new NodeOperationError(ctx.getNode(), `${what} needs the ${describeKeysFor(request.keyKind)}`, {
			description: `Fill in the ${describeKeysFor(request.keyKind)} in the Keen credential. Nothing was sent to Keen.`,
		});
	}
	const scope = request.scope ?? 'project';
	const id = scope === 'organization' ? credentials.organizationId : credentials.projectId;
	if (!id || !String(id).trim()) {
		const field = scope === 'organization' ? 'Organization ID' : 'Project ID';
		throw new NodeOperationError(ctx.getNode(), `${what} needs the ${field}`, {
			description: `Fill in the ${field} in the Keen credential. Nothing was sent to Keen.`,
		});
	}
	// keenPath refuses unsafe names naming their field; this re-check keeps a path made any other way from reaching a parent endpoint.
	if (!request.path.startsWith('/') || request.path.split('/').slice(1).some((segment) => unsafeSegment(segment) !== undefined)) {
		throw new NodeOperationError(ctx.getNode(), `${what}: refused to send a request to the unsafe path ${JSON.stringify(request.path)}`, {
			description: 'A name in the path would change which Keen endpoint is reached. Nothing was sent to Keen.',
		});
	}
	const base = String(credentials.baseUrl || 'https://api.keen.io').replace(/\/+$/, '');
	const prefix = scope === 'organization' ? 'organizations' : 'projects';
	return `${base}/3.0/${prefix}/${encodeURIComponent(String(id).trim())}${request.path}`;
}

/** Keen refused a key (401) or its permissions (403): say which key of the credential was used. */
const KEY_REFUSALS = new Set([401, 403]);

function keenApiError(ctx: KeenContext, response: FullResponse, request: KeenRequest, keyUsed: string | undefined): NodeApiError {
	const parsed = parseKeenErrorBody(response.body);
	const errorCode = parsed.errorCode;
	const text = parsed.message ?? `HTTP ${response.statusCode}`;
	const prefix = request.operationName ? `${request.operationName}: ` : '';
	const message = `${prefix}Keen answered ${response.statusCode}${errorCode ? ` ${errorCode}` : ''}: ${text}`;
	const error = new NodeApiError(
		ctx.getNode(),
		{ message: text, error_code: errorCode ?? null, status: response.statusCode } as JsonObject,
		{
			message,
			description: `${hintFor(response.statusCode, errorCode, parsed.message)}${keyUsed && KEY_REFUSALS.has(response.statusCode) ? ` This request used the ${keyUsed}.` : ''}`,
			httpCode: String(response.statusCode),
		},
	);
	return keepMessage(error, message);
}

/**
 * n8n-workflow swaps a message for a generic network text when it contains a network error code
 * case-insensitively, and "ResourceNotFoundError" contains "ENOTFOUND": keep Keen's words.
 */
function keepMessage(error: NodeApiError, message: string): NodeApiError {
	error.message = message;
	return error;
}

/**
 * The answer, when it is what the route declares; otherwise an error naming its status, content type
 * and first characters (redacted), so a proxy's or a login page's 200 never becomes data or trigger state.
 */
function checkAnswer(ctx: KeenContext, route: KeenRoute, request: KeenRequest, response: FullResponse, redact: Redactor): FullResponse {
	// Only a success carries data; a redirect is the redirect policy's to judge.
	if (response.statusCode < 200 || response.statusCode >= 300) return response;
	const contentType = response.headers?.['content-type'] === undefined ? undefined : String(response.headers['content-type']);
	const problem = answerProblem(route.answer, contentType, response.body);
	if (problem === undefined) return response;
	const prefix = request.operationName ? `${request.operationName}: ` : '';
	const preview = answerPreview(response.body);
	const message = `${prefix}the answer to ${routeText(route)} is not Keen's: ${response.statusCode} ${contentType || '(no content type)'}${preview ? ` "${preview}"` : ''}`;
	const error = new NodeApiError(ctx.getNode(), { message: problem, status: response.statusCode } as JsonObject, {
		message,
		description: `E${problem.slice(1)}. Check the API URL in the Keen credential: a proxy, a login page or another server may have answered. Nothing of this answer was used.`,
	});
	throw redact.error(keepMessage(error, message));
}

/** A network failure, rebuilt from scratch so nothing of the request (and so no key) rides along in `cause`. */
function networkError(ctx: KeenContext, cause: unknown, request: KeenRequest, url: string, policy: RetryPolicy, attempts: number): NodeApiError {
	const reason = String((cause as { message?: unknown })?.message ?? cause).replace(/\s+/g, ' ').slice(0, 300);
	const failure = describeNetworkFailure(cause, reason, url, policy.timeoutMs, attempts);
	const message = `${request.operationName ? `${request.operationName}: ` : ''}${failure.message}`;
	const error = new NodeApiError(ctx.getNode(), { message: reason } as JsonObject, { message, description: failure.hint });
	return keepMessage(error, message);
}

/** A 3xx answer, which n8n was told not to follow: the Location is named so the user can fix the API URL. */
function redirectError(ctx: KeenContext, response: FullResponse, request: KeenRequest, url: string): NodeApiError {
	const redirect = describeRedirect(response.statusCode, response.headers?.location, url);
	const message = `${request.operationName ? `${request.operationName}: ` : ''}${redirect.message}`;
	const error = new NodeApiError(ctx.getNode(), { message, status: response.statusCode } as JsonObject, {
		message,
		description: redirect.hint,
		httpCode: String(response.statusCode),
	});
	return keepMessage(error, message);
}

/**
 * Sends one request to Keen with the least-privileged key, retrying 429 (Retry-After), 5xx,
 * timeouts and dropped connections with backoff; answers Keen's errors as NodeApiError.
 */
export async function keenRequest(
	ctx: KeenContext,
	request: KeenRequest,
	policy: RetryPolicy = DEFAULT_RETRY_POLICY,
): Promise<unknown> {
	return (await keenResponse(ctx, request, policy)).body;
}

/** Keen's clock at its answer (the HTTP Date header), in ms since the epoch. */
export function answerDate(response: FullResponse): number | undefined {
	const date = Date.parse(String(response.headers?.date ?? ''));
	return Number.isFinite(date) ? date : undefined;
}

/** Hints already shown per execution context, so that a fallback on many items is reported once. */
const shownHints = new WeakMap<object, Set<string>>();

/** Tells the user, in the output panel's hints, that the master key was used instead (only a node run shows hints). */
function noteMasterFallback(ctx: KeenContext, request: KeenRequest, refused: FullResponse, keyUsed: string, redact: Redactor): void {
	if (!('addExecutionHints' in ctx) || typeof ctx.addExecutionHints !== 'function') return;
	const { message: text, errorCode } = parseKeenErrorBody(refused.body);
	const answer = `${refused.statusCode}${errorCode ? ` ${errorCode}` : ''}: ${text ?? `HTTP ${refused.statusCode}`}`;
	const message = redact.text(
		`Keen refused the ${keyUsed} for ${request.method} ${request.path} (${answer}), ` +
			'so the request was repeated once with the Master API Key, which Keen accepted.',
	);
	const shown = shownHints.get(ctx) ?? new Set<string>();
	shownHints.set(ctx, shown);
	if (shown.has(message)) return;
	shown.add(message);
	ctx.addExecutionHints({ message, location: 'outputPane' });
}

/**
 * Where Keen's sources disagree on the key (the route's `masterKeyMayBeRequired`) and Keen refused the
 * lesser key with 401/403, the master key gets one try when it is filled in and was not the one sent.
 */
function mayRetryWithMaster(request: KeenRequest, route: KeenRoute, credentials: KeenKeys, status: number): boolean {
	if (!KEY_REFUSALS.has(status)) return false;
	if (request.keyKind !== 'read' || route.masterKeyMayBeRequired !== true) return false;
	const master = pickKey('master', credentials);
	return master !== undefined && pickKey('read', credentials) !== master;
}

/**
 * The declared route of a request (transport/routes.ts). A request the table does not declare, or
 * with another key kind than its route's, is a bug of the package: it is refused before sending.
 */
function routeOf(ctx: KeenContext, request: KeenRequest): KeenRoute {
	const route = findRoute(request.method, request.scope ?? 'project', request.path);
	if (route === undefined || route.keyKind !== request.keyKind) {
		throw new NodeOperationError(
			ctx.getNode(),
			`${request.operationName ?? 'This operation'}: ${request.method} ${request.path} with the ${request.keyKind} key is not a declared Keen route${route ? ` (${routeText(route)} needs the ${route.keyKind} key)` : ''}`,
			{ description: 'This is a bug of the Keen node; please report it. Nothing was sent to Keen.' },
		);
	}
	return route;
}

/**
 * keenRequest, returning the whole successful answer (status, headers, body). Where the sources
 * disagree on the key, a refused read key is followed by one try with the master key. A 2xx answer
 * that is not what the route declares (an HTML page, plain text, JSON of another shape, cut-off
 * JSON) is an error, never data.
 */
export async function keenResponse(
	ctx: KeenContext,
	request: KeenRequest,
	policy: RetryPolicy = DEFAULT_RETRY_POLICY,
): Promise<FullResponse> {
	const route = routeOf(ctx, request);
	const credentials = (await ctx.getCredentials('keenApi')) as KeenCredentialData;
	// A server may echo the request (its Authorization header) in an error: no piece of a key leaves here.
	const redact = secretRedactor(keySecrets(credentials));
	const keyUsed = (kind: KeenRequest['keyKind']) => {
		const field = pickKeyField(kind, credentials);
		return field && KEY_FIELD_LABELS[field];
	};
	const response = await sendWithRetries(ctx, credentials, request, policy, redact);
	if (response.statusCode < 400) return checkAnswer(ctx, route, request, response, redact);
	if (mayRetryWithMaster(request, route, credentials, response.statusCode)) {
		const asMaster: KeenRequest = { ...request, keyKind: 'master' };
		const retried = await sendWithRetries(ctx, credentials, asMaster, policy, redact);
		if (retried.statusCode >= 400) throw redact.error(keenApiError(ctx, retried, asMaster, keyUsed('master')));
		noteMasterFallback(ctx, request, response, keyUsed('read') ?? 'read key', redact);
		return checkAnswer(ctx, route, asMaster, retried, redact);
	}
	throw redact.error(keenApiError(ctx, response, request, keyUsed(request.keyKind)));
}

/** One request with its retries; resolves with Keen's last answer, whatever its status but a redirect (an error). */
async function sendWithRetries(
	ctx: KeenContext,
	credentials: KeenCredentialData,
	request: KeenRequest,
	policy: RetryPolicy,
	redact: Redactor,
): Promise<FullResponse> {
	const rawJson = typeof request.body === 'string' || Buffer.isBuffer(request.body);
	const rawBody = typeof request.body === 'string' ? Buffer.from(request.body) : request.body;
	const url = buildUrl(ctx, credentials, request);
	const options: IHttpRequestOptions = {
		method: request.method,
		url,
		headers: {
			[CREDENTIAL_HINT_HEADER]: request.keyKind,
			'Keen-Sdk': 'n8n-nodes-keen',
			// A string or Buffer body is JSON the caller serialised already (batches): sent as it is.
			...(rawJson ? { 'Content-Type': 'application/json' } : {}),
		},
		qs: request.qs,
		// As a Buffer, so the HTTP client does not parse the JSON back to check it.
		body: (rawJson ? rawBody : request.body) as IDataObject | Buffer | undefined,
		json: !request.textResponse,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: policy.timeoutMs,
	};
	for (let attempt = 0; ; attempt++) {
		let response: FullResponse;
		try {
			response = (await ctx.helpers.httpRequestWithAuthentication.call(ctx, 'keenApi', {
				...options,
				headers: { ...options.headers },
			})) as FullResponse;
		} catch (error) {
			if (attempt < policy.maxRetries && isRetryableNetworkError(error)) {
				await sleep(retryDelay(attempt, policy, undefined));
				continue;
			}
			throw redact.error(networkError(ctx, error, request, url, policy, attempt + 1));
		}
		if (isRedirect(response.statusCode)) throw redact.error(redirectError(ctx, response, request, url));
		if (response.statusCode < 400) return response;
		if (attempt < policy.maxRetries && isRetryableStatus(response.statusCode)) {
			const retryAfter = parseRetryAfter(response.headers?.['retry-after'], Date.now());
			await sleep(retryDelay(attempt, policy, retryAfter));
			continue;
		}
		return response;
	}
}
