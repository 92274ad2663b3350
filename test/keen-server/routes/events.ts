import { selectEvents } from '../analysis';
import { accessOptions } from '../auth';
import { KeenError } from '../errors';
import { EventRejection, checkCollectionName, prepareEvent, type IngestContext } from '../events';
import { NO_CONTENT, analysisContext, badRequest, decodeQueryValue, json, notFound, parseJsonBody, parseJsonObject, projectPath, type Reply, type RequestContext } from '../http';
import type { Route } from '../router';

const SUCCESS = { success: true } as const;

/** A transparent 1×1 GIF, the image-beacon answer (docs/keen-api.md §4.1b). */
const BEACON_GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

function ingestContext(ctx: RequestContext): IngestContext {
	const now = ctx.state.now();
	const autofill = accessOptions(ctx.key, 'writes')?.autofill;
	return {
		nowMs: now.getTime(),
		nowIso: now.toISOString(),
		ip: ctx.remoteAddress,
		userAgent: String(ctx.headers['user-agent'] ?? ''),
		newId: ctx.state.newEventId,
		autofill: autofill && typeof autofill === 'object' ? (autofill as Record<string, unknown>) : undefined,
	};
}

function tooLarge(what: string, limit: number): KeenError {
	return new KeenError(413, 'PayloadTooLargeError', `${what} is larger than ${limit} bytes.`);
}

function rejectionError(rejection: EventRejection): KeenError {
	return new KeenError(400, rejection.name, rejection.description);
}

/** Validates and stores one event; a duplicate uniqueness token counts as success (README). */
function storeOne(ctx: RequestContext, collection: string, raw: unknown, ingest: IngestContext): EventRejection | null {
	const nameError = checkCollectionName(collection);
	if (nameError) return nameError;
	const prepared = prepareEvent(raw, ingest);
	if (prepared instanceof EventRejection) return prepared;
	ctx.project.store.insert(collection, prepared, ingest.nowMs);
	return null;
}

function recordSingle(ctx: RequestContext, raw: () => unknown): Reply {
	const rejection = storeOne(ctx, ctx.params.collection, raw(), ingestContext(ctx));
	if (rejection) throw rejectionError(rejection);
	return json(201, { created: true });
}

/** POST /events/{COLLECTION} (§4.1): 413 past the single-event limit, 400 for any rule broken. */
function recordEvent(ctx: RequestContext): Reply {
	const limit = ctx.state.limits.eventBytes;
	if (ctx.bodyTooLarge || ctx.rawBody.length > limit) throw tooLarge('The event', limit);
	return recordSingle(ctx, () => parseJsonBody(ctx, 'InvalidEventError'));
}

/** GET /events/{COLLECTION}?data=<base64 JSON> — the image beacon; both base64 alphabets are accepted (§4.1b). */
function recordBeacon(ctx: RequestContext): Reply {
	const encoded = ctx.query.get('data') ?? '';
	recordSingle(ctx, () => {
		try {
			return JSON.parse(Buffer.from(encoded, 'base64').toString('utf8'));
		} catch {
			throw badRequest('The data parameter is not base64-encoded JSON.', 'InvalidEventError');
		}
	});
	return { status: 200, text: BEACON_GIF, contentType: 'image/gif' };
}

/** A batch item past the single-event limit (§13) is refused like a single event would be, with the same error name. */
function oversized(event: unknown, limit: number): EventRejection | null {
	const bytes = Buffer.byteLength(JSON.stringify(event));
	return bytes > limit ? new EventRejection('PayloadTooLargeError', `The event is ${bytes} bytes as JSON; the per-event limit is ${limit} bytes.`) : null;
}

/**
 * POST /events (§4.2): per-item results in submission order; only a malformed body fails as a
 * whole. Items are measured against the per-event limit only when the whole body is larger
 * than that limit — otherwise none of them can be.
 */
