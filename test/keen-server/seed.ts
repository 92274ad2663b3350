import { ingestDirect } from './ingest';
import { createPrng } from './prng';
import type { ServerState, Project } from './state';

const DAY_MS = 24 * 3600 * 1000;
const SEED_DAYS = 30;
const COUNTRIES = ['US', 'US', 'US', 'CA', 'GB', 'DE', 'FR', 'BR', 'IN', 'JP'];
const DEVICES = [
	{ type: 'desktop', os: 'Windows', browser: 'Chrome' },
	{ type: 'desktop', os: 'macOS', browser: 'Safari' },
	{ type: 'mobile', os: 'iOS', browser: 'Safari' },
	{ type: 'mobile', os: 'Android', browser: 'Chrome' },
	{ type: 'tablet', os: 'iPadOS', browser: 'Safari' },
];
const PAGES = ['/', '/pricing', '/docs', '/blog', '/signup', '/checkout'];
const REFERRERS = ['https://www.google.com/', 'https://twitter.com/', 'https://news.ycombinator.com/', null];
const PLANS = ['free', 'free', 'starter', 'pro'];
const ITEMS = [
	{ id: 'sku-1', name: 'Golden Widget', category: 'widgets', price: 25.5 },
	{ id: 'sku-2', name: 'Silver Widget', category: 'widgets', price: 12 },
	{ id: 'sku-3', name: 'Gadget Pro', category: 'gadgets', price: 99.99 },
	{ id: 'sku-4', name: 'Gadget Mini', category: 'gadgets', price: 49 },
];

type Random = () => number;

function pick<T>(random: Random, list: readonly T[]): T {
	return list[Math.floor(random() * list.length)];
}

/** One realistic event of a random collection: pageviews 60 %, purchases 25 %, signups 15 %. */
function sampleEvent(random: Random, userCount: number, ts: number): { collection: string; event: Record<string, unknown> } {
	const userNumber = Math.floor(random() * userCount) + 1;
	const user = { id: `user-${String(userNumber).padStart(4, '0')}`, country: COUNTRIES[userNumber % COUNTRIES.length] };
	const device = pick(random, DEVICES);
	const keen = { timestamp: new Date(ts).toISOString() };
	const roll = random();
	if (roll < 0.6) {
		const path = pick(random, PAGES);
		return {
			collection: 'pageviews',
			event: { user, device, country: user.country, page: { path, url: `https://shop.example.com${path}` }, referrer: pick(random, REFERRERS), duration_ms: Math.floor(random() * 60_000), keen },
		};
	}
	if (roll < 0.85) {
		const item = pick(random, ITEMS);
		const quantity = 1 + Math.floor(random() * 3);
		return {
			collection: 'purchases',
			event: { user, device, country: user.country, item: { id: item.id, name: item.name, category: item.category }, quantity, price: item.price * quantity, on_sale: random() < 0.2, tags: [item.category, device.type], keen },
		};
	}
	return {
		collection: 'signups',
		event: { user: { ...user, email: `${user.id}@example.com`, plan: pick(random, PLANS) }, device, country: user.country, source: pick(random, ['organic', 'ads', 'referral']), keen },
	};
}

/**
 * Stores `count` sample events spread over the last 30 days of the server clock,
 * deterministic for a given PRNG seed and clock.
 */
export function seedProject(state: ServerState, project: Project, count: number, seed: number): void {
	const random = createPrng(seed);
	const now = state.now().getTime();
	const userCount = Math.max(20, Math.ceil(count / 10));
	const timestamps = Array.from({ length: count }, () => now - Math.floor(random() * SEED_DAYS * DAY_MS)).sort((a, b) => a - b);
	for (const ts of timestamps) {
		const { collection, event } = sampleEvent(random, userCount, ts);
		ingestDirect(state, project, collection, [event], ts);
	}
}
