import type { INodeProperties } from 'n8n-workflow';

import { DEFAULT_BATCH_SIZE, DEFAULT_CONCURRENCY } from '../../transport/batch';
import type { RecordOutput } from './recordEvents';
import { changedIn } from '../versions';
import { EVENT_EXAMPLE } from '../../helpers/eventBuilder';

/** What each input item's event is made of: the whole item, chosen fields, or a JSON body. */
export const eventContentFields: INodeProperties[] = [
	{
		displayName: 'Event Content',
		name: 'eventSource',
		type: 'options',
		options: [
			{ name: 'Whole Input Item', value: 'item', description: 'Send every field of the input item as the event' },
			{ name: 'Chosen Fields', value: 'fields', description: 'Send only the listed fields of the input item' },
			{ name: 'JSON', value: 'json', description: 'Send an event written as JSON (expressions allowed)' },
		],
		default: 'item',
		description: 'What each input item becomes in Keen',
	},
	{
		displayName: 'Fields to Send',
		name: 'fields',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. name, price, user',
		description: 'Comma-separated names of the input item fields that make up the event',
		displayOptions: { show: { eventSource: ['fields'] } },
	},
	// Version 1 held an example event as the value, so an untouched field recorded it (issue 24).
	...changedIn(
		1.1,
		{
			displayName: 'Event JSON',
			name: 'jsonBody',
			type: 'json',
			default: '{\n  "item": "golden gadget",\n  "price": 25.5\n}',
			required: true,
			description: 'The event as a JSON object; nested objects become dot paths in Keen (e.g. customer.country)',
			displayOptions: { show: { eventSource: ['json'] } },
		},
		{ default: '', placeholder: EVENT_EXAMPLE, hint: 'The event to record, as a JSON object; expressions such as {{ $json.price }} allowed' },
	),
	{
		displayName: 'Timestamp Field',
		name: 'timestampField',
		type: 'string',
		default: '',
		placeholder: 'e.g. created_at',
		description:
			'Field of the input item (dot path allowed) holding the ISO-8601 date-time the event happened; it becomes keen.timestamp. Leave empty to use the time Keen receives the event.',
	},
	{
		displayName: 'Enrichment Add-Ons',
		name: 'addOns',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Add-On',
		default: {},
		description: "Keen's data enrichment: each add-on reads event properties and writes its findings to an output property",
		options: [
			{
				displayName: 'Add-On',
				name: 'addOn',
				values: [
					{
						displayName: 'Add-On',
						name: 'addOn',
						type: 'options',
						options: [
							{ name: 'Datetime Parser', value: 'dateTime', description: 'Splits a date-time into day of week, hour and so on' },
							{ name: 'IP to Geo', value: 'ipToGeo', description: 'Looks up city, country and coordinates of an IP address' },
							{ name: 'Referrer Parser', value: 'referrer', description: 'Tells search, email or internal traffic from a referrer URL' },
							{ name: 'URL Parser', value: 'url', description: 'Splits a URL into protocol, domain, path and query string' },
							{ name: 'User Agent Parser', value: 'userAgent', description: 'Finds browser, operating system and device of a user agent' },
						],
						default: 'ipToGeo',
						description: 'Which Keen add-on to apply',
					},
					{
						displayName: 'Input Property',
						name: 'input',
						type: 'string',
						default: '',
						placeholder: 'e.g. ip_address',
						description:
							'Dot path of the event property the add-on reads: the IP address, user agent, URL, referrer URL or date-time',
					},
					{
						displayName: 'Page URL Property',
						name: 'pageUrlInput',
						type: 'string',
						default: '',
						placeholder: 'e.g. page.url',
						description: 'Dot path of the event property holding the URL of the page the visitor landed on',
						displayOptions: { show: { addOn: ['referrer'] } },
					},
					{
						displayName: 'Output Property',
						name: 'output',
						type: 'string',
						default: '',
						placeholder: 'e.g. ip_geo_info',
						description: 'Dot path of the property the add-on writes its result to',
					},
				],
			},
		],
	},
];

/**
 * Batching, de-duplication and output options of Record and Record Many. `output` is the default
 * of Output: Record shows what was stored; Record Many, the bulk operation, keeps its output small.
 */
export function recordOptionsField(output: RecordOutput, extra: INodeProperties[] = []): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Allow Empty Event',
				name: 'allowEmptyEvent',
				type: 'boolean',
				default: false,
				description: "Whether to record events that have no properties of their own (only Keen's, such as keen.timestamp); off, they are refused",
			},
			{
				displayName: 'Batch Size',
				name: 'batchSize',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 5000 },
				default: DEFAULT_BATCH_SIZE,
				description: 'Max number of events per request to Keen; each request also stays under 10,000,000 bytes',
			},
			{
				displayName: 'Concurrency',
				name: 'concurrency',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 16 },
				default: DEFAULT_CONCURRENCY,
				description: 'Max number of batch requests in flight at once',
			},
			...extra,
			{
				displayName: 'Output',
				name: 'output',
				type: 'options',
				options: [
					{
						name: 'Recorded Events',
						value: 'events',
						description: 'Each event as stored: its properties with keen.timestamp and keen.uniqueness_token',
					},
					{ name: 'Summary Only', value: 'summary', description: 'Only created and the collection: small output for large runs' },
					{
						name: 'One Item for the Run',
						value: 'run',
						description:
							'One item instead of one per input item: events recorded per collection, and the failed items with their errors (with Continue On Fail). For runs too large for n8n to save one item each.',
					},
				],
				default: output,
				description: 'What each output item holds besides created, or one item for the whole run',
			},
			{
				displayName: 'Uniqueness Token',
				name: 'uniquenessToken',
				type: 'options',
				options: [
					{
						name: 'Auto',
						value: 'auto',
						description:
							'Same token for the same item in the same run of this node, so a retried request is not stored twice; another run (a loop) or a new execution records again',
					},
					{ name: 'From Value', value: 'field', description: 'Use a value of your own, such as an order ID' },
					{ name: 'Off', value: 'off', description: 'Send no token; a retried request may store an event twice' },
				],
				default: 'auto',
				description: 'How keen.uniqueness_token is set; Keen keeps only the first event with a given token per collection for 31 days',
			},
			{
				displayName: 'Uniqueness Value',
				name: 'uniquenessValue',
				type: 'string',
				default: '',
				placeholder: 'e.g. {{ $json.orderId }}',
				description: 'Value identifying the event, usually an expression such as an order ID. Values over 64 characters are hashed.',
				// Offered only once Uniqueness Token is From Value, the only mode that reads it.
				displayOptions: { show: { uniquenessToken: ['field'] } },
			},
		],
	};
}
