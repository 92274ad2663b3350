import type { INodeParameters, INodeProperties } from 'n8n-workflow';

import { paramReader } from '../../nodes/Keen/actions/paramReader';

const fields: INodeProperties[] = [
	{ displayName: 'Collection', name: 'collection', type: 'resourceLocator', default: { mode: 'list', value: '' } },
	{ displayName: 'Limit', name: 'limit', type: 'number', default: 50 },
	{ displayName: 'Options', name: 'options', type: 'collection', default: {}, options: [] },
];

/** A getParameter over per-item values (absent → n8n's fallback), counting its calls per field. */
function fakeParameters(perItem: Array<Record<string, unknown>>) {
	const calls: Record<string, number> = {};
	const getParameter = (name: string, itemIndex: number, fallback: unknown) => {
		calls[name] = (calls[name] ?? 0) + 1;
		return name in perItem[itemIndex] ? perItem[itemIndex][name] : fallback;
	};
	return { getParameter, calls };
}

describe('paramReader (the Keen node and the Keen Trigger)', () => {
	const raw: INodeParameters = { collection: { __rl: true, mode: 'list', value: 'purchases' }, limit: '={{ $json.limit }}' };

	it('reads every field once per item, hidden ones as their default, locators as their value', () => {
		const { getParameter } = fakeParameters([{ collection: { __rl: true, mode: 'list', value: 'purchases' }, limit: 5 }]);
		expect(paramReader(getParameter, fields, raw)(0)).toEqual({ collection: 'purchases', limit: 5, options: {} });
	});

	it('reads a field without an expression once and shares it, frozen; a field with one per item', () => {
		const { getParameter, calls } = fakeParameters([
			{ collection: { __rl: true, mode: 'list', value: 'purchases' }, limit: 1, options: { a: 1 } },
			{ collection: { __rl: true, mode: 'list', value: 'purchases' }, limit: 2, options: { a: 1 } },
			{ collection: { __rl: true, mode: 'list', value: 'purchases' }, limit: 3, options: { a: 1 } },
		]);
		const read = paramReader(getParameter, fields, raw);
		const items = [read(0), read(1), read(2)];
		expect(items.map((params) => params.limit)).toEqual([1, 2, 3]);
		expect(calls).toEqual({ collection: 1, limit: 3, options: 1 });
		expect(items[2].options).toBe(items[0].options);
		expect(Object.isFrozen(items[0].options)).toBe(true);
	});

	it('gives every item one frozen object when no field holds an expression', () => {
		const { getParameter, calls } = fakeParameters([{ limit: 1 }, { limit: 1 }]);
		const read = paramReader(getParameter, fields, { limit: 1 });
		expect(read(1)).toBe(read(0));
		expect(Object.isFrozen(read(0))).toBe(true);
		expect(calls).toEqual({ collection: 1, limit: 1, options: 1 });
	});

	it('reads a field listed twice (a spec field that is also a request option) once', () => {
		const { getParameter, calls } = fakeParameters([{}]);
		paramReader(getParameter, [...fields, fields[1]], {})(0);
		expect(calls.limit).toBe(1);
	});
});
