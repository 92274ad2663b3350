import type { IDataObject } from 'n8n-workflow';

import { KeenInputError } from './errors';
import { validatePropertyName } from './eventValidation';

/** Enrichment add-ons of docs/keen-api.md §2.5: the Keen name and the input keys each one reads. */
export const ADD_ONS = {
	dateTime: { keenName: 'keen:date_time_parser', inputs: ['date_time'] },
	ipToGeo: { keenName: 'keen:ip_to_geo', inputs: ['ip'] },
	referrer: { keenName: 'keen:referrer_parser', inputs: ['referrer_url', 'page_url'] },
	url: { keenName: 'keen:url_parser', inputs: ['url'] },
	userAgent: { keenName: 'keen:ua_parser', inputs: ['ua_string'] },
} as const;

export type AddOnValue = keyof typeof ADD_ONS;

/** One add-on row of the UI: which add-on, the event properties it reads, where it writes. */
export interface AddOnRow {
	addOn?: string;
	input?: string;
	pageUrlInput?: string;
	output?: string;
}

const ADD_ON_HINT = 'Give the dot path of an event property, such as "ip_address" or "user.agent".';

function checkPath(path: unknown, what: string, field: string): string {
	const text = typeof path === 'string' ? path.trim() : '';
	if (!text) throw new KeenInputError(`The ${what} of an add-on is empty`, field, ADD_ON_HINT);
	for (const segment of text.split('.')) validatePropertyName(segment, text, field);
	return text;
}

/** `keen.addons` entries (docs/keen-api.md §2.5); input values name event properties, not literal values. */
export function buildAddOns(rows: AddOnRow[], field: string): IDataObject[] {
	return rows.map((row) => {
		const spec = ADD_ONS[row.addOn as AddOnValue];
		if (!spec) throw new KeenInputError(`Unknown add-on "${String(row.addOn)}"`, field, `Choose one of: ${Object.keys(ADD_ONS).join(', ')}.`);
		const values = [row.input, row.pageUrlInput];
		const input: IDataObject = {};
		spec.inputs.forEach((key, i) => {
			input[key] = checkPath(values[i], `input property "${key}"`, field);
		});
		return { name: spec.keenName, input, output: checkPath(row.output, 'output property', field) };
	});
}
