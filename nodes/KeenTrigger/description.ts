import type { INodeProperties } from 'n8n-workflow';

import { collectionRlc, savedQueryRlc, simplifyField } from '../Keen/actions/common.descriptions';
import { groupByField, targetPropertyField, timeframeFields } from '../Keen/actions/query.descriptions';
import { REQUEST_OPTIONS_FIELD } from '../Keen/actions/requestOptions';
import { numericAnalyses } from '../Keen/actions/query/simpleAnalyses';
import { since, until } from '../Keen/actions/versions';
import { FILTERS_EXAMPLE } from '../Keen/helpers/queryDefinition';

export type TriggerEvent = 'metricThreshold' | 'newEvent' | 'savedQueryResult';

const onlyFor = (...event: TriggerEvent[]) => ({ show: { event } });

const filtersOption: INodeProperties = {
	displayName: 'Filters (JSON)',
	name: 'filtersJson',
	type: 'json',
	default: '[]',
	description: `Keen filters as a JSON array, e.g. ${FILTERS_EXAMPLE}. Only events matching all of them count.`,
};

const eventField: INodeProperties = {
	displayName: 'Trigger On',
	name: 'event',
	type: 'options',
	noDataExpression: true,
	default: 'newEvent',
	options: [
		{
			name: 'Metric Threshold',
			value: 'metricThreshold',
			description: 'Run an analysis on each poll and trigger when its value crosses a threshold',
		},
		{
			name: 'New Event',
			value: 'newEvent',
			description: 'Trigger once for each event Keen received in a collection since the previous poll',
		},
		{
			name: 'Saved Query Result',
			value: 'savedQueryResult',
			description: 'Run a saved query on each poll and trigger with its result',
		},
	],
};

const savedQueryFields: INodeProperties[] = [
	{ ...savedQueryRlc, displayOptions: onlyFor('savedQueryResult') },
	{
		displayName: 'Emit',
		name: 'resultEmit',
		type: 'options',
		default: 'change',
		displayOptions: onlyFor('savedQueryResult'),
		options: [
			{ name: 'On Every Poll', value: 'everyPoll', description: 'Trigger with the result on every poll' },
			{
				name: 'When the Result Changes',
				value: 'change',
				description: 'Trigger only when the result differs from the last one emitted (the first poll always emits)',
			},
		],
		description: 'When the saved query result starts the workflow',
	},
	{ ...simplifyField, displayOptions: onlyFor('savedQueryResult') },
];

const eventOptionsField: INodeProperties = {
	displayName: 'Options',
	name: 'eventOptions',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	displayOptions: onlyFor('newEvent'),
	options: [
		{
			displayName: 'Backfill (Minutes)',
			name: 'backfillMinutes',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
			description:
				'On the first poll after activation, emit the events Keen received in this many minutes before it. With 0 the first poll only starts watching.',
		},
		{ ...filtersOption },
		{
			displayName: 'Late-Event Sweep Every (Minutes)',
			name: 'sweepMinutes',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 60,
			description:
				'How often a poll also scans the whole Look-Back Window for events stamped more than 15 minutes before Keen received them (backdated, or sent late). Other polls scan only the last minutes, so they cost Keen far less. With 0 every poll sweeps.',
		},
		{
			displayName: 'Look-Back Window (Hours)',
			name: 'lookBackHours',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 24,
			description:
				'How far the keen.timestamp of a newly received event may lie before the time Keen received it (late or backdated events), or after n8n\'s clock, and still be emitted. A longer window makes each sweep scan more events.',
		},
		{
			displayName: 'Max Events per Poll',
			name: 'maxEvents',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 1000,
			description: 'Most events one poll emits, in the order Keen received them; the rest follow on the next poll',
		},
		{
			displayName: 'Overlap Window (Minutes)',
			name: 'overlapMinutes',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 5,
			description:
				'How far before the newest event emitted each poll looks again, for events Keen makes queryable late (ingestion delay). Events already emitted are recognised by their keen.ID and not emitted twice.',
		},
	],
};

/** The New Event options' defaults, used for options the user has not added. */
export const NEW_EVENT_DEFAULTS = Object.fromEntries(
	(eventOptionsField.options as INodeProperties[]).map((option) => [option.name, option.default]),
) as Record<'backfillMinutes' | 'lookBackHours' | 'maxEvents' | 'overlapMinutes' | 'sweepMinutes', number>;

