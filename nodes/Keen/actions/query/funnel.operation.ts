import { buildFunnelBody } from '../../helpers/queryBody';
import { simplifyField } from '../common.descriptions';
import type { KeenOperation } from '../types';
import { timeframeFields, timezoneFields } from '../query.descriptions';
import { analysisItems } from './queryItems';
import { keenPath } from '../../helpers/path';

/** keen-api.md §7.10: steps in order, each with its collection and actor property; the root timeframe applies to steps without their own. */
export const funnel: KeenOperation = {
	resource: 'query',
	value: 'funnel',
	name: 'Funnel',
	action: 'Funnel of steps completed in order',
	description: 'Count how many actors (e.g. users) completed each step of a sequence of events, in order',
	keyKind: 'read',
	method: 'POST',
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
	body: (params) => buildFunnelBody(params),
	toItems: analysisItems('funnel'),
};
