import type { IDataObject } from 'n8n-workflow';

import { buildAddOns } from '../../../nodes/Keen/helpers/addOns';
import { buildBatchEvents, getPath, isEmptyEvent, pickFields } from '../../../nodes/Keen/helpers/eventBuilder';
import { eventJson, storedEvent, type KeenExtras } from '../../../nodes/Keen/helpers/eventJson';
import { createBatcher, createBodyBuffers } from '../../../nodes/Keen/transport/batch';
import { fieldOf } from '../support';

describe('buildAddOns', () => {
	it.each([
		['ipToGeo', { addOn: 'ipToGeo', input: 'ip', output: 'geo' }, { name: 'keen:ip_to_geo', input: { ip: 'ip' }, output: 'geo' }],
		['userAgent', { addOn: 'userAgent', input: 'ua', output: 'tech' }, { name: 'keen:ua_parser', input: { ua_string: 'ua' }, output: 'tech' }],
		['url', { addOn: 'url', input: 'page.url', output: 'parsed' }, { name: 'keen:url_parser', input: { url: 'page.url' }, output: 'parsed' }],
		[
			'referrer',
			{ addOn: 'referrer', input: 'ref', pageUrlInput: 'page', output: 'referrer_info' },
			{ name: 'keen:referrer_parser', input: { referrer_url: 'ref', page_url: 'page' }, output: 'referrer_info' },
		],
		['dateTime', { addOn: 'dateTime', input: 'keen.timestamp', output: 'when' }, { name: 'keen:date_time_parser', input: { date_time: 'keen.timestamp' }, output: 'when' }],
	])('%s', (_case, row, expected) => expect(buildAddOns([row], 'addOns')).toEqual([expected]));

	it.each([
		['unknown add-on', { addOn: 'weather', input: 'a', output: 'b' }],
		['empty input', { addOn: 'ipToGeo', input: '', output: 'b' }],
		['referrer without page URL', { addOn: 'referrer', input: 'ref', output: 'b' }],
		['empty output', { addOn: 'url', input: 'u', output: ' ' }],
		['$ in output', { addOn: 'url', input: 'u', output: '$out' }],
	])('refuses %s', (_case, row) => expect(fieldOf(() => buildAddOns([row], 'addOns'))).toBe('addOns'));
});

describe('getPath and pickFields', () => {
	const json = { a: { b: { c: 1 } }, 'x.y': 2, name: 'n', price: 3 };
	it.each([
		['a.b.c', 1],
		['x.y', 2],
		['a.missing', undefined],
		['name.length', undefined],
	])('getPath %s', (path, expected) => expect(getPath(json, path)).toBe(expected));
	it('picks listed fields', () => expect(pickFields(json, ['name', 'price'], 'fields')).toEqual({ name: 'n', price: 3 }));
	it('reports a missing field', () => expect(fieldOf(() => pickFields(json, ['nope'], 'fields'))).toBe('fields'));
	it('reports an empty list', () => expect(fieldOf(() => pickFields(json, [], 'fields'))).toBe('fields'));
});

/** The event's text as Record Many sends it: eventJson's parts, written into a request body by the batcher. */
const bodyBuffers = createBodyBuffers(1);
function sent(event: IDataObject, extras: KeenExtras): string {
	const batcher = createBatcher({ maxEvents: 10, maxBytes: 1e7 }, bodyBuffers);
	batcher.add({ id: 0, collection: 'c', ...eventJson(event, extras) });
	const [request] = batcher.flush();
	const text = request.body.toString('utf8').slice('{"c":['.length, -']}'.length);
	bodyBuffers.giveBack(request.buffer);
	return text;
}

