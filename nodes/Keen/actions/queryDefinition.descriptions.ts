import type { INodeProperties } from 'n8n-workflow';

import { FILTERS_EXAMPLE, QUERY_EXAMPLE } from '../helpers/queryDefinition';
import { collectionRlc } from './common.descriptions';
import { ANALYSIS_TYPE_OPTIONS } from './query/simpleAnalyses';
import { changedIn } from './versions';

const inFieldsMode = { show: { definitionMode: ['fields'] } };

/**
 * The query a saved query or cached dataset runs (docs/keen-api.md §8.1, §9.1): built from simple
 * fields, or given whole as Keen's query JSON (funnels, multi-analyses, every parameter).
 */
export const queryDefinitionFields: INodeProperties[] = [
	{
		displayName: 'Define Query With',
		name: 'definitionMode',
		type: 'options',
		options: [
			{ name: 'Simple Fields', value: 'fields', description: 'Pick the analysis, collection, timeframe and so on' },
			{ name: 'Query JSON', value: 'json', description: "Give Keen's query object as JSON" },
		],
		default: 'fields',
		description: 'How the query is given',
	},
	{
		displayName: 'Analysis Type',
		name: 'analysisType',
		type: 'options',
		options: ANALYSIS_TYPE_OPTIONS,
		default: 'count',
		description: 'The analysis the query runs',
		displayOptions: inFieldsMode,
	},
	{ ...collectionRlc, displayOptions: inFieldsMode },
	{
		displayName: 'Target Property',
		name: 'targetProperty',
		type: 'string',
		default: '',
		placeholder: 'e.g. price',
		description: 'The property the analysis is computed on; dot paths such as item.price reach nested properties',
		displayOptions: { show: { definitionMode: ['fields'] }, hide: { analysisType: ['count'] } },
	},
	{
		displayName: 'Percentile',
		name: 'percentile',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 100 },
		default: 90,
		description: 'The percentile to compute, between 0 and 100',
		displayOptions: { show: { definitionMode: ['fields'], analysisType: ['percentile'] } },
	},
	{
		displayName: 'Timeframe',
		name: 'timeframe',
		type: 'string',
		default: 'this_14_days',
		placeholder: 'e.g. this_7_days',
		description:
			'A relative timeframe such as this_7_days or previous_1_months, or an absolute one as JSON: {"start": "2024-01-01T00:00:00Z", "end": "2024-02-01T00:00:00Z"}',
		displayOptions: inFieldsMode,
	},
	{
		displayName: 'Interval',
		name: 'interval',
		type: 'string',
		default: '',
		placeholder: 'e.g. daily',
		description: 'Split the timeframe into buckets: minutely, hourly, daily, weekly, monthly, yearly or every_N_units (e.g. every_6_hours). Leave empty for one total.',
		displayOptions: inFieldsMode,
	},
	{
		displayName: 'Timezone',
		name: 'timezone',
		type: 'string',
		default: '',
		placeholder: 'e.g. Europe/Paris',
		description: 'Timezone for relative timeframes and interval boundaries; empty means UTC',
		displayOptions: inFieldsMode,
	},
	{
		displayName: 'Group By',
		name: 'groupBy',
		type: 'string',
		default: '',
		placeholder: 'e.g. country, device.type',
		description: 'Properties to group the result by, separated by commas',
		displayOptions: inFieldsMode,
	},
	{
		displayName: 'Filters (JSON)',
		name: 'filters',
		type: 'json',
		default: '[]',
		placeholder: FILTERS_EXAMPLE,
		description: `Keen filters as a JSON array, e.g. ${FILTERS_EXAMPLE}`,
		displayOptions: inFieldsMode,
	},
	...changedIn(
		1.1,
		{
			displayName: 'Query JSON',
			name: 'queryJson',
			type: 'json',
			default: '{\n  "analysis_type": "count",\n  "event_collection": "purchases",\n  "timeframe": "this_14_days"\n}',
			description: 'Keen\'s query object with snake_case keys; it must include "analysis_type"',
			displayOptions: { show: { definitionMode: ['json'] } },
		},
		{
			default: '',
			placeholder: QUERY_EXAMPLE,
			hint: 'Keen\'s query object; it needs at least "analysis_type" and "event_collection"',
		},
	),
];
