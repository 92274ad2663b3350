import type { IDataObject } from 'n8n-workflow';

import { simplifyResult } from '../../helpers/simplify';
import { savedQueryRlc, simplifyField } from '../common.descriptions';
import { resourceId, resourcePath } from '../resourceOperations';
import type { KeenOperation } from '../types';
import { SAVED_QUERY } from './savedQuery.resource';
import { ROUTES } from '../../transport/routes';

export const getResult: KeenOperation = {
	resource: 'savedQuery',
	value: 'getResult',
	name: 'Get Result',
	action: 'Get the result of a saved query',
	description: 'Run a saved query, or read its cached result, and return the answer',
	routes: [ROUTES.getSavedQueryResult],
	properties: [savedQueryRlc, simplifyField],
	path: (params) => resourcePath(SAVED_QUERY, resourceId(SAVED_QUERY, params), ['result']),
	// keen-api.md §8.4: the answer is the definition plus `result`; the stored query says how to read it.
	toItems: (response, params) => {
		const answer = (response ?? {}) as IDataObject;
		if (params.simplify !== true) return [answer];
		const query = (answer.query ?? {}) as IDataObject;
		return simplifyResult(String(query.analysis_type ?? ''), query, answer);
	},
};
