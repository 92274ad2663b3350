import { KeenInputError } from './errors';

export type UniquenessMode = 'auto' | 'field' | 'off';

const UNIQUENESS_MODES: readonly string[] = ['auto', 'field', 'off'];

/** The Uniqueness Token mode; an unknown one (from an expression) is an error, never a silent Off. */
export function uniquenessMode(value: unknown, field: string): UniquenessMode {
	const mode = value === undefined || value === null || value === '' ? 'auto' : value;
	if (typeof mode !== 'string' || !UNIQUENESS_MODES.includes(mode)) {
		throw new KeenInputError(
			`Unknown uniqueness token mode ${JSON.stringify(mode)?.slice(0, 40)}`,
			field,
			'Use auto, field (From Value) or off.',
		);
	}
	return mode as UniquenessMode;
}

/** Keen keeps the first event of each token per collection for 31 days; tokens are ≤ 64 characters (docs/keen-api.md §2.5). */
export const MAX_TOKEN_LENGTH = 64;

/**
 * 128-bit non-cryptographic hash as 32 hex characters: four 32-bit multiply-xor lanes over the
 * UTF-16 code units, each finished with an avalanche step. Only collisions matter here (a
 * colliding token would make Keen drop an event), and 128 bits make them negligible.
 */
export function hash128(text: string): string {
	let a = 0x811c9dc5;
	let b = 0x9e3779b9;
	let c = 0x85ebca6b;
	let d = 0xc2b2ae35;
	for (let i = 0; i < text.length; i++) {
		const code = text.charCodeAt(i);
		a = Math.imul(a ^ code, 0x01000193);
		b = Math.imul(b ^ code, 0x5bd1e995);
		c = Math.imul(c ^ code, 0x27d4eb2f);
		d = Math.imul(d ^ code, 0x165667b1);
		b ^= a >>> 15;
		c ^= b >>> 13;
		d ^= c >>> 11;
	}
	return [a ^ d, b ^ a, c ^ b, d ^ c].map((lane) => avalanche(lane, text.length)).join('');
}

function avalanche(value: number, length: number): string {
	let h = value ^ length;
	h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
	h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
	h ^= h >>> 16;
	return (h >>> 0).toString(16).padStart(8, '0');
}

/**
 * What makes Auto tokens differ between executions, workflows, nodes and runs of a node (the
 * collection is given per event), while staying the same for a retried request of one run.
 */
export interface AutoTokenScope {
	executionId: string;
	workflowId: string;
	nodeName: string;
	/** Which run of the node in this execution: a loop (Loop Over Items) runs it again with new items at the same indexes. */
	runIndex: number;
	/** Random, drawn once per execution: two executions sharing an ID (a reset database, a second instance) still differ. */
	executionNonce: string;
}

/**
 * An Auto token, `${base}-${suffix}`, in its two parts: the base is shared by a run's events of one
 * collection, so the request writer can reuse the text before the suffix (helpers/eventJson.ts).
 */
export interface AutoToken {
	base: string;
	suffix: string;
}

/** A uniqueness token as Keen gets it. */
export function tokenText(token: string | AutoToken): string {
	return typeof token === 'string' ? token : `${token.base}-${token.suffix}`;
}

/**
 * Auto tokens of one run of the node: `token(collection, itemIndex, position)` for event `position`
 * of input item `itemIndex`, the same for a retried request of this run (so Keen de-duplicates it),
 * different in another run of the node (a loop) and in another execution. The item index is appended in clear, so two items of one
 * execution can never collide; the hash of the scope is computed once per collection, not per event.
 */
export function autoTokens(scope: AutoTokenScope): (collection: string, itemIndex: number, position?: number) => AutoToken {
	const bases = new Map<string, string>();
	return (collection, itemIndex, position = 0) => {
		let base = bases.get(collection);
		if (base === undefined) {
			base = hash128(
				[scope.executionId, scope.workflowId, scope.nodeName, scope.runIndex, scope.executionNonce, collection].join('\u0000'),
			);
			bases.set(collection, base);
		}
		return { base, suffix: position === 0 ? String(itemIndex) : `${itemIndex}-${position}` };
	};
}

/**
 * Token from the user's value (an order ID, say). An item that yields several events gets the
 * event's position appended; values too long for Keen are hashed, which keeps them stable.
 */
export function fieldToken(value: unknown, field: string, position = 0, eventsOfItem = 1): string {
	if (value === undefined || value === null || String(value).trim() === '') {
		throw new KeenInputError(
			'The uniqueness token is empty',
			field,
			'Map a value that identifies the event, such as {{ $json.orderId }}, or set Uniqueness Token to Auto or Off.',
		);
	}
	const token = eventsOfItem > 1 ? `${String(value)}-${position}` : String(value);
	return token.length <= MAX_TOKEN_LENGTH ? token : hash128(token);
}
