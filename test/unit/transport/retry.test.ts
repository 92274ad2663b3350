import { REQUEST_OPTIONS_FIELD } from '../../../nodes/Keen/actions/requestOptions';
import {
	DEFAULT_RETRY_POLICY,
	isRetryableNetworkError,
	isRetryableStatus,
	parseRetryAfter,
	retryDelay,
} from '../../../nodes/Keen/transport/retry';

describe('isRetryableStatus', () => {
	it.each([408, 429, 500, 502, 503, 504])('%i is retried', (status) => expect(isRetryableStatus(status)).toBe(true));
	it.each([400, 401, 403, 404, 409, 413, 501])('%i is not retried', (status) =>
		expect(isRetryableStatus(status)).toBe(false),
	);
});

describe('isRetryableNetworkError', () => {
	it.each([
		[{ code: 'ECONNRESET' }, true],
		[{ message: 'wrapped', cause: { code: 'ECONNABORTED' } }, true],
		[new Error('The connection to the server was closed unexpectedly, perhaps it is offline.'), true],
		[new Error('The service refused the connection - perhaps it is offline'), true],
		[new Error('socket hang up'), true],
		[new Error('timeout of 100ms exceeded'), true],
		[new Error('Unexpected token < in JSON'), false],
		[{ code: 'ERR_INVALID_URL' }, false],
		[undefined, false],
	])('%j → %s', (error, expected) => expect(isRetryableNetworkError(error)).toBe(expected));
});

describe('parseRetryAfter', () => {
	const now = Date.parse('2026-01-01T00:00:00Z');
	it.each([
		['30', 30_000],
		[['2'], 2_000],
		['0', 0],
		['Thu, 01 Jan 2026 00:00:10 GMT', 10_000],
		['Wed, 31 Dec 2025 23:00:00 GMT', 0],
		['soon', undefined],
		[undefined, undefined],
	])('%j → %s ms', (value, expected) => expect(parseRetryAfter(value, now)).toBe(expected));
});

describe('retryDelay', () => {
	const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 100, maxDelayMs: 1_000 };
	it('honours Retry-After, capped by the maximum delay', () => {
		expect(retryDelay(0, policy, 400)).toBe(400);
		expect(retryDelay(0, policy, 90_000)).toBe(1_000);
	});
	it('backs off exponentially with jitter between half and the whole ceiling', () => {
		expect(retryDelay(0, policy, undefined, () => 0)).toBe(50);
		expect(retryDelay(0, policy, undefined, () => 1)).toBe(100);
		expect(retryDelay(3, policy, undefined, () => 1)).toBe(800);
		expect(retryDelay(10, policy, undefined, () => 1)).toBe(1_000);
	});
});

describe('Request Options defaults', () => {
	it('equal the transport defaults', () => {
		const byName = Object.fromEntries(
			(REQUEST_OPTIONS_FIELD.options as Array<{ name: string; default: unknown }>).map((o) => [o.name, o.default]),
		);
		expect(byName).toEqual({
			maxRetries: DEFAULT_RETRY_POLICY.maxRetries,
			retryDelay: DEFAULT_RETRY_POLICY.baseDelayMs,
			timeout: DEFAULT_RETRY_POLICY.timeoutMs,
		});
	});
});
