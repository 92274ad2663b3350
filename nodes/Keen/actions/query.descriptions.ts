import type { INodeProperties } from 'n8n-workflow';

import { FILTER_OPERATORS, type FilterOperator } from '../helpers/filters';

/*
 * Fields shared by the Query and Extraction operations. Their names are what
 * helpers/queryBody.ts reads; the helpers turn them into Keen's snake_case body.
 */

const unitOptions = [
	{ name: 'Days', value: 'days' },
	{ name: 'Hours', value: 'hours' },
	{ name: 'Minutes', value: 'minutes' },
	{ name: 'Months', value: 'months' },
	{ name: 'Weeks', value: 'weeks' },
	{ name: 'Years', value: 'years' },
];

export const targetPropertyField: INodeProperties = {
	displayName: 'Target Property Name or ID',
	name: 'targetProperty',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getCollectionProperties', loadOptionsDependsOn: ['collection.value'] },
	default: '',
	required: true,
	description: 'The event property to analyse, as a dot path such as price or user.email. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

export const percentileField: INodeProperties = {
	displayName: 'Percentile',
	name: 'percentile',
	type: 'number',
	typeOptions: { minValue: 0.01, maxValue: 100, numberPrecision: 2 },
	default: 50,
	required: true,
	description: 'The percentile to compute: greater than 0, at most 100, at most two decimals (e.g. 99.5)',
};

/** Relative (presets or custom this_/previous_ N units) or absolute start/end (docs/keen-api.md §7.3, §7.4). */
export const timeframeFields: INodeProperties[] = [
	{
		displayName: 'Timeframe Type',
		name: 'timeframeType',
		type: 'options',
		options: [
			{ name: 'Relative', value: 'relative', description: 'A window relative to now, such as the previous 7 days' },
			{ name: 'Absolute', value: 'absolute', description: 'A fixed start and end date' },
			{
				name: 'Text',
				value: 'text',
				description: 'Typed, from an expression, or filled in by an AI model: this_7_days, previous_2_weeks or {"start": …, "end": …}',
			},
		],
		default: 'relative',
		description: 'Whether the timeframe is relative to now, between two fixed dates, or given as text',
	},
	{
		displayName: 'Timeframe',
		name: 'timeframeText',
		type: 'string',
		displayOptions: { show: { timeframeType: ['text'] } },
		default: 'this_7_days',
		placeholder: 'e.g. previous_2_weeks',
		description:
			'The window of events, as text. Relative: this_N_units (includes the current partial unit) or previous_N_units (complete units only), with units minutes, hours, days, weeks, months or years, e.g. this_7_days, previous_1_months; also today, yesterday, this_week, previous_month. Absolute: {"start": "2024-05-01T00:00:00Z", "end": "2024-05-08T00:00:00Z"}, end excluded, dates in UTC unless they carry an offset.',
	},
	{
		displayName: 'Timeframe',
		name: 'relativeTimeframe',
		type: 'options',
		displayOptions: { show: { timeframeType: ['relative'] } },
		options: [
			{ name: 'Custom', value: 'custom', description: 'This or previous N minutes, hours, days, weeks, months or years' },
			{ name: 'Previous 30 Days', value: 'previous_30_days', description: 'The 30 complete days before today' },
			{ name: 'Previous 7 Days', value: 'previous_7_days', description: 'The 7 complete days before today' },
			{ name: 'Previous Hour', value: 'previous_hour', description: 'The last complete hour' },
			{ name: 'Previous Month', value: 'previous_month', description: 'The last complete calendar month' },
			{ name: 'Previous Week', value: 'previous_week', description: 'The last complete week (Sunday to Saturday)' },
			{ name: 'Previous Year', value: 'previous_year', description: 'The last complete calendar year' },
			{ name: 'This 30 Days', value: 'this_30_days', description: 'The last 29 days plus today so far' },
			{ name: 'This 7 Days', value: 'this_7_days', description: 'The last 6 days plus today so far' },
			{ name: 'This Hour', value: 'this_hour', description: 'The current hour so far' },
			{ name: 'This Month', value: 'this_month', description: 'The current calendar month so far' },
			{ name: 'This Week', value: 'this_week', description: 'The current week so far (weeks start on Sunday)' },
			{ name: 'This Year', value: 'this_year', description: 'The current calendar year so far' },
			{ name: 'Today', value: 'today', description: 'Today so far' },
			{ name: 'Yesterday', value: 'yesterday', description: 'The whole of yesterday' },
		],
		default: 'this_7_days',
		description: 'The window of events to analyse. "This" windows include the current partial unit, "previous" ones only complete units.',
	},
	{
		displayName: 'This or Previous',
		name: 'timeframeDirection',
		type: 'options',
		displayOptions: { show: { timeframeType: ['relative'], relativeTimeframe: ['custom'] } },
		options: [
			{ name: 'This (Include the Current Unit)', value: 'this', description: 'Include the current partial unit, e.g. today so far' },
			{ name: 'Previous (Complete Units Only)', value: 'previous', description: 'Only complete units before the current one' },
		],
		default: 'this',
		description: 'Whether the window includes the current partial unit (this) or only complete units (previous)',
	},
	{
		displayName: 'Number of Units',
		name: 'timeframeCount',
		type: 'number',
		typeOptions: { minValue: 1 },
		displayOptions: { show: { timeframeType: ['relative'], relativeTimeframe: ['custom'] } },
		default: 14,
		description: 'How many units the window spans, 1 or more',
	},
	{
		displayName: 'Unit',
		name: 'timeframeUnit',
		type: 'options',
		displayOptions: { show: { timeframeType: ['relative'], relativeTimeframe: ['custom'] } },
		options: unitOptions,
		default: 'days',
		description: 'The unit of the window',
	},
	{
		displayName: 'Start',
		name: 'timeframeStart',
		type: 'dateTime',
		displayOptions: { show: { timeframeType: ['absolute'] } },
		default: '',
		required: true,
		description: 'The first moment of the window (included). A date without offset is read as UTC.',
	},
	{
		displayName: 'End',
		name: 'timeframeEnd',
		type: 'dateTime',
		displayOptions: { show: { timeframeType: ['absolute'] } },
		default: '',
		required: true,
		description: 'The end of the window (excluded); must be later than the start',
	},
];

/** docs/keen-api.md §7.4: named zones or offsets in seconds; ignored by Keen for absolute timeframes. */
export const timezoneFields: INodeProperties[] = [
	{
		displayName: 'Timezone',
		name: 'timezone',
		type: 'options',
		options: [
			{ name: 'Africa/Johannesburg', value: 'Africa/Johannesburg' },
			{ name: 'America/Chicago', value: 'America/Chicago' },
			{ name: 'America/Denver', value: 'America/Denver' },
			{ name: 'America/Los_Angeles', value: 'America/Los_Angeles' },
			{ name: 'America/New_York', value: 'America/New_York' },
			{ name: 'America/Sao_Paulo', value: 'America/Sao_Paulo' },
			{ name: 'Asia/Kolkata', value: 'Asia/Kolkata' },
			{ name: 'Asia/Shanghai', value: 'Asia/Shanghai' },
			{ name: 'Asia/Singapore', value: 'Asia/Singapore' },
			{ name: 'Asia/Tokyo', value: 'Asia/Tokyo' },
			{ name: 'Australia/Sydney', value: 'Australia/Sydney' },
			{ name: 'Europe/Amsterdam', value: 'Europe/Amsterdam' },
			{ name: 'Europe/Berlin', value: 'Europe/Berlin' },
			{ name: 'Europe/London', value: 'Europe/London' },
			{ name: 'Europe/Paris', value: 'Europe/Paris' },
			{ name: 'Other (Name or Offset)', value: 'custom', description: 'Type any IANA zone name or an offset in seconds' },
			{ name: 'US/Central', value: 'US/Central' },
			{ name: 'US/Eastern', value: 'US/Eastern' },
			{ name: 'US/Mountain', value: 'US/Mountain' },
			{ name: 'US/Pacific', value: 'US/Pacific' },
			{ name: 'UTC', value: 'UTC' },
		],
		default: 'UTC',
		description: 'The timezone relative timeframes and intervals are computed in. Ignored for absolute timeframes.',
	},
	{
		displayName: 'Timezone Name or Offset',
		name: 'customTimezone',
		type: 'string',
		displayOptions: { show: { timezone: ['custom'] } },
		default: '',
		placeholder: 'e.g. America/Argentina/Buenos_Aires or -28800',
		description: 'An IANA zone name, or an offset from UTC in seconds (e.g. -28800 for UTC−8)',
	},
];

/** docs/keen-api.md §7.5. */
const intervalFields: INodeProperties[] = [
	{
		displayName: 'Interval',
		name: 'interval',
		type: 'options',
		// n8n's lint sorts these by name; "All in One Result" is named so the default comes first.
		options: [
			{ name: 'All in One Result (No Interval)', value: 'none', description: 'One result for the whole timeframe' },
			{ name: 'Custom', value: 'custom', description: 'Every N minutes, hours, days, weeks, months or years' },
			{ name: 'Daily', value: 'daily' },
			{ name: 'Hourly', value: 'hourly' },
			{ name: 'Minutely', value: 'minutely' },
			{ name: 'Monthly', value: 'monthly' },
			{ name: 'Text', value: 'text', description: 'Typed, from an expression, or filled in by an AI model' },
			{ name: 'Weekly', value: 'weekly', description: 'Weeks start on Sunday' },
			{ name: 'Yearly', value: 'yearly' },
		],
		default: 'none',
		description: 'Whether to split the timeframe into buckets, with one result per bucket',
	},
	{
		displayName: 'Interval',
		name: 'intervalText',
		type: 'string',
		displayOptions: { show: { interval: ['text'] } },
		default: 'daily',
		placeholder: 'e.g. every_6_hours',
		description:
			'How to split the timeframe into buckets, one result per bucket: minutely, hourly, daily, weekly, monthly or yearly, or every_N_units such as every_6_hours or every_2_weeks; none gives one total',
	},
	{
		displayName: 'Interval Length',
		name: 'intervalCount',
		type: 'number',
		typeOptions: { minValue: 1 },
		displayOptions: { show: { interval: ['custom'] } },
		default: 7,
		description: 'How many units each bucket spans, 1 or more',
	},
	{
		displayName: 'Interval Unit',
		name: 'intervalUnit',
		type: 'options',
		displayOptions: { show: { interval: ['custom'] } },
		options: unitOptions,
		default: 'days',
		description: 'The unit of each bucket',
	},
];

export const groupByField: INodeProperties = {
	displayName: 'Group By Property Names or IDs',
	name: 'groupBy',
	type: 'multiOptions',
	typeOptions: { loadOptionsMethod: 'getCollectionProperties', loadOptionsDependsOn: ['collection.value'] },
	default: [],
	description:
		'Properties to group results by; one result per combination of their values. An expression may give a list or comma-separated names. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

/** How the Operator dropdown shows each of Keen's operators (helpers/filters.ts lists them once). */
const OPERATOR_TEXT: Record<FilterOperator, { name: string; description?: string }> = {
	contains: { name: 'Contains', description: 'Text contains the value, or a list property holds it' },
	not_contains: { name: 'Does Not Contain', description: 'Text does not contain the value, or a list property lacks it' },
	eq: { name: 'Equal' },
	exists: { name: 'Exists', description: 'The property is set (true) or not (false)' },
	gt: { name: 'Greater Than' },
	gte: { name: 'Greater Than or Equal' },
	in: { name: 'In List', description: 'Equal to any value of a list' },
	lt: { name: 'Less Than' },
	lte: { name: 'Less Than or Equal' },
	regex: { name: 'Matches Regex', description: 'Text matches a regular expression (RE2 syntax)' },
	ne: { name: 'Not Equal' },
	within: { name: 'Within Radius', description: 'The location (keen.location.coordinates) lies within a distance of a point' },
};

const operatorOptions = FILTER_OPERATORS.map((value) => ({ ...OPERATOR_TEXT[value], value })).sort((a, b) => a.name.localeCompare(b.name));

/** Filters as rows (property / operator / typed value) or as raw JSON (docs/keen-api.md §7.6). */
export const filterFields: INodeProperties[] = [
	{
		displayName: 'Filter Mode',
		name: 'filterMode',
		type: 'options',
		options: [
			{ name: 'Fields', value: 'fields', description: 'One row per filter' },
			{ name: 'JSON', value: 'json', description: "Keen's filter array as JSON" },
		],
		default: 'fields',
		description: 'How to give the filters; all filters must match (AND)',
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		displayOptions: { show: { filterMode: ['fields'] } },
		placeholder: 'Add Filter',
		default: {},
		description: 'Only events matching all these filters are analysed',
		options: [
			{
				displayName: 'Filter',
				name: 'filter',
				// n8n's lint sorts these by display name; the names are chosen so the row reads property, operator, value.
				values: [
					{
						// Picked from the collection's schema like Group By, so a typo cannot slip through; n8n's
						// lint demands "Name or ID" on every list loaded at run time, so the label keeps it.
						displayName: 'Event Property Name or ID',
						name: 'propertyName',
						type: 'options',
						typeOptions: { loadOptionsMethod: 'getCollectionProperties', loadOptionsDependsOn: ['collection.value'] },
						default: '',
						description:
							'The event property, as a dot path such as user.email. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
					},
					{
						displayName: 'Operator',
						name: 'operator',
						type: 'options',
						options: operatorOptions,
						default: 'eq',
						description: 'How the property is compared with the value',
					},
					{
						displayName: 'Radius Centre Latitude',
						name: 'latitude',
						type: 'number',
						typeOptions: { minValue: -90, maxValue: 90, numberPrecision: 6 },
						displayOptions: { show: { operator: ['within'] } },
						default: 0,
						description: 'Latitude of the centre point in decimal degrees',
					},
					{
						displayName: 'Radius Centre Longitude',
						name: 'longitude',
						type: 'number',
						typeOptions: { minValue: -180, maxValue: 180, numberPrecision: 6 },
						displayOptions: { show: { operator: ['within'] } },
						default: 0,
						description: 'Longitude of the centre point in decimal degrees',
					},
					{
						displayName: 'Radius Distance (Miles)',
						name: 'maxDistanceMiles',
						type: 'number',
						typeOptions: { minValue: 0 },
						displayOptions: { show: { operator: ['within'] } },
						default: 10,
						description: 'Radius around the point, in miles',
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						displayOptions: { hide: { operator: ['within'] } },
						default: '',
						description: 'The value to compare with. In List takes a comma-separated or JSON list; Exists takes true or false.',
					},
					{
						displayName: 'Value Type',
						name: 'valueType',
						type: 'options',
						displayOptions: { hide: { operator: ['within'] } },
						options: [
							{ name: 'Auto', value: 'auto', description: 'Numbers, true/false and null are recognised; for In List, a comma-separated list or a JSON list' },
							{ name: 'Boolean', value: 'boolean' },
							{ name: 'JSON', value: 'json', description: 'Any JSON value, e.g. a list ["a", "b"]' },
							{ name: 'Null', value: 'null' },
							{ name: 'Number', value: 'number' },
							{ name: 'String', value: 'string', description: 'The text as it is, even if it looks like a number' },
						],
						default: 'auto',
						description: 'How the value is typed before it is sent to Keen',
					},
				],
			},
		],
	},
	{
		displayName: 'Filters (JSON)',
		name: 'filtersJson',
		type: 'json',
		displayOptions: { show: { filterMode: ['json'] } },
		default: '[]',
		description:
			'A JSON array of Keen filters, e.g. [{"property_name": "price", "operator": "gt", "property_value": 10}]. "or" filters are allowed.',
	},
];

/** order_by and limit need group_by; Keen truncates the output only (docs/keen-api.md §7.2). */
const queryOptionsField: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Include Metadata',
			name: 'includeMetadata',
			type: 'boolean',
			default: false,
			description: "Whether Keen adds execution_metadata (events scanned, processing time) to the answer. Turn Simplify off to see it.",
		},
		{
			displayName: 'Max Age of a Cached Result (Seconds)',
			name: 'maxAge',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 300,
			description: 'How old, in seconds, a result Keen computed earlier may be for Keen to answer with it instead of computing it again (faster on large collections). Not set: Keen computes the result now.',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			hint: 'Keeps the first N groups in Order By order; needs Group By and Order By',
		},
		{
			displayName: 'Order By',
			name: 'orderBy',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Sort',
			default: {},
			description: 'Sort grouped results; needs Group By',
			options: [
				{
					displayName: 'Sort',
					name: 'order',
					values: [
						{
							displayName: 'Property Name',
							name: 'propertyName',
							type: 'string',
							default: 'result',
							description: '"result" or one of the Group By properties',
						},
						{
							displayName: 'Direction',
							name: 'direction',
							type: 'options',
							options: [
								{ name: 'Ascending', value: 'ASC' },
								{ name: 'Descending', value: 'DESC' },
							],
							default: 'DESC',
							description: 'The sort direction',
						},
					],
				},
			],
		},
	],
};

/** The fields every analysis of one collection has after its own: timeframe, timezone, interval, group by, filters, options. */
export const analysisScopeFields: INodeProperties[] = [
	...timeframeFields,
	...timezoneFields,
	...intervalFields,
	groupByField,
	...filterFields,
	queryOptionsField,
];
