import type { IDataObject } from 'n8n-workflow';

import { eventsToCsv } from '../../helpers/csv';
import { buildExtractionBody } from '../../helpers/queryBody';
import { requiredText } from '../../helpers/textInputs';
import { simplifyResult } from '../../helpers/simplify';
import { extractionRequestOf } from '../queryInputs';
import type { KeenOperation } from '../types';
import { extractionFields } from './extraction.descriptions';
import { keenPath } from '../../helpers/path';
import { ROUTES } from '../../transport/routes';

const PATH = keenPath('queries', 'extraction');

/**
 * A synchronous extraction turned into a CSV file here (dot-path columns, RFC 4180, text that
 * would run as a formula neutralised), or Keen's own CSV by email (content_type text/csv, docs/keen-api.md §7.9).
 */
export const extractCsv: KeenOperation = {
	resource: 'extraction',
	value: 'extractCsv',
	name: 'Extract to CSV',
	action: 'Extract events to a CSV file',
	description: 'Get the raw events of a collection as a CSV file in the binary data, or have Keen email a CSV file',
	routes: [ROUTES.runAnalysis],
	itemNoun: 'events',
	properties: [
		...extractionFields,
		{
			displayName: 'File Name',
			name: 'fileName',
			type: 'string',
			displayOptions: { show: { sendByEmail: [false] } },
			default: 'extraction.csv',
			description: 'Name of the CSV file in the output item',
		},
		{
			displayName: 'Put Output File in Field',
			name: 'binaryPropertyName',
			type: 'string',
			displayOptions: { show: { sendByEmail: [false] } },
			default: 'data',
			hint: 'The name of the output binary field to put the file in',
			description: 'The binary field of the output item that holds the CSV file',
		},
		{
			displayName: 'Write Formulas Raw',
			name: 'rawFormulas',
			type: 'boolean',
			displayOptions: { show: { sendByEmail: [false] } },
			default: false,
			description:
				"Whether to write text that starts with =, +, -, @, a tab or a carriage return as it is. Off, such text gets a leading ' so a spreadsheet shows it instead of running it as a formula (CSV injection); numbers are never changed.",
		},
	],
	run: async (ctx, params) => {
		if (params.sendByEmail === true) {
			const body = buildExtractionBody(extractionRequestOf(params, 'text/csv'));
			return [{ json: (await ctx.request({ method: 'POST', path: PATH, body })) as IDataObject }];
		}
		const fileName = requiredText(params.fileName, 'fileName', 'The file name', 'Enter a name such as purchases.csv.');
		const binaryPropertyName = requiredText(params.binaryPropertyName, 'binaryPropertyName', 'The output field name', 'Enter a binary field name such as data.');
		const request = extractionRequestOf(params);
		const body = buildExtractionBody(request);
		const events = simplifyResult('extraction', body, await ctx.request({ method: 'POST', path: PATH, body }));
		const csv = eventsToCsv(events, request.propertyNames ?? [], { rawFormulas: params.rawFormulas === true });
		const binary = await ctx.prepareBinary(Buffer.from(csv, 'utf8'), fileName, 'text/csv');
		return [
			{
				json: { eventCollection: body.event_collection, eventCount: events.length, fileName },
				binary: { [binaryPropertyName]: binary },
			},
		];
	},
};
