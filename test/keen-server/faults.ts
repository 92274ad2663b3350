import { createPrng } from './prng';

interface FaultMatch {
	/** HTTP method to match; any when omitted. */
	method?: string;
	/** Exact pathname, or a RegExp tested against the pathname; any when omitted. */
	path?: string | RegExp;
	/** How many matching requests the rule applies to; unlimited when omitted. */
	count?: number;
	/** Chance (0..1) that a matching request is hit, drawn from the seeded PRNG; 1 when omitted. */
	probability?: number;
}

export type FaultStatus = 429 | 500 | 502 | 503 | 504;

/**
 * - `status`: answer immediately with a Keen-shaped error (429 carries `Retry-After`).
 * - `stall`: wait `ms`, then handle the request normally.
 * - `drop`: destroy the socket without reading or handling the request.
 * - `dropAfterProcessing`: handle the request fully (events are stored) and destroy the
 *   socket instead of answering — the client never learns it succeeded.
 * - `reply`: answer this status, content type and body without handling the request, as a proxy or
 *   captive portal in front of Keen would (HTML, plain text, JSON of another shape, cut-off JSON).
 */
export type FaultAction =
	| { kind: 'status'; status: FaultStatus; retryAfter?: number }
	| { kind: 'stall'; ms: number }
	| { kind: 'drop' }
	| { kind: 'dropAfterProcessing' }
	| { kind: 'reply'; status: number; contentType: string; body: string };

export type FaultRule = FaultMatch & FaultAction;

const ERROR_CODES: Record<FaultStatus, string> = {
	429: 'RateLimitExceededError',
	500: 'InternalServerError',
	502: 'BadGatewayError',
	503: 'ServiceUnavailableError',
	504: 'GatewayTimeoutError',
};

/** Keen blocks a rate-limited category for the next minute (docs/keen-api.md §13). */
const DEFAULT_RETRY_AFTER_SECONDS = 60;

interface ActiveRule {
	rule: FaultRule;
	remaining: number;
}

/** Fault rules checked in the order they were added; the first that fires wins. */
export class FaultInjector {
	private rules: ActiveRule[] = [];
	private readonly random: () => number;

	constructor(seed: number) {
		this.random = createPrng(seed);
	}

	add(rule: FaultRule): void {
		this.rules.push({ rule, remaining: rule.count ?? Infinity });
	}

	clear(): void {
		this.rules = [];
	}

	get active(): readonly FaultRule[] {
		return this.rules.map(({ rule }) => rule);
	}

	/** The fault for this request, if any; consumes one use of a counted rule. */
	pick(method: string, path: string): FaultAction | null {
		for (const active of this.rules) {
			if (active.remaining <= 0 || !matches(active.rule, method, path)) continue;
			if (active.rule.probability !== undefined && this.random() >= active.rule.probability) continue;
			active.remaining--;
			return active.rule;
		}
		return null;
	}
}

function matches(rule: FaultRule, method: string, path: string): boolean {
	if (rule.method && rule.method.toUpperCase() !== method) return false;
	if (rule.path === undefined) return true;
	return typeof rule.path === 'string' ? rule.path === path : rule.path.test(path);
}

/** Status, headers and Keen-shaped body of a `status` fault. */
export function faultReply(fault: { status: FaultStatus; retryAfter?: number }): { status: number; headers: Record<string, string>; body: object } {
	const headers: Record<string, string> = {};
	if (fault.status === 429) headers['Retry-After'] = String(fault.retryAfter ?? DEFAULT_RETRY_AFTER_SECONDS);
	else if (fault.retryAfter !== undefined) headers['Retry-After'] = String(fault.retryAfter);
	return { status: fault.status, headers, body: { message: `Injected fault: HTTP ${fault.status}.`, error_code: ERROR_CODES[fault.status] } };
}
