import { KeenInputError } from './errors';

/* The checks and parsers of free-text fields that many operations share. */

/** A text that must not be empty, trimmed. */
export function requiredText(value: unknown, field: string, what: string, hint: string): string {
	const text = typeof value === 'string' ? value.trim() : value === undefined || value === null ? '' : String(value);
	if (text === '') throw new KeenInputError(`${what} is empty`, field, hint);
	return text;
}

/**
 * The one list parser: names from a multi-select (a list) or from text (comma-separated, as typed
 * or from an expression), trimmed, blanks dropped.
 */
export function parseList(value: unknown): string[] {
	const parts = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : value === undefined || value === null ? [] : [String(value)];
	return parts.map((part) => String(part).trim()).filter((part) => part !== '');
}