describe('eventJson, as the batcher writes it', () => {
	const extras = { timestamp: 't', addons: [{ name: 'x' }], uniquenessToken: 'tok' };
	it.each<[string, IDataObject, KeenExtras]>([
		['nothing added', { a: 1 }, {}],
		['everything added', { a: 1, b: { c: [1, 'x'] } }, extras],
		['token only', { a: 1 }, { uniquenessToken: 'tok' }],
		['an empty event', {}, extras],
		['undefined values', { a: undefined, b: 2 }, extras],
		['a key "keen" set to undefined', { keen: undefined, b: 2 }, extras],
		['a keen object of its own', { a: 1, keen: { location: { coordinates: [1, 2] } } }, extras],
		['its own uniqueness token, which wins', { keen: { uniqueness_token: 'mine' } }, { uniquenessToken: 'auto' }],
		['its own add-ons, kept before the new ones', { keen: { addons: [{ name: 'old' }] } }, extras],
	])('is the JSON of the event with its keen object completed: %s', (_case, event, given) => {
		const before = JSON.stringify(event);
		const own = event.keen as IDataObject | undefined;
		const keen: IDataObject = { ...own };
		if (given.timestamp !== undefined) keen.timestamp = given.timestamp;
		if (given.addons) keen.addons = [...((own?.addons as IDataObject[]) ?? []), ...given.addons];
		if (given.uniquenessToken !== undefined && keen.uniqueness_token === undefined) keen.uniqueness_token = given.uniquenessToken;
		const expected = Object.keys(given).length ? { ...event, keen } : event;
		expect(JSON.parse(sent(event, given))).toEqual(JSON.parse(JSON.stringify(expected)));
		expect(JSON.stringify(event)).toBe(before);
	});
	it('keeps the key order of { ...event, keen }', () => {
		expect(sent({ a: 1, b: 2 }, { uniquenessToken: 'tok' })).toBe('{"a":1,"b":2,"keen":{"uniqueness_token":"tok"}}');
		expect(sent({ keen: {}, a: 1 }, { uniquenessToken: 'tok' })).toBe('{"keen":{"uniqueness_token":"tok"},"a":1}');
	});
	it('stamps keen.timestamp with the recording time unless the event or the timestamp field gives one', () => {
		expect(JSON.parse(sent({ a: 1 }, { recordedAt: 'now' }))).toEqual({ a: 1, keen: { timestamp: 'now' } });
		expect(JSON.parse(sent({ keen: { timestamp: 'own' } }, { recordedAt: 'now' }))).toEqual({ keen: { timestamp: 'own' } });
		expect(JSON.parse(sent({ keen: { timestamp: 'own' } }, { timestamp: 'field', recordedAt: 'now' }))).toEqual({ keen: { timestamp: 'field' } });
	});
	it('gives, as storedEvent, the object of the JSON it sends', () => {
		for (const event of [{ a: 1 }, {}, { keen: { uniqueness_token: 'mine' }, b: [1] }]) {
			const given = { recordedAt: 'now', uniquenessToken: 'tok', addons: [{ name: 'x' }] };
			expect(storedEvent(event, given)).toEqual(JSON.parse(sent(event, given)));
		}
	});
	it('writes exactly the text of the stored event, for every combination of extras (the keen object is written by hand)', () => {
		const choices = {
			timestamp: ['2024-05-01T00:00:00.000Z', undefined],
			recordedAt: ['2024-06-01T00:00:00.000Z', undefined],
			addons: [[{ name: 'keen:ip_to_geo', input: { ip: 'ip"\\' } }], [], undefined],
			uniquenessToken: ['t"o\\k\u2028', { base: 'c0ffee', suffix: '7' }, { base: 'beef', suffix: '7-2' }, undefined],
		};
		let checked = 0;
		for (const timestamp of choices.timestamp)
			for (const recordedAt of choices.recordedAt)
				for (const addons of choices.addons)
					for (const uniquenessToken of choices.uniquenessToken)
						for (const event of [{ a: 1, é: 'x"y' }, {}, { keen: { location: { coordinates: [1, 2] } } }] as IDataObject[]) {
							const given = { timestamp, recordedAt, addons, uniquenessToken };
							const nothing = Object.values(given).every((value) => value === undefined);
							expect(sent(event, given)).toBe(JSON.stringify(nothing ? event : storedEvent(event, given)));
							checked++;
						}
		expect(checked).toBe(144);
	});
	it('writes the timestamp and token exactly as JSON.stringify would, for every UTF-16 code unit (they are quoted by hand when nothing needs escaping)', () => {
		const wrong: number[] = [];
		for (let code = 0; code <= 0xffff; code++) {
			const text = `a${String.fromCharCode(code)}b`;
			const given = { recordedAt: text, uniquenessToken: text };
			if (sent({ x: 1 }, given) !== JSON.stringify(storedEvent({ x: 1 }, given))) wrong.push(code);
		}
		expect(wrong).toEqual([]);
	});
	it('calls an event empty when it has no properties besides keen', () => {
		expect([{}, { keen: { timestamp: 't' } }, { a: null }, { a: undefined }].map((event) => isEmptyEvent(event as IDataObject))).toEqual([true, true, false, true]);
	});
	it('serialises an object with its own toJSON as a copy would', () => {
		const date = Object.assign(new Date(0), { a: 1 }) as unknown as IDataObject;
		expect(sent(date, { uniquenessToken: 'tok' })).toBe('{"a":1,"keen":{"uniqueness_token":"tok"}}');
	});
});


describe('buildBatchEvents', () => {
	it('flattens collections in order', () => {
		const drafts = buildBatchEvents('{"a": [{"x": 1}, {"x": 2}], "b": [{"y": 1}]}', 'batchJson');
		expect(drafts.map((d) => [d.collection, d.event])).toEqual([
			['a', { x: 1 }],
			['a', { x: 2 }],
			['b', { y: 1 }],
		]);
	});
	it.each([
		['not a list', '{"a": {"x": 1}}'],
		['bad collection', '{"$a": [{"x": 1}]}'],
		['bad event', '{"a": [{"x.y": 1}]}'],
		['no events', '{"a": []}'],
		['invalid JSON', '{"a": ['],
	])('refuses %s', (_case, value) => expect(fieldOf(() => buildBatchEvents(value, 'batchJson'))).toBe('batchJson'));
});
