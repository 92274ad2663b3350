import type { INodeProperties } from 'n8n-workflow';

import { buildQueryBody } from '../../helpers/queryBody';
import { collectionRlc, simplifyField } from '../common.descriptions';
import type { KeenOperation } from '../types';
import { analysisScopeFields, percentileField, targetPropertyField } from '../query.descriptions';
import { analysisRequestOf, type AnalysisShape } from '../queryInputs';
import { analysisItems, explainWhenSimplified } from './queryItems';
import { keenPath } from '../../helpers/path';
import { ROUTES } from '../../transport/routes';

/** One simple analysis: its operation value, Keen's analysis name (docs/keen-api.md §7.2, §7.12) and what it needs. */
export interface SimpleAnalysis extends AnalysisShape {
	value: string;
	name: string;
	/**
	 * Sentence-case action text, also the start of the description. It starts with the name, so the
	 * actions panel, which lists operations in the dropdown's alphabetical order, reads alphabetically too.
	 */
	summary: string;
	/** The answer is a list of values, not one number (so it cannot be compared with a threshold). */
	listResult?: true;
}

/** The analyses whose answer is one number per group: what the Keen Trigger's Metric Threshold can compare. */
export function numericAnalyses(): SimpleAnalysis[] {
	return SIMPLE_ANALYSES.filter((row) => !row.listResult);
}

export const SIMPLE_ANALYSES: readonly SimpleAnalysis[] = [
	{ value: 'count', analysis: 'count', name: 'Count', target: 'none', summary: 'Count events' },
	{ value: 'countUnique', analysis: 'count_unique', name: 'Count Unique', target: 'required', summary: 'Count unique values of a property' },
	{ value: 'minimum', analysis: 'minimum', name: 'Minimum', target: 'required', summary: 'Minimum value of a property' },
	{ value: 'maximum', analysis: 'maximum', name: 'Maximum', target: 'required', summary: 'Maximum value of a property' },
	{ value: 'sum', analysis: 'sum', name: 'Sum', target: 'required', summary: 'Sum the values of a property' },
	{ value: 'average', analysis: 'average', name: 'Average', target: 'required', summary: 'Average the values of a property' },
	{ value: 'median', analysis: 'median', name: 'Median', target: 'required', summary: 'Median value of a property' },
	{ value: 'percentile', analysis: 'percentile', name: 'Percentile', target: 'required', percentile: true, summary: 'Percentile of the values of a property' },
	{ value: 'selectUnique', analysis: 'select_unique', name: 'Select Unique', target: 'required', listResult: true, summary: 'Select unique values of a property' },
	{ value: 'standardDeviation', analysis: 'standard_deviation', name: 'Standard Deviation', target: 'required', summary: 'Standard deviation of the values of a property' },
];

function fields(row: SimpleAnalysis): INodeProperties[] {
	return [
		collectionRlc,
		...(row.target === 'required' ? [targetPropertyField] : []),
		...(row.percentile ? [percentileField] : []),
		...analysisScopeFields,
		simplifyField,
	];
}

/** The spec of one simple analysis: POST /queries/<analysis> with a JSON body, read key (docs/keen-api.md §7.1). */
export function simpleAnalysis(row: SimpleAnalysis): KeenOperation {
	const path = keenPath('queries', row.analysis);
	return {
		resource: 'query',
		value: row.value,
		name: row.name,
		action: row.summary,
		description: `${row.summary} in an event collection`,
		routes: [ROUTES.runAnalysis, ROUTES.listCollections],
		explainsEmptyResult: explainWhenSimplified,
		properties: fields(row),
		path: () => path,
		body: (params) => buildQueryBody(analysisRequestOf(row, params)),
		toItems: analysisItems(row.analysis),
	};
}

/** The analyses as dropdown options, valued by Keen's analysis name (Multi-Analysis, saved query definitions). */
export const ANALYSIS_TYPE_OPTIONS = [...SIMPLE_ANALYSES]
	.sort((a, b) => a.name.localeCompare(b.name))
	.map((row) => ({ name: row.name, value: row.analysis }));

export const simpleAnalysisOperations: KeenOperation[] = SIMPLE_ANALYSES.map(simpleAnalysis);

/**
 * The row of Keen's analysis `analysis_type` (what it needs: a target property, a percentile), for
 * Multi-Analysis's rows (docs/keen-api.md §7.11) and the Keen Trigger's Metric Threshold; undefined for a name Keen lacks.
 */
export function simpleAnalysisNamed(analysis: string): SimpleAnalysis | undefined {
	return SIMPLE_ANALYSES.find((row) => row.analysis === analysis);
}
