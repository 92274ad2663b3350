import type { IDataObject } from 'n8n-workflow';

import type { EventDraft } from '../../helpers/eventBuilder';
import { itemEventOf } from './itemEvent';
import { collectionRlc } from '../common.descriptions';
import type { KeenOperation, RawParams } from '../types';
import { eventContentFields, recordOptionsField } from './event.descriptions';
import { recordEvents } from './recordEvents';
import { ROUTES } from '../../transport/routes';

const properties = [collectionRlc, ...eventContentFields, recordOptionsField('events')];

function build(params: RawParams, json: IDataObject): EventDraft[] {
	return [itemEventOf(params, json)];
}

/** One event per input item; many items still share batch requests, so Record is as fast as Record Many (issue 6). */
export const record: KeenOperation = {
	resource: 'event',
	value: 'record',
	name: 'Record',
	action: 'Record an event',
	description: 'Record each input item as one event in a collection',
	routes: [ROUTES.recordBatch],
	properties,
	runBatch: async (ctx, items, report) => await recordEvents(ctx, items, report, build),
};
