import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { authorize, extractKey } from './auth';
import { KeenError } from './errors';
import { FaultInjector, faultReply, type FaultRule } from './faults';
import { badRequest, notFound, type Reply, type RequestContext } from './http';
import { ingestDirect } from './ingest';
import { randomHex } from './prng';
import { Router, splitPath, type Route } from './router';
import { accessKeyRoutes } from './routes/keys';
import { datasetRoutes } from './routes/datasets';
import { eventRoutes } from './routes/events';
import { metaRoutes } from './routes/meta';
import { organizationRoutes } from './routes/organization';
import { queryRoutes } from './routes/queries';
import { savedQueryRoutes } from './routes/saved';
import { seedProject } from './seed';
import { readSnapshot, restoreSnapshot, writeSnapshot } from './snapshot';
import { ServerState, type EmailExtraction, type KeyKind, type Limits, type Project } from './state';
import type { StoredEvent } from './types';
import { REFRESH_RATE_BOUNDS, resolveVariants, variantsFromEnvironment, type KeenServerVariants } from './variants';

export type { FaultRule } from './faults';
export type { EmailExtraction, KeyKind, Project } from './state';
export { DEFAULT_VARIANTS, STRICT_VARIANTS, type KeenServerVariants } from './variants';

export interface KeenServerOptions {
	/** 0 (default) picks a free port. */
	port?: number;
	host?: string;
	/** Number of sample events to store at start (only when no snapshot was loaded). */
	seed?: number;
	/** PRNG seed for sample events (default 1). */
	seedRandom?: number;
	/** JSON snapshot loaded at start when it exists and written by close(). */
	dataFile?: string;
	/** Clock; `setNow()` can pin it later. Default: the real time. */
	now?: () => Date;
	/** Fixed identifiers and keys for reproducible runs; random 64-hex keys otherwise. */
	projectId?: string;
	masterKey?: string;
	writeKey?: string;
	readKey?: string;
	organizationId?: string;
	organizationKey?: string;
	/** Accepted non-zero refresh_rate bounds in seconds; overrides the `refreshRate` variant's (docs/keen-api.md §8.2). */
	refreshRate?: { min: number; max: number };
	/**
	 * Behaviour where Keen's sources disagree (variants.ts, README): `'strict'` or switches over
	 * the defaults (`{ strict: true, … }` over the strict set). Omitted: KEEN_LOCAL_VARIANTS, else the defaults.
	 */
	variants?: 'strict' | (Partial<KeenServerVariants> & { strict?: boolean });
	/** Body limits in bytes (defaults 900,000 / 10,000,000, §13) and cached-query allowance (default 10). */
	limits?: Partial<Pick<Limits, 'eventBytes' | 'batchBytes' | 'cachedQueries'>>;
	/** Keep parsed request bodies in the request log (default true; turn off for benchmarks). */
	logBodies?: boolean;
	/** Seed of the PRNG behind probabilistic faults (default 1). */
	faultSeed?: number;
}

export interface RequestLogEntry {
	method: string;
	path: string;
	/** Query parameters, `api_key` left out. */
	query: Record<string, string>;
	keyKind: KeyKind | null;
	/** Parsed JSON body; undefined for bodiless requests or when `logBodies` is false. */
	body: unknown;
	/** Status sent (or, for `dropAfterProcessing`, the one that would have been); 0 when dropped unanswered. */
	status: number;
	/** Kind of the fault injected into this request, if any. */
	fault?: FaultRule['kind'];
	/** Events its queries scanned (Keen's `events_scanned`, also without `include_metadata`). */
	eventsScanned?: number;
}

export interface KeenServer {
	url: string;
	projectId: string;
	masterKey: string;
	writeKey: string;
	readKey: string;
	organizationId: string;
	organizationKey: string;
	/** The behaviour chosen for each point where Keen's sources disagree. */
	readonly variants: Readonly<KeenServerVariants>;
	/** Fault injection: `faults.add(rule)`, `faults.clear()`. */
	faults: FaultInjector;
	/** Live request log, oldest first. */
	readonly requests: RequestLogEntry[];
	clearRequests(): void;
	/** Email extractions "sent" so far. */
	readonly emailExtractions: EmailExtraction[];
	/** The default project's state (events store, saved queries, datasets, access keys). */
	project: Project;
	/** Any project by id (organization API creates more). */
	getProject(id: string): Project | undefined;
	/** Stored events of a collection of the default project, in insertion order. */
	events(collection: string): Record<string, unknown>[];
	eventCount(collection?: string): number;
	/** Stores events in the default project without HTTP, through the same validation (benchmarks, fixtures). */
	ingest(collection: string, events: Record<string, unknown>[]): number;
	/** Pins the clock (Date or ISO string); null returns to the `now` option or the real time. */
	setNow(now: Date | string | null): void;
	now(): Date;
	/** Writes the snapshot to `dataFile` now (close() does it too). */
	save(): void;
	close(): Promise<void>;
}

