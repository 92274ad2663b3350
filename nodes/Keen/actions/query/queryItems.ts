import type { IDataObject } from 'n8n-workflow';

import { simplifyResult } from '../../helpers/simplify';
import type { KeenOperation, RawParams } from '../types';

/** An analysis's empty result is explained when its rows are simplified (actions/resultNotes.ts). */
export const explainWhenSimplified = (params: RawParams): boolean => params.simplify !== false;

/**
 * `toItems` of an analysis with a Simplify switch: Keen's answer as one item, or simplified rows
 * read against the body that was sent (keen-api.md §7.8).
 */
export function analysisItems(analysis: string): NonNullable<KeenOperation['toItems']> {
	return (response, params, body) =>
		params.simplify === false ? [response as IDataObject] : simplifyResult(analysis, body as IDataObject, response);
}
