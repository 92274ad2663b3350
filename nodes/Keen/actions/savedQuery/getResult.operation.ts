import type { IDataObject } from 'n8n-workflow';

import { askedOf, simplifyResult, withAsked } from '../../helpers/simplify';
import { resultsCarryQuery } from '../query/queryItems';
import { savedQueryRlc, simplifyField } from '../common.descriptions';
import type { KeenPath } from '../../helpers/path';
import { resourceId, resourcePath } from '../resourceOperations';
import type { KeenOperation } from '../types';
import { SAVED_QUERY } from './savedQuery.resource';
import { ROUTES } from '../../transport/routes';

/** The path of a saved query's result (docs/keen-api.md §8.4); the Keen Trigger's Saved Query Result polls it too. */
export function savedQueryResultPath(name: string): KeenPath {
	return resourcePath(SAVED_QUERY, name, ['result']);
}

/** docs/keen-api.md §8.4: the answer is the definition plus `result`; the stored query says how to read it. */
export function savedQueryResultRows(answer: IDataObject): IDataObject[] {
	const query = (answer.query ?? {}) as IDataObject;
	return simplifyResult(String(query.analysis_type ?? ''), query, answer);
}

export const getResult: KeenOperation = {
	resource: 'savedQuery',
	value: 'getResult',
	name: 'Get Result',
	action: 'Get the result of a saved query',
	description: 'Run a saved query, or read its cached result, and return the answer',
	routes: [ROUTES.getSavedQueryResult],
	properties: [savedQueryRlc, simplifyField],
	path: (params) => savedQueryResultPath(resourceId(SAVED_QUERY, params)),
	toItems: (response, params, _body, run) => {
		const answer = (response ?? {}) as IDataObject;
		if (params.simplify !== true) return [answer];
		const rows = savedQueryResultRows(answer);
		if (!resultsCarryQuery(run)) return rows;
		const query = (answer.query ?? {}) as IDataObject;
		const metadata = (answer.metadata ?? {}) as IDataObject;
		return withAsked(rows, askedOf(String(query.analysis_type ?? ''), query, String(metadata.display_name || answer.query_name || '')));
	},
};
