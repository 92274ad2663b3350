import { retryPolicyFrom } from '../../../nodes/Keen/transport/retry';
import { fieldDisplayName } from '../../../nodes/KeenTrigger/pollParams';
import { DEFAULT_RETRY_POLICY } from '../../../nodes/Keen/transport/retry';

describe('retryPolicyFrom', () => {
	it.each([
		['no options: the defaults', undefined, DEFAULT_RETRY_POLICY],
		['empty options: the defaults', {}, DEFAULT_RETRY_POLICY],
		[
			'set options win',
			{ maxRetries: 1, retryDelay: 10, timeout: 5000 },
			{ ...DEFAULT_RETRY_POLICY, maxRetries: 1, baseDelayMs: 10, timeoutMs: 5000 },
		],
	])('%s', (_name, options, expected) => {
		expect(retryPolicyFrom(options)).toEqual(expected);
	});
});

describe('fieldDisplayName', () => {
	it.each([
		['relativeTimeframe', 'Timeframe'],
		['filtersJson', 'Filters (JSON)'],
		['collection', 'Event Collection'],
		['maxRetries', 'Max Retries'],
		['unknownField', 'unknownField'],
	])('%s → %s', (name, expected) => {
		expect(fieldDisplayName(name)).toBe(expected);
	});
});
