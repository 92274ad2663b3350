import type { IDataObject } from 'n8n-workflow';

import { itemEventOf } from '../../../nodes/Keen/actions/event/itemEvent';
import { fieldOf } from '../support';

describe('itemEventOf', () => {
	const json = { name: 'bob', price: 5, created: '2024-05-01T12:00:00+02:00', ip: '1.2.3.4' };
	it('whole item', () => expect(itemEventOf({ collection: 'c', eventSource: 'item' }, json)).toMatchObject({ collection: 'c', event: json, field: 'eventSource' }));
	it('chosen fields', () => expect(itemEventOf({ collection: 'c', eventSource: 'fields', fields: 'name, price' }, json).event).toEqual({ name: 'bob', price: 5 }));
	it('JSON body', () => expect(itemEventOf({ collection: 'c', eventSource: 'json', jsonBody: '{"x": 1}' }, json).event).toEqual({ x: 1 }));
	it('timestamp field', () => expect(itemEventOf({ collection: 'c', timestampField: 'created' }, json).timestamp).toBe('2024-05-01T10:00:00.000Z'));
	it('add-ons', () =>
		expect(itemEventOf({ collection: 'c', addOns: { addOn: [{ addOn: 'ipToGeo', input: 'ip', output: 'geo' }] } }, json).addons).toEqual([
			{ name: 'keen:ip_to_geo', input: { ip: 'ip' }, output: 'geo' },
		]));
	it.each<[string, IDataObject, string, IDataObject?]>([
		['bad collection', { collection: '_x' }, 'collection'],
		['invalid JSON', { collection: 'c', eventSource: 'json', jsonBody: '{' }, 'jsonBody'],
		['dot in JSON body', { collection: 'c', eventSource: 'json', jsonBody: '{"a.b": 1}' }, 'jsonBody'],
		['dot in whole item', { collection: 'c' }, 'eventSource', { 'a.b': 1 }],
		['missing timestamp', { collection: 'c', timestampField: 'nope' }, 'timestampField'],
		['bad timestamp', { collection: 'c', timestampField: 'name' }, 'timestampField'],
	])('refuses %s', (_case, params, field, item = json) => expect(fieldOf(() => itemEventOf(params, item))).toBe(field));
});