/** Where the picker of version 1.1 starts: this_1_hours, version 1's default, as Custom → This, 1, Hours. */
const THRESHOLD_TIMEFRAME_DEFAULTS: Record<string, string | number> = {
	relativeTimeframe: 'custom',
	timeframeDirection: 'this',
	timeframeCount: 1,
	timeframeUnit: 'hours',
};

/**
 * The Keen node's timeframe fields (presets, custom, text) for the window each poll analyses, shown
 * for Metric Threshold. Absolute is left out: a fixed window would give the same value on every poll.
 */
function thresholdTimeframeFields(): INodeProperties[] {
	return timeframeFields
		.filter((field) => field.displayOptions?.show?.timeframeType?.[0] !== 'absolute')
		.map((field) => ({
			...field,
			...(field.name === 'timeframeType' ? { options: field.options?.filter((option) => 'value' in option && option.value !== 'absolute') } : {}),
			...(field.name in THRESHOLD_TIMEFRAME_DEFAULTS ? { default: THRESHOLD_TIMEFRAME_DEFAULTS[field.name] } : {}),
			displayOptions: { ...field.displayOptions, show: { ...field.displayOptions?.show, event: ['metricThreshold'] } },
		}));
}

const thresholdFields: INodeProperties[] = [
	{
		displayName: 'Analysis',
		name: 'analysisType',
		type: 'options',
		default: 'count',
		displayOptions: onlyFor('metricThreshold'),
		// The Keen node's analyses table (docs/keen-api.md §7.2): the values are Keen's analysis names, sent as they are.
		options: numericAnalyses()
			.map((row) => ({ name: row.name, value: row.analysis }))
			.sort((a, b) => a.name.localeCompare(b.name)),
		description: 'The analysis whose value is compared with the threshold',
	},
	{
		...targetPropertyField,
		displayOptions: { show: { event: ['metricThreshold'] }, hide: { analysisType: ['count'] } },
	},
	{
		displayName: 'Percentile',
		name: 'percentile',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 100, numberPrecision: 2 },
		default: 90,
		displayOptions: { show: { event: ['metricThreshold'], analysisType: ['percentile'] } },
		description: 'Which percentile to compute, greater than 0 and at most 100',
	},
	...until(1.1, [
		{
			displayName: 'Timeframe',
			name: 'relativeTimeframe',
			type: 'string',
			default: 'this_1_hours',
			required: true,
			placeholder: 'e.g. this_1_hours',
			displayOptions: onlyFor('metricThreshold'),
			description:
				'The period each poll analyses: a relative timeframe such as this_1_hours, previous_1_days or this_15_minutes',
		},
	]),
	...since(1.1, thresholdTimeframeFields()),
	{
		displayName: 'Threshold',
		name: 'threshold',
		type: 'number',
		// No numberPrecision: the value shows as typed (0, 2.5), not padded to 0.0000.
		default: 0,
		displayOptions: onlyFor('metricThreshold'),
		description: 'The value the analysis result is compared with',
	},
	{
		displayName: 'Trigger When Value',
		name: 'direction',
		type: 'options',
		default: 'above',
		displayOptions: onlyFor('metricThreshold'),
		options: [
			{ name: 'Rises Above Threshold', value: 'above' },
			{ name: 'Falls Below Threshold', value: 'below' },
		],
		description: 'Which crossing of the threshold starts the workflow',
	},
	{
		displayName: 'Emit',
		name: 'thresholdEmit',
		type: 'options',
		default: 'crossing',
		displayOptions: onlyFor('metricThreshold'),
		options: [
			{
				name: 'Once per Crossing',
				value: 'crossing',
				description: 'Trigger when the value crosses, and again only after it has gone back',
			},
			{
				name: 'On Every Poll Past the Threshold',
				value: 'everyPoll',
				description: 'Trigger on every poll while the value is past the threshold',
			},
		],
		description:
			'How often a value past the threshold starts the workflow; a value already past it when watching starts counts as a crossing',
	},
	{
		displayName: 'Options',
		name: 'thresholdOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: onlyFor('metricThreshold'),
		options: [
			{ ...filtersOption },
			{
				...groupByField,
				description:
					'Properties to group by; each group crosses the threshold on its own. An expression may give a list or comma-separated names. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
		],
	},
];

export const triggerProperties: INodeProperties[] = [
	eventField,
	...savedQueryFields,
	{ ...collectionRlc, displayOptions: onlyFor('newEvent', 'metricThreshold') },
	eventOptionsField,
	...thresholdFields,
	REQUEST_OPTIONS_FIELD,
];
