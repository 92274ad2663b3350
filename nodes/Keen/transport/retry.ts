/** How hard a request is retried; the defaults suit Keen, where a 429 blocks the key for the rest of the minute (docs/keen-api.md §13). */
export interface RetryPolicy {
	maxRetries: number;
	baseDelayMs: number;
	maxDelayMs: number;
	timeoutMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
	maxRetries: 5,
	baseDelayMs: 500,
	maxDelayMs: 60_000,
	timeoutMs: 300_000,
};

/** The retry policy from a Request Options collection (Keen node and Keen Trigger alike). */
export function retryPolicyFrom(options: { maxRetries?: unknown; retryDelay?: unknown; timeout?: unknown } | undefined): RetryPolicy {
	const set = options ?? {};
	return {
		maxRetries: Number(set.maxRetries ?? DEFAULT_RETRY_POLICY.maxRetries),
		baseDelayMs: Number(set.retryDelay ?? DEFAULT_RETRY_POLICY.baseDelayMs),
		maxDelayMs: DEFAULT_RETRY_POLICY.maxDelayMs,
		timeoutMs: Number(set.timeout ?? DEFAULT_RETRY_POLICY.timeoutMs),
	};
}

/** Statuses that say "try again later"; 4xx validation errors are never among them. */
const RETRYABLE_STATUSES = new Set([408, 429, 500, 502, 503, 504]);

export function isRetryableStatus(status: number): boolean {
	return RETRYABLE_STATUSES.has(status);
}

/** Network failures worth another try: dropped connections, resets, timeouts. */
const RETRYABLE_NETWORK_CODES = new Set([
	'ECONNRESET',
	'ECONNREFUSED',
	'ECONNABORTED',
	'EPIPE',
	'ETIMEDOUT',
	'ESOCKETTIMEDOUT',
	'EAI_AGAIN',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
	'UND_ERR_SOCKET',
]);

/**
 * Network failures as the HTTP client words them, and as n8n rewords them when it keeps only
 * its own message (n8n 1.x drops the client's error, keeping texts such as "closed unexpectedly").
 */
const RETRYABLE_NETWORK_MESSAGE =
	/socket hang up|timeout|timed out|ECONNRESET|ECONNREFUSED|ECONNABORTED|closed unexpectedly|connection was aborted|refused the connection/i;

export function isRetryableNetworkError(error: unknown): boolean {
	let current: unknown = error;
	for (let depth = 0; current && typeof current === 'object' && depth < 5; depth++) {
		const { code, message } = current as { code?: unknown; message?: unknown };
		if (typeof code === 'string' && RETRYABLE_NETWORK_CODES.has(code)) return true;
		if (typeof message === 'string' && RETRYABLE_NETWORK_MESSAGE.test(message)) return true;
		current = (current as { cause?: unknown }).cause;
	}
	return false;
}

/** Seconds from a Retry-After header (delta seconds or an HTTP date), as milliseconds. */
export function parseRetryAfter(value: unknown, now: number): number | undefined {
	const text = Array.isArray(value) ? value[0] : value;
	if (typeof text !== 'string' && typeof text !== 'number') return undefined;
	const seconds = Number(text);
	if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
	const date = Date.parse(String(text));
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * Delay before retry number `attempt` (0-based): Retry-After when the server gave one,
 * else exponential backoff with full jitter, capped.
 */
export function retryDelay(
	attempt: number,
	policy: RetryPolicy,
	retryAfterMs: number | undefined,
	random: () => number = Math.random,
): number {
	if (retryAfterMs !== undefined) return Math.min(retryAfterMs, policy.maxDelayMs);
	const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
	return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
