import type { IDataObject } from 'n8n-workflow';

import { KeenInputError } from '../../helpers/errors';
import { buildMultiAnalysisBody, type Analysis, type MultiAnalysisRequest } from '../../helpers/queryBody';
import { requiredText } from '../../helpers/textInputs';
import { validatePercentile } from '../../helpers/percentile';
import { collectionRlc, simplifyField } from '../common.descriptions';
import type { KeenOperation, RawParams } from '../types';
import { analysisScopeFields } from '../query.descriptions';
import { collectionOf, groupingOf, scopeOf } from '../queryInputs';
import { analysisItems, explainWhenSimplified } from './queryItems';
import { ANALYSIS_TYPE_OPTIONS, SIMPLE_ANALYSES, simpleAnalysisNamed } from './simpleAnalyses';
import { keenPath } from '../../helpers/path';
import { ROUTES } from '../../transport/routes';

/** The Analyses rows, then the shared query fields; every problem in a row is reported on Analyses. */
function multiAnalysisRequestOf(params: RawParams): MultiAnalysisRequest {
	const rows = ((params.analyses as IDataObject | undefined)?.analysis ?? []) as IDataObject[];
	if (!rows.length) throw new KeenInputError('No analyses given', 'analyses', 'Add at least one analysis, e.g. label "total", Sum of price.');
	const labels = new Set<string>();
	const analyses = rows.map((row, index) => {
		const label = requiredText(row.label, 'analyses', `The label of analysis ${index + 1}`, 'Give each analysis a label; it becomes the column name.');
		if (labels.has(label)) throw new KeenInputError(`The label "${label}" is used twice`, 'analyses', 'Give each analysis its own label.');
		labels.add(label);
		const type = String(row.analysisType ?? '');
		const shape = simpleAnalysisNamed(type);
		if (!shape) {
			throw new KeenInputError(`Analysis "${label}" has unknown type ${JSON.stringify(type)}`, 'analyses', `Use one of: ${SIMPLE_ANALYSES.map((known) => known.analysis).join(', ')}.`);
		}
		const analysis: Analysis = { type };
		if (shape.target === 'required') {
			analysis.targetProperty = requiredText(row.targetProperty, 'analyses', `The target property of analysis "${label}"`, 'Name the property to analyse, e.g. price.');
		}
		if (shape.percentile) analysis.percentile = validatePercentile(row.percentile, 'analyses');
		return { label, analysis };
	});
	const collection = collectionOf(params);
	return { collection, analyses, ...scopeOf(params), ...groupingOf(params) };
}

/** docs/keen-api.md §7.11: labelled sub-analyses over one collection; timeframe, filters, group_by and interval at the root only. */
export const multiAnalysis: KeenOperation = {
	resource: 'query',
	value: 'multiAnalysis',
	name: 'Multi-Analysis',
	action: 'Multi-analysis: several analyses in one request',
	description: 'Run several labelled analyses over the same events in one query; each label becomes a column',
	routes: [ROUTES.runAnalysis, ROUTES.listCollections],
	explainsEmptyResult: explainWhenSimplified,
	path: () => keenPath('queries', 'multi_analysis'),
	properties: [
		collectionRlc,
		{
			displayName: 'Analyses',
			name: 'analyses',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Analysis',
			default: {},
			required: true,
			description: 'The analyses to run; each needs its own label',
			options: [
				{
					displayName: 'Analysis',
					name: 'analysis',
					values: [
						{
							displayName: 'Label',
							name: 'label',
							type: 'string',
							default: '',
							placeholder: 'e.g. total_revenue',
							description: 'Name of the result column of this analysis; unique within the query',
						},
						{
							displayName: 'Analysis Type',
							name: 'analysisType',
							type: 'options',
							options: ANALYSIS_TYPE_OPTIONS,
							default: 'count',
							description: 'What to compute',
						},
						{
							displayName: 'Target Property',
							name: 'targetProperty',
							type: 'string',
							displayOptions: { hide: { analysisType: ['count'] } },
							default: '',
							placeholder: 'e.g. price',
							description: 'The property to analyse, as a dot path',
						},
						{
							displayName: 'Percentile',
							name: 'percentile',
							type: 'number',
							typeOptions: { minValue: 0.01, maxValue: 100, numberPrecision: 2 },
							displayOptions: { show: { analysisType: ['percentile'] } },
							default: 50,
							description: 'Greater than 0, at most 100, at most two decimals',
						},
					],
				},
			],
		},
		...analysisScopeFields,
		simplifyField,
	],
	body: (params) => buildMultiAnalysisBody(multiAnalysisRequestOf(params)),
	toItems: analysisItems('multi_analysis'),
};
