import type { IDataObject, INodeParameters, INodeProperties } from 'n8n-workflow';

import { deepFreeze, holdsExpression } from '../helpers/expressions';
import { isPlainObject } from '../helpers/json';
import type { RawParams } from './types';

/** n8n's getNodeParameter for one field and item: the Keen node's (per item) or the Keen Trigger's (item 0). */
export type GetParameter = (name: string, itemIndex: number, fallback: unknown) => unknown;

export type ParamReader = (itemIndex: number) => RawParams;

/**
 * Reads the given top-level fields for one item, for the Keen node and the Keen Trigger alike;
 * hidden fields fall back to their default, resource locators give their value. `raw` is the node's
 * stored parameters. Fields without an expression are the same for every item, so they are read
 * once and shared, frozen: on 100,000 items, reading every field per item was the largest cost of
 * a run (docs/benchmarks.md).
 */
export function paramReader(getParameter: GetParameter, fields: readonly INodeProperties[], raw: INodeParameters): ParamReader {
	const properties = fields.filter((property, index, all) => all.findIndex((p) => p.name === property.name) === index);
	const shared = new Map<string, unknown>();
	const read = (property: INodeProperties, itemIndex: number): unknown => {
		const value = getParameter(property.name, itemIndex, property.default);
		// Resource locators are read whole and unwrapped here: n8n-core's extractValue throws on hidden ones.
		return property.type === 'resourceLocator' ? locatorValue(value) : value;
	};
	const readItem = (itemIndex: number): RawParams => {
		const params: RawParams = {};
		for (const property of properties) {
			let value = shared.get(property.name);
			if (value === undefined) {
				value = read(property, itemIndex);
				if (!holdsExpression(raw[property.name])) shared.set(property.name, deepFreeze(value));
			}
			params[property.name] = value as IDataObject[keyof IDataObject];
		}
		return params;
	};
	if (properties.some((property) => holdsExpression(raw[property.name]))) return readItem;
	// No expression at all (the common bulk set-up): every item gets the same frozen object.
	let same: RawParams | undefined;
	return (itemIndex) => (same ??= deepFreeze(readItem(itemIndex)));
}

function locatorValue(value: unknown): unknown {
	return isPlainObject(value) && '__rl' in value ? value.value : value;
}
