import type { IDataObject } from 'n8n-workflow';

import { KeenInputError } from './errors';
import { parseList } from './textInputs';

/** "a@x.io, b@y.io" → `[{ email: "a@x.io" }, …]`, the `users` shape of the Organization API (docs/keen-api.md §11). */
export function usersFromEmails(value: unknown, field: string): IDataObject[] {
	const emails = parseList(value);
	const invalid = emails.find((email) => !/^[^\s@]+@[^\s@]+$/.test(email));
	if (invalid !== undefined) {
		throw new KeenInputError(`"${invalid}" is not an email address`, field, 'Separate several emails with commas.');
	}
	return emails.map((email) => ({ email }));
}
