import type { IDataObject } from 'n8n-workflow';

import { KeenInputError } from './errors';

const DEFAULT_HINT = 'Check quotes, commas and braces; property names need double quotes.';

/** Parses JSON typed into a field; a syntax error names the field and says how to fix it. */
export function parseJson(text: string, field: string, what = 'The text', hint = DEFAULT_HINT): unknown {
	let problem: string | undefined;
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch (error) {
		problem = (error as Error).message;
	}
	// Thrown outside the catch block: n8n's lint reserves catch blocks for n8n's own error classes.
	if (problem !== undefined) throw new KeenInputError(`${what} could not be parsed as JSON (${problem})`, field, hint);
	return parsed;
}

export function isPlainObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A JSON field that says what to send: empty (a new node's field, never filled in) is refused before
 * anything is sent, with an example of what to write.
 */
export function filledJsonObject(value: unknown, field: string, what: string, example: string): IDataObject {
	if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
		throw new KeenInputError(`${what} is empty, so nothing was sent`, field, `Write it as JSON, e.g. ${example}`);
	}
	return parseJsonObject(value, field);
}

/** A JSON field's value as an object: n8n gives a string, or an object when an expression returns one. */
export function parseJsonObject(value: unknown, field: string, what?: string, hint?: string): IDataObject {
	const parsed = typeof value === 'string' ? parseJson(value, field, what, hint) : value;
	if (!isPlainObject(parsed)) throw new KeenInputError('The JSON is not an object', field, 'Give a JSON object, enclosed in { }.');
	return parsed;
}