function recordBatch(ctx: RequestContext): Reply {
	const limit = ctx.state.limits.batchBytes;
	if (ctx.bodyTooLarge) throw tooLarge('The batch', limit);
	const batch = parseJsonObject(ctx, 'InvalidBatchError');
	const ingest = ingestContext(ctx);
	const eventLimit = ctx.state.limits.eventBytes;
	const measure = ctx.rawBody.length > eventLimit;
	const answer: Record<string, unknown[]> = {};
	for (const collection of Object.keys(batch)) {
		const events = batch[collection];
		if (!Array.isArray(events)) throw badRequest(`The value for collection "${collection}" must be a list of events.`, 'InvalidBatchError');
		const results = new Array<unknown>(events.length);
		for (let i = 0; i < events.length; i++) {
			const rejection = (measure ? oversized(events[i], eventLimit) : null) ?? storeOne(ctx, collection, events[i], ingest);
			results[i] = rejection ? { success: false, error: { name: rejection.name, description: rejection.description } } : SUCCESS;
		}
		answer[collection] = results;
	}
	return json(200, answer);
}

function collectionSchema(ctx: RequestContext, name: string): { name: string; properties: Record<string, string>; url: string } {
	const collection = ctx.project.store.collections.get(name);
	if (!collection) throw notFound(`collection "${name}"`);
	return { name, properties: collection.schema.properties(), url: projectPath(ctx.project, 'events', name) };
}

/** GET /events (§5.1). */
function listSchemas(ctx: RequestContext): Reply {
	return json(200, [...ctx.project.store.collections.keys()].sort().map((name) => collectionSchema(ctx, name)));
}

/** GET /events/{COLLECTION} (§5.2) — answered with name and url as well as properties (README). */
function getSchema(ctx: RequestContext): Reply {
	return ctx.query.has('data') ? recordBeacon(ctx) : json(200, collectionSchema(ctx, ctx.params.collection));
}

/** GET /events/{COLLECTION}/properties/{PROPERTY} (§5.3). */
function getProperty(ctx: RequestContext): Reply {
	const { collection, property } = ctx.params;
	const type = collectionSchema(ctx, collection).properties[property];
	if (type === undefined) throw notFound(`property "${property}" in collection "${collection}"`);
	return json(200, { property_name: property, url: projectPath(ctx.project, 'events', collection, 'properties', property), type });
}

/**
 * DELETE /events/{COLLECTION} (§6): filters, timeframe and timezone are read from the query
 * string only — a body is ignored, and with neither filters nor timeframe the whole
 * collection goes, exactly the trap keen-analysis.js #24 describes.
 */
function deleteEvents(ctx: RequestContext): Reply {
	const { collection } = ctx.params;
	const store = ctx.project.store;
	if (!store.collections.has(collection)) throw notFound(`collection "${collection}"`);
	if (!ctx.query.has('filters') && !ctx.query.has('timeframe')) {
		store.deleteCollection(collection);
		return NO_CONTENT;
	}
	const scope: Record<string, unknown> = {};
	for (const name of ['filters', 'timeframe', 'timezone']) {
		const value = ctx.query.get(name);
		if (value !== null) scope[name] = decodeQueryValue(value);
	}
	store.deleteEvents(collection, selectEvents(collection, scope, analysisContext(ctx)));
	return NO_CONTENT;
}

/** DELETE /events/{COLLECTION}/properties/{PROPERTY} (§6): `keen.*` is protected with a 403. */
function deleteProperty(ctx: RequestContext): Reply {
	const { collection, property } = ctx.params;
	if (property === 'keen' || property.startsWith('keen.')) {
		throw new KeenError(403, 'ProtectedPropertyError', `"${property}" is a keen property and cannot be deleted.`);
	}
	if (collectionSchema(ctx, collection).properties[property] === undefined) throw notFound(`property "${property}" in collection "${collection}"`);
	ctx.project.store.deleteProperty(collection, property);
	return NO_CONTENT;
}

const EVENTS = '/3.0/projects/:pid/events';

export const eventRoutes: Route[] = [
	{ method: 'POST', path: EVENTS, access: 'writes', handle: recordBatch },
	{ method: 'GET', path: EVENTS, access: 'schema', handle: listSchemas },
	{ method: 'POST', path: `${EVENTS}/:collection`, access: 'writes', handle: recordEvent },
	{ method: 'GET', path: `${EVENTS}/:collection`, access: (query) => (query.has('data') ? 'writes' : 'schema'), handle: getSchema },
	{ method: 'DELETE', path: `${EVENTS}/:collection`, access: 'master', handle: deleteEvents },
	{ method: 'GET', path: `${EVENTS}/:collection/properties/:property`, access: 'schema', handle: getProperty },
	{ method: 'DELETE', path: `${EVENTS}/:collection/properties/:property`, access: 'master', handle: deleteProperty },
];