const DEFAULT_LIMITS = { eventBytes: 900_000, batchBytes: 10_000_000, cachedQueries: 10 };

/** CORS for browser SDKs (docs/keen-api.md §1.4): any origin, Keen's request headers. */
const CORS_HEADERS = {
	'Access-Control-Allow-Origin': '*',
	'Access-Control-Allow-Methods': 'GET, POST, PUT, DELETE, OPTIONS',
	'Access-Control-Allow-Headers': 'Authorization, Content-Type, Keen-Sdk',
	'Access-Control-Max-Age': '86400',
};

/** Every route the server answers, with the access each needs (checked against the node's route table in test/unit/routes.test.ts). */
export const SERVER_ROUTES: readonly Route[] = [...metaRoutes, ...eventRoutes, ...savedQueryRoutes, ...queryRoutes, ...datasetRoutes, ...accessKeyRoutes, ...organizationRoutes];
const ROUTER = new Router([...SERVER_ROUTES]);

/** Reads the body; past `limit` bytes it keeps draining the socket but stops buffering. */
function readBody(req: IncomingMessage, limit: number): Promise<{ body: Buffer; tooLarge: boolean }> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		req.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size <= limit) chunks.push(chunk);
		});
		req.on('end', () => resolve({ body: chunks.length === 1 ? chunks[0] : Buffer.concat(chunks), tooLarge: size > limit }));
		req.on('error', reject);
	});
}

function errorReply(error: unknown): Reply {
	if (error instanceof KeenError) return { status: error.status, body: error.toBody() };
	return { status: 500, body: { message: `Internal server error: ${(error as Error)?.message ?? String(error)}`, error_code: 'InternalServerError' } };
}

function send(res: ServerResponse, reply: Reply): void {
	const headers: Record<string, string> = { ...CORS_HEADERS, ...reply.headers };
	let payload: string | Buffer | undefined = reply.text;
	if (payload !== undefined) headers['Content-Type'] = reply.contentType ?? 'text/plain; charset=utf-8';
	else if (reply.body !== undefined) {
		payload = JSON.stringify(reply.body);
		headers['Content-Type'] = 'application/json; charset=utf-8';
	}
	res.writeHead(reply.status, headers);
	res.end(payload);
}

/** The query string without `api_key`: keys never appear in the log (keyKind says which one was used). */
function loggedQuery(query: URLSearchParams): Record<string, string> {
	const logged = Object.fromEntries(query);
	delete logged.api_key;
	return logged;
}

/**
 * The log shows the body as the client sent it; ingest mutates the parsed events, so the raw
 * bytes are kept and parsed again only when a test reads `body`.
 */
function logBodyAsSent(entry: RequestLogEntry, raw: Buffer): void {
	let parsed: unknown;
	Object.defineProperty(entry, 'body', {
		enumerable: true,
		get: () => (parsed ??= JSON.parse(raw.toString('utf8'))),
	});
}

