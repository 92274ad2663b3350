import type { IDataObject } from 'n8n-workflow';

import { KeenInputError } from '../../helpers/errors';
import { buildAddOns, type AddOnRow } from '../../helpers/addOns';
import { EVENT_EXAMPLE, getPath, pickFields, type EventDraft } from '../../helpers/eventBuilder';
import { parseList } from '../../helpers/textInputs';
import { normaliseTimestamp, validateCollectionName, validateEvent } from '../../helpers/eventValidation';
import { filledJsonObject, isPlainObject } from '../../helpers/json';

/*
 * The adapter of Record's (and Record Many's per-item) event fields: one input item and its
 * parameters → the event draft, naming the field at fault. Only this file knows those fields' names.
 */

/** The fields of Record (and Record Many per item), as the runner reads them. */
export interface ItemEventParams {
	collection?: unknown;
	eventSource?: unknown;
	fields?: unknown;
	jsonBody?: unknown;
	timestampField?: unknown;
	addOns?: unknown;
}

function timestampOf(json: IDataObject, path: string): string {
	const value = getPath(json, path);
	if (value === undefined || value === null || value === '') {
		throw new KeenInputError(`The input item has no value in "${path}"`, 'timestampField', 'Check the field name, or leave Timestamp Field empty to use the time Keen receives the event.');
	}
	return normaliseTimestamp(value instanceof Date ? value.toISOString() : value, 'timestampField');
}

/** The event one input item becomes: the whole item, chosen fields or a JSON body, plus timestamp and add-ons. */
export function itemEventOf(params: ItemEventParams, json: IDataObject): EventDraft {
	const collection = validateCollectionName(params.collection, 'collection');
	let event: IDataObject;
	let field: string;
	if (params.eventSource === 'fields') {
		field = 'fields';
		event = pickFields(json, parseList(params.fields), field);
	} else if (params.eventSource === 'json') {
		field = 'jsonBody';
		event = filledJsonObject(params.jsonBody, field, 'The event JSON', EVENT_EXAMPLE);
	} else {
		field = 'eventSource';
		event = json;
	}
	validateEvent(event, field);
	const timestampField = String(params.timestampField ?? '').trim();
	const rows = isPlainObject(params.addOns) && Array.isArray(params.addOns.addOn) ? (params.addOns.addOn as AddOnRow[]) : [];
	return {
		collection,
		event,
		field,
		timestamp: timestampField ? timestampOf(json, timestampField) : undefined,
		addons: rows.length ? buildAddOns(rows, 'addOns') : undefined,
	};
}
