import type { IDataObject } from 'n8n-workflow';

import { KeenInputError } from '../../helpers/errors';
import { filtersFromJson } from '../../helpers/filters';
import { buildFunnelBody, type FunnelRequest, type FunnelStep } from '../../helpers/queryBody';
import { requiredText } from '../../helpers/textInputs';
import { parseTimeframe } from '../../helpers/timeframe';
import { simplifyField } from '../common.descriptions';
import type { KeenOperation, RawParams } from '../types';
import { timeframeFields, timezoneFields } from '../query.descriptions';
import { timeframeOf, timezoneOf } from '../queryInputs';
import { analysisItems } from './queryItems';
import { keenPath } from '../../helpers/path';
import { ROUTES } from '../../transport/routes';

/** Reads a step's field; its input error is reported on the Steps field, prefixed with the step. */
function inStep<T>(label: string, read: () => T): T {
	let failure: KeenInputError;
	try {
		return read();
	} catch (error) {
		failure = error instanceof KeenInputError ? error : new KeenInputError(String(error), 'steps');
	}
	throw new KeenInputError(`${label}: ${failure.message}`, 'steps', failure.hint);
}

/** The Steps rows, then the funnel's timeframe and timezone. */
function funnelRequestOf(params: RawParams): FunnelRequest {
	const rows = ((params.steps as IDataObject | undefined)?.step ?? []) as IDataObject[];
	if (!rows.length) throw new KeenInputError('No funnel steps given', 'steps', 'Add at least one step: an event collection and the actor property, e.g. user.id.');
	const steps = rows.map((row, index): FunnelStep => {
		const label = `Step ${index + 1}`;
		return {
			collection: requiredText(row.eventCollection, 'steps', `${label}: the event collection`, 'Name the event collection of this step.'),
			actorProperty: requiredText(row.actorProperty, 'steps', `${label}: the actor property`, 'Name the property that identifies an actor, e.g. user.id.'),
			timeframe: inStep(label, () => parseTimeframe(row.timeframe, 'steps')),
			filters: inStep(label, () => filtersFromJson(row.filtersJson, 'steps')),
			optional: row.optional === true,
			inverted: row.inverted === true,
			withActors: row.withActors === true,
		};
	});
	return { steps, timeframe: timeframeOf(params), timezone: timezoneOf(params) };
}

/** docs/keen-api.md §7.10: steps in order, each with its collection and actor property; the root timeframe applies to steps without their own. */
export const funnel: KeenOperation = {
	resource: 'query',
	value: 'funnel',
	name: 'Funnel',
	action: 'Funnel of steps completed in order',
	description: 'Count how many actors (e.g. users) completed each step of a sequence of events, in order',
	routes: [ROUTES.runAnalysis],
	path: () => keenPath('queries', 'funnel'),
	properties: [
		{
			displayName: 'Steps',
			name: 'steps',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true, sortable: true },
			placeholder: 'Add Step',
			default: {},
			required: true,
			description: 'The steps of the funnel, in order; an actor counts in a step only after completing the previous ones',
			options: [
				{
					displayName: 'Step',
					name: 'step',
					values: [
						{
							displayName: 'Actor Property',
							name: 'actorProperty',
							type: 'string',
							default: '',
							placeholder: 'e.g. user.email',
							description: 'The property that identifies an actor across the steps',
						},
						{
							displayName: 'Event Collection',
							name: 'eventCollection',
							type: 'string',
							default: '',
							placeholder: 'e.g. signups',
							description: 'The event collection of this step',
						},
						{
							displayName: 'Inverted',
							name: 'inverted',
							type: 'boolean',
							default: false,
							description: 'Whether this step counts actors who did NOT do this event',
						},
						{
							displayName: 'Optional',
							name: 'optional',
							type: 'boolean',
							default: false,
							description: 'Whether later steps count actors who skipped this step',
						},
						{
							displayName: 'Step Filters (JSON)',
							name: 'filtersJson',
							type: 'json',
							default: '[]',
							description:
								'Optional JSON array of Keen filters for this step, e.g. [{"property_name": "price", "operator": "gt", "property_value": 0}]',
						},
						{
							displayName: 'Step Timeframe',
							name: 'timeframe',
							type: 'string',
							default: '',
							placeholder: 'e.g. this_14_days',
							description:
								'Optional timeframe of this step: a relative name such as this_14_days, or JSON {"start": "…", "end": "…"}. Empty: the funnel\'s timeframe.',
						},
						{
							displayName: 'With Actors',
							name: 'withActors',
							type: 'boolean',
							default: false,
							description: 'Whether to return the list of actors of this step',
						},
					],
				},
			],
		},
		...timeframeFields,
		...timezoneFields,
		simplifyField,
	],
	body: (params) => buildFunnelBody(funnelRequestOf(params)),
	toItems: analysisItems('funnel'),
};
