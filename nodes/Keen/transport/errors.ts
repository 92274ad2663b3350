/**
 * What to do about each of Keen's error codes (docs/keen-api.md §2.2), shown as the error's description.
 * Codes not listed get the status-based hint.
 */
const HINTS_BY_ERROR_CODE: Record<string, string> = {
	InvalidApiKeyError: 'Check the keys in the Keen credential: the key used is missing, wrong or revoked.',
	AdminOnlyEndpointError: 'This operation needs the Master API Key; add it to the Keen credential.',
	ResourceNotFoundError: 'Check the project ID in the credential and the name of the collection, saved query, dataset or key.',
	InvalidPropertyNameError: 'Property names must not contain dots, must not start with $ and must be shorter than 256 characters.',
	InvalidCollectionNameError: 'Collection names must be ASCII, at most 64 characters, without $ and must not start with _ or start/end with a dot.',
	InvalidPropertyValueError: 'String values must be shorter than 10,000 characters.',
	NamespaceTypeError: 'The root "keen" property must be an object.',
	TimeframeDefinitionError: 'Use one timeframe: a relative one such as this_7_days, or an absolute start and end.',
	MissingRequiredRequestFieldError: 'A required field is missing; for Multi-Analysis, timeframe and filters belong at the top level.',
	InvalidPropertyNameForGeoFilter: 'The "within" operator works only on keen.location.coordinates.',
	TooManyQueriesInTheCurrentBillingPeriod: 'Your Keen plan\'s query allowance is used up for this billing period.',
	OverCachedQueryLimitError: 'Your Keen plan allows no more cached queries; turn caching off on another saved query first.',
};

const HINTS_BY_STATUS: Record<number, string> = {
	400: 'Keen rejected the request as invalid; check the fields named in the message.',
	401: 'Check the keys in the Keen credential.',
	402: 'Keen blocked this endpoint for lack of payment on the account.',
	403: 'The key used is not allowed to do this.',
	404: 'Check the project ID and the names used.',
	409: 'A resource with that name already exists.',
	413: 'The event or batch is too large: events must be under 900,000 bytes and batches under 10 MB.',
	429: 'Keen rate-limited the key; retries were exhausted. Wait a minute or lower the request rate.',
};

/** Hours for a hint: 14400 → "4". */
function hours(seconds: number): string {
	return String(Math.round((seconds / 3_600) * 100) / 100);
}

/**
 * Keen's sources disagree on the refresh-rate bounds (docs/keen-api.md §8.2), so the node lets Keen
 * decide; when Keen refuses, the hint names the range Keen's message gives, or the range every
 * source accepts.
 */
function refreshRateHint(message: string | undefined): string | undefined {
	if (!message || !/refresh.?rate/i.test(message)) return undefined;
	// "from 14400 to 86400", "between 3,600 and 86,400", "3600-86400"; a rejected value elsewhere in the message is not a bound.
	const range = /(\d[\d,]*)\s*(?:to|and|-|–)\s*(\d[\d,]*)/.exec(message);
	const [min, max] = (range?.slice(1) ?? []).map((text) => Number(text.replace(/,/g, '')));
	if (min >= 60 && max > min) {
		return `Keen accepts a refresh rate of 0 (no caching) or ${min} to ${max} seconds (${hours(min)} to ${hours(max)} hours) here; choose one in that range.`;
	}
	return 'Keen refused the refresh rate; 0 (no caching) or 14400 to 86400 seconds (4 to 24 hours) is accepted by every Keen version.';
}

/** The error's description: Keen's own words about the range for refresh rates, else by error code, else by status. */
export function hintFor(status: number, errorCode: string | undefined, message?: string): string {
	return (
		(status === 400 && refreshRateHint(message)) ||
		(errorCode && HINTS_BY_ERROR_CODE[errorCode]) ||
		HINTS_BY_STATUS[status] ||
		(status >= 500 ? 'Keen had a server problem; retries were exhausted. Try again later.' : 'Unexpected answer from Keen.')
	);
}

/** Keen's `{ message, error_code }` body, when the answer has one. */
export function parseKeenErrorBody(body: unknown): { message?: string; errorCode?: string } {
	if (typeof body === 'string') {
		try {
			return parseKeenErrorBody(JSON.parse(body));
		} catch {
			return { message: body.slice(0, 500) || undefined };
		}
	}
	if (body === null || typeof body !== 'object') return {};
	const record = body as Record<string, unknown>;
	return {
		message: typeof record.message === 'string' ? record.message : undefined,
		errorCode: typeof record.error_code === 'string' ? record.error_code : undefined,
	};
}
