import type { IDataObject } from 'n8n-workflow';

import { askedOf, simplifyResult, withAsked } from '../../helpers/simplify';
import type { KeenOperation, RawParams, RunContext } from '../types';

/** An analysis's empty result is explained when its rows are simplified (actions/resultNotes.ts). */
export const explainWhenSimplified = (params: RawParams): boolean => params.simplify !== false;

/**
 * Whether results carry what was asked (version 1.1 on, for Chart → Render's title). Version 1's
 * outputs stay as they were; a model gets the rows alone, as it asked the question itself.
 */
export function resultsCarryQuery(run: RunContext): boolean {
	return run.node.typeVersion >= 1.1 && !run.asTool;
}

/**
 * `toItems` of an analysis with a Simplify switch: Keen's answer as one item, or simplified rows
 * read against the body that was sent (docs/keen-api.md §7.8). From version 1.1 the answer carries the
 * query as sent (`query`, with its analysis_type, as Keen's saved-query answers do) and each row
 * what was asked.
 */
export function analysisItems(analysis: string): NonNullable<KeenOperation['toItems']> {
	return (response, params, body, run) => {
		const request = body as IDataObject;
		const carry = resultsCarryQuery(run);
		if (params.simplify === false) {
			const answer = response as IDataObject;
			return [carry ? { ...answer, query: { analysis_type: analysis, ...request } } : answer];
		}
		const rows = simplifyResult(analysis, request, response);
		return carry ? withAsked(rows, askedOf(analysis, request)) : rows;
	};
}
