import {
	NodeConnectionTypes,
	type IDataObject,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';

import { paramReader } from '../Keen/actions/paramReader';
import { userError } from '../Keen/actions/userError';
import { REQUEST_OPTIONS_FIELD } from '../Keen/actions/requestOptions';
import { KEEN_TRIGGER_DEFAULT_VERSION, KEEN_TRIGGER_VERSIONS } from '../Keen/actions/versions';
import { searchCollections, searchSavedQueries } from '../Keen/methods/listSearch';
import { getCollectionProperties } from '../Keen/methods/loadOptions';
import { answerDate, credentialRedactor, keenRequest, keenResponse } from '../Keen/transport';
import { triggerProperties, type TriggerEvent } from './description';
import { POLLERS } from './pollers';
import { retryPolicyFrom } from '../Keen/transport/retry';
import { fieldDisplayName, fieldsFor } from './pollParams';

export class KeenTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Keen Trigger',
		name: 'keenTrigger',
		icon: { light: 'file:../../icons/keen.svg', dark: 'file:../../icons/keen.dark.svg' },
		group: ['trigger'],
		version: KEEN_TRIGGER_VERSIONS,
		defaultVersion: KEEN_TRIGGER_DEFAULT_VERSION,
		subtitle:
			'={{ {"metricThreshold": "Metric Threshold", "newEvent": "New Event", "savedQueryResult": "Saved Query Result"}[$parameter["event"]] }}',
		description: 'Starts the workflow on new Keen events, changed saved-query results or metric thresholds',
		defaults: { name: 'Keen Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'keenApi', required: true }],
		properties: triggerProperties,
	};

	methods = { listSearch: { searchCollections, searchSavedQueries }, loadOptions: { getCollectionProperties } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const event = this.getNodeParameter('event') as TriggerEvent;
		// A poll has no items: the fields are read as the Keen node reads one item's.
		const params = paramReader((name, _itemIndex, fallback) => this.getNodeParameter(name, fallback), fieldsFor(event), this.getNode().parameters)(0);
		const policy = retryPolicyFrom(params[REQUEST_OPTIONS_FIELD.name] as IDataObject);
		const manual = this.getMode() === 'manual';
		const staticData = this.getWorkflowStaticData('node');
		// What the trigger emits or throws passes the one redactor (no piece of a key), as in the Keen node.
		const redact = await credentialRedactor(this);
		let output;
		try {
			output = await POLLERS[event]({
				request: async (request) => await keenRequest(this, { ...request, operationName: 'Keen Trigger' }, policy),
				keenClock: async (request) => answerDate(await keenResponse(this, { ...request, operationName: 'Keen Trigger' }, policy)),
				warn: (message) => this.logger.warn(message),
				params,
				version: this.getNode().typeVersion,
				now: Date.now(),
				manual,
				stored: staticData[event],
			});
		} catch (error) {
			// The Keen node's mapping, without an item: input errors name the field, Keen's answers are kept.
			throw redact.error(userError(this.getNode(), error as Error, fieldDisplayName));
		}
		// The state changes only once the items exist: a failed poll leaves it for the next one to repeat.
		if (!manual && output.stored) staticData[event] = output.stored as IDataObject;
		return output.items.length ? [this.helpers.returnJsonArray(redact.value(output.items))] : null;
	}
}
