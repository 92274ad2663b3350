import type { IDataObject } from 'n8n-workflow';

import { isPlainObject } from './json';

/** What replaces a secret, or any piece of one, in errors and outputs. */
export const REDACTED = '[redacted]';

/** Pieces of a secret this long (or the whole secret, when shorter) are redacted wherever they appear. */
const PIECE_LENGTH = 8;
/** Shorter "secrets" are not keys (a placeholder, a typo): redacting them would garble every text. */
const MIN_SECRET_LENGTH = 4;
/** Texts up to this length are remembered once scanned, up to this many (see `text`). */
const MAX_REMEMBERED_LENGTH = 64;
const MAX_REMEMBERED_TEXTS = 10_000;

export interface Redactor {
	/** The text with every piece of a secret replaced by [redacted]. */
	text(value: string): string;
	/** A JSON value with its strings (and property names) redacted; the same value when nothing needed it. */
	value<T>(value: T): T;
	/** The error redacted in place — message, description, stack, cause, context, any other field — and returned. */
	error<E>(error: E): E;
}

/** Polynomial hash of `length` char codes of `text` from `start`, modulo 2^32. */
function hashOf(text: string, start: number, length: number): number {
	let hash = 0;
	for (let i = start; i < start + length; i++) hash = (Math.imul(hash, 31) + text.charCodeAt(i)) | 0;
	return hash;
}

/**
 * The one redactor for everything the nodes put into an error or an output: each secret of the
 * credential, and any piece of one of 8 or more characters (a server may echo part of a key,
 * e.g. cut at a line break), becomes [redacted]. Pieces are found with a rolling hash, so a large
 * output costs one pass over its text.
 */
export function secretRedactor(secrets: Iterable<unknown>): Redactor {
	const pieces = new Map<number, Set<string>>();
	const lengths = new Set<number>();
	for (const secret of secrets) {
		if (typeof secret !== 'string') continue;
		const key = secret.trim();
		if (key.length < MIN_SECRET_LENGTH) continue;
		const length = Math.min(PIECE_LENGTH, key.length);
		lengths.add(length);
		for (let i = 0; i + length <= key.length; i++) {
			const piece = key.slice(i, i + length);
			const hash = hashOf(piece, 0, length);
			if (!pieces.has(hash)) pieces.set(hash, new Set());
			pieces.get(hash)!.add(piece);
		}
	}

	/** [start, end) ranges of `text` covered by secret pieces, merged. */
	function coveredRanges(text: string): Array<[number, number]> {
		const marks: Array<[number, number]> = [];
		for (const length of lengths) {
			if (text.length < length) continue;
			let power = 1;
			for (let i = 1; i < length; i++) power = Math.imul(power, 31);
			let hash = hashOf(text, 0, length);
			for (let start = 0; ; start++) {
				const candidates = pieces.get(hash);
				if (candidates && candidates.has(text.slice(start, start + length))) marks.push([start, start + length]);
				if (start + length >= text.length) break;
				hash = (Math.imul(hash - Math.imul(text.charCodeAt(start), power), 31) + text.charCodeAt(start + length)) | 0;
			}
		}
		marks.sort((a, b) => a[0] - b[0]);
		const merged: Array<[number, number]> = [];
		for (const [start, end] of marks) {
			const last = merged[merged.length - 1];
			if (last && start <= last[1]) last[1] = Math.max(last[1], end);
			else merged.push([start, end]);
		}
		return merged;
	}

	// Outputs repeat the same short texts (property names, a collection's name) on every item:
	// each is scanned once. Bounded, so a run of unique values cannot grow it without end.
	const shortTexts = new Map<string, string>();
	function text(value: string): string {
		if (pieces.size === 0) return value;
		if (value.length > MAX_REMEMBERED_LENGTH) return scanned(value);
		let result = shortTexts.get(value);
		if (result === undefined) {
			result = scanned(value);
			if (shortTexts.size < MAX_REMEMBERED_TEXTS) shortTexts.set(value, result);
		}
		return result;
	}

	function scanned(value: string): string {
		const ranges = coveredRanges(value);
		if (ranges.length === 0) return value;
		let result = '';
		let at = 0;
		for (const [start, end] of ranges) {
			result += value.slice(at, start) + REDACTED;
			at = end;
		}
		return result + value.slice(at);
	}

	function value<T>(input: T): T {
		if (pieces.size === 0) return input;
		if (typeof input === 'string') return text(input) as T;
		if (Array.isArray(input)) {
			let copy: unknown[] | undefined;
			input.forEach((entry, index) => {
				const redacted = value(entry);
				if (redacted !== entry) (copy ??= [...input])[index] = redacted;
			});
			return (copy ?? input) as T;
		}
		if (!isPlainObject(input)) return input;
		let copy: IDataObject | undefined;
		for (const name in input) {
			if (!Object.prototype.hasOwnProperty.call(input, name)) continue;
			const entry = input[name];
			const redactedName = text(name);
			const redacted = value(entry);
			if (redactedName === name && redacted === entry) continue;
			copy ??= { ...input };
			if (redactedName !== name) delete copy[name];
			copy[redactedName] = redacted;
		}
		return (copy ?? input) as T;
	}

	function error<E>(input: E, seen = new WeakSet<object>()): E {
		if (pieces.size === 0 || input === null || typeof input !== 'object' || seen.has(input)) return input;
		seen.add(input);
		const target = input as Record<string, unknown>;
		// message and stack are own properties of an Error, but not enumerable.
		for (const name of new Set(['message', 'stack', 'description', ...Object.keys(target)])) {
			// The node (its parameters) is n8n's, not something Keen sent.
			if (name === 'node') continue;
			const field = target[name];
			if (typeof field === 'string') {
				const redacted = text(field);
				if (redacted !== field) target[name] = redacted;
			} else if (field instanceof Error) {
				error(field, seen);
			} else if (field !== null && typeof field === 'object') {
				const redacted = value(field);
				if (redacted !== field) target[name] = redacted;
				else error(field, seen);
			}
		}
		return input;
	}

	return { text, value, error: (input) => error(input) };
}
