import { KeenInputError } from './errors';

declare const keenPathBrand: unique symbol;

/** A request path relative to the scope prefix, e.g. `/events/purchases`, made only by `keenPath`. */
export type KeenPath = string & { readonly [keenPathBrand]: true };

/** A path segment taken from a field: a refused value is reported against that field. */
export interface NamedSegment {
	value: unknown;
	field: string;
}

// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[/\\?#\u0000-\u001f\u007f]/;

/** A character as the user can read it: control characters by code point. */
function shown(char: string): string {
	const code = char.charCodeAt(0);
	return code < 0x20 || code === 0x7f ? `the control character U+${code.toString(16).toUpperCase().padStart(4, '0')}` : `"${char}"`;
}

function reasonIn(text: string): string | undefined {
	if (text === '') return 'it is empty';
	if (text === '.' || text === '..') return `"${text}" means "this" or "the parent" in a URL`;
	const match = FORBIDDEN.exec(text);
	if (match) return `it holds ${shown(match[0])}, which ends or splits a URL path segment`;
	return undefined;
}

/**
 * Why a segment cannot be sent, or undefined when it can. Checked as given and once decoded: the
 * HTTP client collapses `.` and `..` (reaching a parent endpoint: Delete Property `..` deleted a
 * whole collection), and a server may decode `%2e%2e` or `%2F` once more.
 */
export function unsafeSegment(segment: string): string | undefined {
	const reason = reasonIn(segment);
	if (reason !== undefined) return reason;
	let decoded: string;
	try {
		decoded = decodeURIComponent(segment);
	} catch {
		// Not valid percent-encoding (e.g. "50%"): it is sent encoded as "50%25" and means itself.
		return undefined;
	}
	const decodedReason = reasonIn(decoded);
	return decodedReason && `once decoded, ${decodedReason}`;
}

/** `value` as a name that can stand in a Keen URL (a saved query's new name, say); otherwise an error naming `field`. */
export function pathName(value: unknown, field: string): string {
	const name = String(value ?? '');
	const reason = unsafeSegment(name);
	if (reason !== undefined) {
		throw new KeenInputError(
			`${JSON.stringify(name)} cannot be used as a name in a Keen URL: ${reason}`,
			field,
			'Keen would read it as part of the address, so the request could reach another endpoint (".." means the parent). Nothing was sent. Use the exact name, without / \\ ? # or control characters.',
		);
	}
	return name;
}

/**
 * Every request path is built here: fixed segments as written, names from fields checked and
 * percent-encoded. A name that would change which endpoint is reached is refused, naming its field,
 * before anything is sent.
 */
export function keenPath(...segments: Array<string | NamedSegment>): KeenPath {
	const parts = segments.map((segment) => {
		if (typeof segment === 'string') {
			if (unsafeSegment(segment) !== undefined) throw new Error(`Fixed path segment "${segment}" is not a plain word`);
			return segment;
		}
		return encodeURIComponent(pathName(segment.value, segment.field));
	});
	return `/${parts.join('/')}` as KeenPath;
}
