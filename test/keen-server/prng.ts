import { randomBytes } from 'node:crypto';

/**
 * Mulberry32: a tiny seeded PRNG. Seed data and probabilistic faults use it so that a run
 * with the same seed sees the same events and the same injected failures.
 */
export function createPrng(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** Cryptographically random lowercase hex, `bytes * 2` characters long. */
export function randomHex(bytes: number): string {
	return randomBytes(bytes).toString('hex');
}

/**
 * Generator of keen.id values: 24 hex chars like Keen's (docs/keen-api.md §2.5) — 8 for the
 * creation second, 6 random per server, 10 for a counter. Cheaper than random bytes per event.
 */
export function createIdGenerator(): (nowMs: number) => string {
	const middle = randomHex(3);
	let counter = 0;
	return (nowMs) => {
		counter = (counter + 1) % 0x10000000000;
		const seconds = Math.floor(nowMs / 1000).toString(16).padStart(8, '0');
		return seconds + middle + counter.toString(16).padStart(10, '0');
	};
}
