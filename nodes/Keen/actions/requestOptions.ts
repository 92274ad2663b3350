import type { INodeProperties } from 'n8n-workflow';

/** Retry and timeout settings, shown once for every operation; defaults equal DEFAULT_RETRY_POLICY (a unit test checks). */
export const REQUEST_OPTIONS_FIELD: INodeProperties = {
	displayName: 'Request Options',
	name: 'requestOptions',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Max Retries',
			name: 'maxRetries',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 20 },
			default: 5,
			description:
				'How often a request is retried after a rate limit (429), a Keen server error (5xx), a timeout or a dropped connection. Validation errors are never retried.',
		},
		{
			displayName: 'Retry Delay (Ms)',
			name: 'retryDelay',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 500,
			description: 'First backoff delay; it doubles with each retry (with jitter). A Retry-After from Keen takes precedence.',
		},
		{
			displayName: 'Timeout (Ms)',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 1000 },
			default: 300000,
			description: 'How long to wait for one answer from Keen before retrying',
		},
	],
};
