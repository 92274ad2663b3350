import type { IDataObject } from 'n8n-workflow';

import { askedOf, simplifyResult, withAsked } from '../../helpers/simplify';
import { resultsCarryQuery } from '../query/queryItems';
import { savedQueryRlc, simplifyField } from '../common.descriptions';
import { resourceId, resourcePath } from '../resourceOperations';
import type { KeenOperation } from '../types';
import { SAVED_QUERY } from './savedQuery.resource';

export const getResult: KeenOperation = {
	resource: 'savedQuery',
	value: 'getResult',
	name: 'Get Result',
	action: 'Get the result of a saved query',
	description: 'Run a saved query, or read its cached result, and return the answer',
	keyKind: 'read',
	properties: [savedQueryRlc, simplifyField],
	method: 'GET',
	path: (params) => resourcePath(SAVED_QUERY, resourceId(SAVED_QUERY, params), ['result']),
	// keen-api.md §8.4: the answer is the definition plus `result`; the stored query says how to read it.
	toItems: (response, params, _body, run) => {
		const answer = (response ?? {}) as IDataObject;
		if (params.simplify !== true) return [answer];
		const query = (answer.query ?? {}) as IDataObject;
		const analysis = String(query.analysis_type ?? '');
		const rows = simplifyResult(analysis, query, answer);
		if (!resultsCarryQuery(run)) return rows;
		const metadata = (answer.metadata ?? {}) as IDataObject;
		return withAsked(rows, askedOf(analysis, query, String(metadata.display_name || answer.query_name || '')));
	},
};
