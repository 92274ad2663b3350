import { KeenInputError } from './errors';
import { parseList, requiredText } from './textInputs';

/** docs/keen-api.md §10: an access key's name is at most 256 characters. */
export const ACCESS_KEY_NAME_MAX_LENGTH = 256;

/** What `permitted` may contain (docs/keen-api.md §10). */
export const ACCESS_KEY_PERMISSIONS = ['cached_queries', 'datasets', 'queries', 'saved_queries', 'schema', 'writes'] as const;
export type AccessKeyPermission = (typeof ACCESS_KEY_PERMISSIONS)[number];

export function validateAccessKeyName(name: unknown, field: string): string {
	const text = requiredText(name, field, 'The access key name', 'Enter a name such as customer-42-dashboard.');
	if (text.length > ACCESS_KEY_NAME_MAX_LENGTH) {
		throw new KeenInputError(
			`The access key name is ${text.length} characters long`,
			field,
			`Keen accepts at most ${ACCESS_KEY_NAME_MAX_LENGTH} characters.`,
		);
	}
	return text;
}

/** A permission list checked against Keen's set, so a typo fails before sending. */
export function validatePermitted(value: unknown, field: string): string[] {
	const permitted = parseList(value);
	const unknown = permitted.filter((entry) => !(ACCESS_KEY_PERMISSIONS as readonly string[]).includes(entry));
	if (unknown.length) {
		throw new KeenInputError(
			`Unknown permission "${unknown.join('", "')}"`,
			field,
			`Use any of: ${ACCESS_KEY_PERMISSIONS.join(', ')}.`,
		);
	}
	return permitted;
}
