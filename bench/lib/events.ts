import type { IDataObject } from 'n8n-workflow';

/**
 * Deterministic benchmark events: about 300 bytes of JSON each, with a few nested objects,
 * as a shop's purchase events look. The same index always gives the same event.
 */
const COUNTRIES = ['US', 'CA', 'DE', 'FR', 'JP', 'BR', 'IN', 'GB'];
const PLANS = ['free', 'starter', 'pro', 'enterprise'];
const BROWSERS = ['Firefox 127', 'Chrome 126', 'Safari 17.5', 'Edge 126'];
const BASE_MS = Date.UTC(2024, 5, 1);

export type BenchEvent = IDataObject;

export function makeEvent(i: number): BenchEvent {
	const sku = 1000 + ((i * 7919) % 9000);
	return {
		order_id: `ord-${i.toString().padStart(8, '0')}`,
		session_id: `s-${((i * 2654435761) >>> 0).toString(16).padStart(8, '0')}`,
		user: { id: `u${(i * 31) % 50_000}`, country: COUNTRIES[i % COUNTRIES.length], plan: PLANS[i % PLANS.length] },
		item: { sku: `SKU-${sku}`, name: `Gadget model ${sku % 97}`, price: ((i * 13) % 9973) / 100, quantity: 1 + (i % 5) },
		page: { url: `https://shop.example.com/products/${sku}`, browser: BROWSERS[i % BROWSERS.length] },
		created_at: new Date(BASE_MS + i * 1000).toISOString(),
	};
}

export function makeEvents(count: number, offset = 0): BenchEvent[] {
	const events = new Array<BenchEvent>(count);
	for (let i = 0; i < count; i++) events[i] = makeEvent(offset + i);
	return events;
}

/** Mean JSON size of the first `sample` events, in bytes. */
export function meanEventBytes(sample = 1000): number {
	let bytes = 0;
	for (let i = 0; i < sample; i++) bytes += Buffer.byteLength(JSON.stringify(makeEvent(i)));
	return Math.round(bytes / sample);
}

/**
 * JavaScript that defines `makeEvent` as above, for a Code node inside a real n8n
 * (bench/n8n.ts): the same events there as in the engine cases, from this one definition.
 */
export function makeEventSource(): string {
	const constants = { COUNTRIES, PLANS, BROWSERS, BASE_MS };
	const declarations = Object.entries(constants).map(([name, value]) => `const ${name} = ${JSON.stringify(value)};`);
	return [...declarations, makeEvent.toString()].join('\n');
}

/** Stands in for the node's per-execution hash prefix of Auto tokens (32 hex characters). */
const RUN_HASH = 'c0ffee00'.repeat(4);

/**
 * The events as the ceilings send them: each with the keen.timestamp (one recording time) and a
 * keen.uniqueness_token shaped like the node's Auto token, as the node's events carry, so the
 * server does the same work and the same bytes cross the wire. Tokens number the events from `offset`.
 */
export function withKeenProperties(events: BenchEvent[], offset = 0): BenchEvent[] {
	const recordedAt = new Date().toISOString();
	return events.map((event, i) => ({ ...event, keen: { timestamp: recordedAt, uniqueness_token: `${RUN_HASH}-${offset + i}` } }));
}

/** Batch `index` of the events as the body of `POST /events`, serialised as the ceilings do: one JSON.stringify per batch. */
export function ceilingBatchBody(collection: string, events: BenchEvent[], index: number, batchSize: number): string {
	return JSON.stringify({ [collection]: events.slice(index * batchSize, (index + 1) * batchSize) });
}
