import type { INodeProperties } from 'n8n-workflow';

import { collectionRlc } from '../common.descriptions';
import { filterFields, timeframeFields, timezoneFields } from '../query.descriptions';

/** Extraction-only fields (docs/keen-api.md §7.9); the query fields come from query.descriptions.ts. */
const latestField: INodeProperties = {
	displayName: 'Only Latest N Events',
	name: 'latest',
	type: 'number',
	typeOptions: { minValue: 0 },
	default: 0,
	hint: '0 extracts all matching events',
	description: 'Extract only the N most recent events; 0 extracts all (Keen returns at most 100,000 events directly)',
};

const propertyNamesField: INodeProperties = {
	displayName: 'Property Names or IDs',
	name: 'propertyNames',
	type: 'multiOptions',
	typeOptions: { loadOptionsMethod: 'getCollectionProperties', loadOptionsDependsOn: ['collection.value'] },
	default: [],
	description:
		'Only these properties (dot paths) are extracted; empty extracts whole events. An expression may give a list or comma-separated names. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

const sendByEmailField: INodeProperties = {
	displayName: 'Send by Email Instead',
	name: 'sendByEmail',
	type: 'boolean',
	default: false,
	description:
		'Whether Keen builds the file itself and emails a download link instead of returning the events now; suits extractions beyond 100,000 events',
};

const emailField: INodeProperties = {
	displayName: 'Email',
	name: 'email',
	type: 'string',
	placeholder: 'name@email.com',
	displayOptions: { show: { sendByEmail: [true] } },
	default: '',
	required: true,
	description: 'The address Keen sends the download link to',
};

/** The fields both extraction operations start with: which events, which properties, and email delivery. */
export const extractionFields: INodeProperties[] = [
	collectionRlc,
	...timeframeFields,
	...timezoneFields,
	...filterFields,
	latestField,
	propertyNamesField,
	sendByEmailField,
	emailField,
];