function delay(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Resolves route, project and key, then runs the handler; every failure becomes a Keen error reply. */
async function dispatch(ctx: RequestContext, pathname: string, entry: RequestLogEntry): Promise<Reply> {
	const segments = splitPath(pathname);
	if (!segments) throw badRequest('The path is not validly URL-encoded.');
	const match = ROUTER.match(ctx.method, segments);
	if (!match) throw notFound(`${ctx.method} ${pathname}`);
	ctx.params = match.params;
	if (match.params.org !== undefined && match.params.org !== ctx.state.organizationId) throw notFound(`organization "${match.params.org}"`);
	const project = match.params.pid === undefined ? null : ctx.state.projects.get(match.params.pid);
	if (project === undefined) throw notFound(`project "${match.params.pid}"`);
	const rawKey = extractKey(ctx.headers, ctx.query);
	ctx.key = rawKey ? ctx.state.resolveKey(rawKey) ?? null : null;
	entry.keyKind = ctx.key?.kind ?? null;
	const variants = ctx.state.variants;
	const access = match.route.masterOnlyVariant && variants.masterOnlyLists ? 'master' : typeof match.route.access === 'function' ? match.route.access(ctx.query) : match.route.access;
	authorize(rawKey, ctx.key, access, project, variants.wrongKeyStatus);
	if (project) ctx.project = project;
	return match.route.handle(ctx);
}

/** Starts a Keen-compatible server; resolves once it listens. */
export async function startKeenServer(options: KeenServerOptions = {}): Promise<KeenServer> {
	let pinnedNow: Date | null = null;
	const clock = () => (pinnedNow ? new Date(pinnedNow.getTime()) : options.now ? options.now() : new Date());
	const snapshot = options.dataFile ? readSnapshot(options.dataFile) : null;
	const variants = Object.freeze(resolveVariants(options.variants ?? variantsFromEnvironment(process.env.KEEN_LOCAL_VARIANTS)));
	const refreshRate = options.refreshRate ?? REFRESH_RATE_BOUNDS[variants.refreshRate];
	const limits: Limits = { ...DEFAULT_LIMITS, ...options.limits, refreshRateMin: refreshRate.min, refreshRateMax: refreshRate.max };
	const state = new ServerState(
		snapshot?.organizationId ?? options.organizationId ?? randomHex(12),
		snapshot?.organizationKey ?? options.organizationKey ?? randomHex(32),
		limits,
		clock,
		variants,
	);
	let project: Project;
	if (snapshot) {
		restoreSnapshot(state, snapshot);
		project = state.projects.values().next().value as Project;
	} else {
		project = state.createProject({ id: options.projectId, masterKey: options.masterKey, writeKey: options.writeKey, readKey: options.readKey });
		if (options.seed) seedProject(state, project, options.seed, options.seedRandom ?? 1);
	}

	const faults = new FaultInjector(options.faultSeed ?? 1);
	const requests: RequestLogEntry[] = [];
	const logBodies = options.logBodies ?? true;
	let baseUrl = '';

	async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const method = req.method ?? 'GET';
		const url = new URL(req.url ?? '/', 'http://keen.local');
		const entry: RequestLogEntry = { method, path: url.pathname, query: loggedQuery(url.searchParams), keyKind: null, body: undefined, status: 0 };
		requests.push(entry);
		const fault = faults.pick(method, url.pathname);
		if (fault) entry.fault = fault.kind;
		if (fault?.kind === 'drop') {
			req.socket.destroy();
			return;
		}
		const { body, tooLarge } = await readBody(req, limits.batchBytes);
		if (fault?.kind === 'stall') await delay(fault.ms);
		let reply: Reply;
		if (fault?.kind === 'status') reply = faultReply(fault);
		else if (fault?.kind === 'reply') reply = { status: fault.status, text: fault.body, contentType: fault.contentType };
		else if (method === 'OPTIONS') reply = { status: 204 };
		else {
			const ctx = { state, method, params: {}, query: url.searchParams, rawBody: body, bodyTooLarge: tooLarge, headers: req.headers, remoteAddress: req.socket.remoteAddress ?? '', baseUrl, key: null } as unknown as RequestContext;
			reply = await dispatch(ctx, url.pathname, entry).catch(errorReply);
			if (logBodies && ctx.parsedBody !== undefined) logBodyAsSent(entry, body);
			if (ctx.eventsScanned !== undefined) entry.eventsScanned = ctx.eventsScanned;
		}
		entry.status = reply.status;
		if (fault?.kind === 'dropAfterProcessing') req.socket.destroy();
		// The Date header tells clients the server's clock (the Keen Trigger starts watching on it); Node's own would ignore setNow.
		else send(res, { ...reply, headers: { Date: clock().toUTCString(), ...reply.headers } });
	}

	const server: Server = createServer((req, res) => {
		handle(req, res).catch((error) => {
			if (!res.headersSent && !res.destroyed) send(res, errorReply(error));
		});
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
	});
	const address = server.address() as AddressInfo;
	const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
	baseUrl = `http://${host}:${address.port}`;
	const save = () => {
		if (options.dataFile) writeSnapshot(state, options.dataFile);
	};

	return {
		url: baseUrl,
		projectId: project.id,
		masterKey: project.masterKey,
		writeKey: project.writeKey,
		readKey: project.readKey,
		organizationId: state.organizationId,
		organizationKey: state.organizationKey,
		variants,
		faults,
		requests,
		clearRequests: () => {
			requests.length = 0;
		},
		emailExtractions: state.emailExtractions,
		project,
		getProject: (id) => state.projects.get(id),
		events: (collection) => project.store.events(collection).map((stored: StoredEvent) => stored.event),
		eventCount: (collection) => project.store.eventCount(collection),
		ingest: (collection, events) => ingestDirect(state, project, collection, events),
		setNow: (now) => {
			pinnedNow = now === null ? null : new Date(now);
		},
		now: clock,
		save,
		close: async () => {
			save();
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}
