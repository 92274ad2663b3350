import type { IDataObject } from 'n8n-workflow';

import { buildExtractionBody } from '../../helpers/queryBody';
import { simplifyResult } from '../../helpers/simplify';
import { extractionRequestOf } from '../queryInputs';
import { extractionForModel } from '../toolMode';
import type { KeenOperation, RawParams, RunContext } from '../types';
import { extractionFields } from './extraction.descriptions';
import { keenPath } from '../../helpers/path';
import { ROUTES } from '../../transport/routes';

/** A model's call asks Keen for the most recent events it can show (toolMode.ts extractionForModel). */
function body(params: RawParams, reader?: Pick<RunContext, 'asTool' | 'toolMaxItems'>): IDataObject {
	if (params.sendByEmail !== true) {
		const events = buildExtractionBody(extractionRequestOf(params));
		return reader?.asTool ? extractionForModel(events, reader.toolMaxItems) : events;
	}
	return buildExtractionBody(extractionRequestOf(params, params.fileFormat === 'json' ? 'application/json' : 'text/csv'));
}

/** docs/keen-api.md §7.9: synchronous extraction returns the events; with `email` Keen answers with an acknowledgement and emails a file. */
export const extract: KeenOperation = {
	resource: 'extraction',
	value: 'extract',
	name: 'Extract',
	action: 'Extract events',
	description: 'Get the raw events of a collection as items (one item per event), or have Keen email them as a file',
	routes: [ROUTES.runAnalysis, ROUTES.listCollections],
	// An email extraction answers an acknowledgement, with nothing to explain.
	explainsEmptyResult: (params) => params.sendByEmail !== true,
	itemNoun: 'events',
	path: () => keenPath('queries', 'extraction'),
	properties: [
		...extractionFields,
		{
			displayName: 'File Format',
			name: 'fileFormat',
			type: 'options',
			displayOptions: { show: { sendByEmail: [true] } },
			options: [
				{ name: 'CSV', value: 'csv' },
				{ name: 'JSON', value: 'json' },
			],
			default: 'csv',
			description: 'The format of the file Keen emails',
		},
	],
	body,
	toItems: (response, params, sent) =>
		params.sendByEmail === true ? [response as IDataObject] : simplifyResult('extraction', sent as IDataObject, response),
};
