import { request } from 'undici';
import type { KeenServer } from './index';

export interface CallOptions {
	key?: string;
	/** Sent as ?api_key= instead of the Authorization header. */
	apiKey?: string;
	body?: unknown;
	/** Sent verbatim, for malformed or oversized bodies. */
	rawBody?: string;
	query?: Record<string, unknown>;
}

export interface CallResult {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	body: any;
	text: string;
}

/** One request to the test server; object/array query values are JSON-encoded like SDKs do (docs/keen-api.md §7.1). */
export async function call(server: KeenServer, method: string, path: string, options: CallOptions = {}): Promise<CallResult> {
	const url = new URL(path, server.url);
	for (const [name, value] of Object.entries(options.query ?? {})) url.searchParams.set(name, typeof value === 'string' ? value : JSON.stringify(value));
	if (options.apiKey) url.searchParams.set('api_key', options.apiKey);
	const headers: Record<string, string> = {};
	if (options.key) headers.authorization = options.key;
	const payload = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
	if (payload !== undefined) headers['content-type'] = 'application/json';
	const response = await request(url, { method: method as 'GET', headers, body: payload });
	const text = await response.body.text();
	let body: unknown = text;
	try {
		body = text ? JSON.parse(text) : undefined;
	} catch {
		// Non-JSON answers (CSV, GIF) stay text.
	}
	return { status: response.statusCode, headers: response.headers, body, text };
}

/** `/3.0/projects/{PID}/…` of the server's default project. */
export function projectUrl(server: KeenServer, ...segments: string[]): string {
	return ['/3.0/projects', server.projectId, ...segments.map(encodeURIComponent)].join('/');
}
