import { buildMultiAnalysisBody } from '../../helpers/queryBody';
import { collectionRlc, simplifyField } from '../common.descriptions';
import type { KeenOperation } from '../types';
import { analysisScopeFields } from '../query.descriptions';
import { analysisItems } from './queryItems';
import { ANALYSIS_TYPE_OPTIONS, TARGET_RULES } from './simpleAnalyses';
import { keenPath } from '../../helpers/path';

/** keen-api.md §7.11: labelled sub-analyses over one collection; timeframe, filters, group_by and interval at the root only. */
export const multiAnalysis: KeenOperation = {
	resource: 'query',
	value: 'multiAnalysis',
	name: 'Multi-Analysis',
	action: 'Multi-analysis: several analyses in one request',
	description: 'Run several labelled analyses over the same events in one query; each label becomes a column',
	keyKind: 'read',
	method: 'POST',
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
	body: (params) => buildMultiAnalysisBody(params, TARGET_RULES),
	toItems: analysisItems('multi_analysis'),
};
