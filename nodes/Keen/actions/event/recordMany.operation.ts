import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { BATCH_EXAMPLE, buildBatchEvents, type EventDraft } from '../../helpers/eventBuilder';
import { itemEventOf } from './itemEvent';
import { collectionRlc } from '../common.descriptions';
import type { KeenOperation, RawParams } from '../types';
import { eventContentFields, recordOptionsField } from './event.descriptions';
import { changedIn } from '../versions';
import { recordEvents } from './recordEvents';
import { ROUTES } from '../../transport/routes';

const perItem = { show: { inputMode: ['items'] } };

const properties: INodeProperties[] = [
	{
		displayName: 'Input Mode',
		name: 'inputMode',
		type: 'options',
		options: [
			{ name: 'One Event per Item', value: 'items', description: 'Each input item becomes one event; the collection may differ per item (expression)' },
			{ name: 'Batch JSON', value: 'batchJson', description: "Each input item gives a batch in the shape of Keen's batch endpoint" },
		],
		default: 'items',
		description: 'How input items become events',
	},
	{ ...collectionRlc, displayOptions: perItem },
	...eventContentFields.map((field) => ({ ...field, displayOptions: { show: { ...perItem.show, ...field.displayOptions?.show } } })),
	...changedIn(
		1.1,
		{
			displayName: 'Batch JSON',
			name: 'batchJson',
			type: 'json',
			default: '{\n  "signups": [{ "name": "bob" }],\n  "purchases": [{ "price": 10 }]\n}',
			required: true,
			description: 'Events keyed by collection name: { "collection": [event, event], "other": [event] }',
			displayOptions: { show: { inputMode: ['batchJson'] } },
		},
		{ default: '', placeholder: BATCH_EXAMPLE, hint: 'Events keyed by collection name, each a list of JSON objects' },
	),
	recordOptionsField('summary', [
		{
			displayName: 'Group by Collection',
			name: 'groupByCollection',
			type: 'boolean',
			default: false,
			description: 'Whether each request carries the events of one collection only, instead of events in input order',
		},
	]),
];

function build(params: RawParams, json: IDataObject): EventDraft[] {
	return params.inputMode === 'batchJson' ? buildBatchEvents(params.batchJson, 'batchJson') : [itemEventOf(params, json)];
}

/** Events for one or several collections in batch requests (docs/keen-api.md §4.2). */
export const recordMany: KeenOperation = {
	resource: 'event',
	value: 'recordMany',
	name: 'Record Many',
	action: 'Record many events',
	description: 'Record events for one or several collections in batch requests',
	routes: [ROUTES.recordBatch],
	properties,
	runBatch: async (ctx, items, report) =>
		await recordEvents(ctx, items, report, build, Boolean((items[0]?.params.options as { groupByCollection?: boolean } | undefined)?.groupByCollection), 'summary'),
};
