import type { IDataObject } from 'n8n-workflow';

import { isPlainObject } from './json';
import { tokenText, type AutoToken } from './uniqueness';

/* The event's JSON as sent to Keen, its `keen` object completed: the hot path of Record Many. */

/** What goes into an event's `keen` object besides what the event already carries. */
export interface KeenExtras {
	timestamp?: string;
	/** keen.timestamp when neither `timestamp` nor the event gives one: when the node recorded it. */
	recordedAt?: string;
	addons?: IDataObject[];
	uniquenessToken?: string | AutoToken;
}

function keenObject(own: unknown, extras: KeenExtras): IDataObject {
	const keen: IDataObject = isPlainObject(own) ? { ...own } : {};
	if (extras.timestamp !== undefined) keen.timestamp = extras.timestamp;
	else if (extras.recordedAt !== undefined && keen.timestamp === undefined) keen.timestamp = extras.recordedAt;
	if (extras.addons?.length) keen.addons = [...((keen.addons as IDataObject[] | undefined) ?? []), ...extras.addons];
	if (extras.uniquenessToken !== undefined && keen.uniqueness_token === undefined) keen.uniqueness_token = tokenText(extras.uniquenessToken);
	return keen;
}

/**
 * An event's JSON as sent, in parts: its own JSON, and the `"keen":{…}` member that completes it
 * (none when `json` is the whole text), itself in two parts when it ends in an Auto token: the text
 * up to the token's suffix (shared by the events of one millisecond and collection) and the rest.
 */
export interface EventJson {
	json: string;
	keen?: string;
	keenTail?: string;
}

/**
 * The event's JSON as sent: `json` with `keen` (and `keenTail`) appended as its last member — what
 * `{ ...event, keen }` serialises to. The batch writer (transport/batch.ts) writes the parts
 * straight into the request body, so no joined copy of the text is made per event. The input is not
 * touched (it may be an input item's json). A uniqueness token the event already carries wins over a
 * computed one; a timestamp from the chosen field replaces the event's own. An event with a `keen`
 * object of its own (or a toJSON) is serialised whole, from a completed copy.
 */
export function eventJson(event: IDataObject, extras: KeenExtras): EventJson {
	const { timestamp, recordedAt, addons, uniquenessToken } = extras;
	if (timestamp === undefined && recordedAt === undefined && addons === undefined && uniquenessToken === undefined) return { json: JSON.stringify(event) };
	if (event.keen !== undefined || typeof event.toJSON === 'function') return { json: JSON.stringify(storedEvent(event, extras)) };
	const json = JSON.stringify(event);
	// The common case, an Auto token and no add-ons: no text is made per event but the token's suffix.
	if (typeof uniquenessToken === 'object' && !addons?.length) return { json, keen: autoTokenHead(timestamp ?? recordedAt, uniquenessToken.base), keenTail: `${uniquenessToken.suffix}"}` };
	return { json, keen: keenMember(extras) };
}

/** Whether JSON.stringify writes some character of `text` other than as itself: quote, backslash, controls, surrogates. */
function needsEscape(text: string): boolean {
	for (let i = 0; i < text.length; i++) {
		const code = text.charCodeAt(i);
		if (code < 0x20 || code === 0x22 || code === 0x5c || (code >= 0xd800 && code <= 0xdfff)) return true;
	}
	return false;
}

/** `JSON.stringify(text)`; timestamps and Auto tokens need no escapes, and quoting them directly allocates far less. */
function jsonString(text: string): string {
	return needsEscape(text) ? JSON.stringify(text) : `"${text}"`;
}

/** The start of the last keen member made, `"keen":{"timestamp":"…"`, and the time it holds: events recorded in the same millisecond share it. */
let lastWhen: string | undefined;
let lastHead = '';

/** `"keen":{` and the timestamp member, if any. */
function timestampHead(when: string | undefined): string {
	if (when === undefined) return '"keen":{';
	if (when !== lastWhen) lastHead = `"keen":{"timestamp":${jsonString((lastWhen = when))}`;
	return lastHead;
}

/** The last head made for an Auto token, and what it was made of. */
let lastTokenWhen: string | undefined;
let lastTokenBase = '';
let lastTokenHead = '';

/** `"keen":{"timestamp":"…","uniqueness_token":"<base>-`: an Auto token's base is hex, its suffix digits, neither needs escapes. */
function autoTokenHead(when: string | undefined, base: string): string {
	if (when !== lastTokenWhen || base !== lastTokenBase || lastTokenHead === '') {
		const head = timestampHead(when);
		lastTokenHead = `${head}${when === undefined ? '' : ','}"uniqueness_token":"${base}-`;
		lastTokenWhen = when;
		lastTokenBase = base;
	}
	return lastTokenHead;
}

/** `"keen":` and `JSON.stringify(keenObject(undefined, extras))`, written directly: this runs once per recorded event. */
function keenMember({ timestamp, recordedAt, addons, uniquenessToken }: KeenExtras): string {
	const when = timestamp ?? recordedAt;
	let text = timestampHead(when);
	const empty = when === undefined;
	if (addons?.length) text += `${empty ? '' : ','}"addons":${JSON.stringify(addons)}`;
	if (uniquenessToken !== undefined) text += `${empty && !addons?.length ? '' : ','}"uniqueness_token":${jsonString(tokenText(uniquenessToken))}`;
	return `${text}}`;
}

/** The event as Keen stores it: a shallow copy with its `keen` object completed (the input is untouched). */
export function storedEvent(event: IDataObject, extras: KeenExtras): IDataObject {
	return { ...event, keen: keenObject(event.keen, extras) };
}
