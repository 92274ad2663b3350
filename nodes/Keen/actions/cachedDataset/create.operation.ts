import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { parseList, requiredText } from '../../helpers/textInputs';
import { validateDatasetDefinition } from '../../helpers/queryDefinition';
import { queryDefinitionFields } from '../queryDefinition.descriptions';
import { queryFromParams } from '../queryInputs';
import { resourcePath } from '../resourceOperations';
import type { KeenOperation, RawParams } from '../types';
import { CACHED_DATASET } from './cachedDataset.resource';
import { readDefinition, waitFields, waitSeconds } from './readiness';
import { ROUTES } from '../../transport/routes';

/** docs/keen-api.md §9.1: what a dataset needs beyond a saved query, shown before running rather than only in the error. */
const DATASET_HINTS: Record<string, string> = {
	timeframe: 'A cached dataset needs a relative timeframe, e.g. this_90_days',
	interval: 'Required for a cached dataset, e.g. daily or hourly',
};

const definitionFields: INodeProperties[] = queryDefinitionFields.map((field) =>
	DATASET_HINTS[field.name] ? { ...field, hint: DATASET_HINTS[field.name] } : field,
);

function datasetName(params: RawParams): string {
	return requiredText(params.datasetName, 'datasetName', 'The cached dataset name', 'Enter a name such as daily-purchases.');
}

export const create: KeenOperation = {
	resource: 'cachedDataset',
	value: 'create',
	name: 'Create',
	action: 'Create a cached dataset',
	description: 'Define a cached dataset: a query Keen precomputes per interval for every value of the index properties',
	// The definition is read back while waiting until ready.
	routes: [ROUTES.putDataset, ROUTES.getDataset],
	properties: [
		{
			displayName: 'Name',
			name: 'datasetName',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. daily-purchases',
			description: 'Name of the dataset, used to fetch its results',
		},
		{
			displayName: 'Display Name',
			name: 'displayName',
			type: 'string',
			default: '',
			description: 'Human-readable name; empty uses the name',
		},
		...definitionFields,
		{
			displayName: 'Index By',
			name: 'indexBy',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. product.sku',
			description:
				'Properties whose values results are fetched by, separated by commas; none of them may also be a Group By property',
		},
		...waitFields('Whether to wait until Keen has built the dataset, so that the next node can read its results'),
	],
	run: async (ctx, params) => {
		const seconds = waitSeconds(params);
		const path = resourcePath(CACHED_DATASET, datasetName(params), [], 'datasetName');
		const created = ((await ctx.request({ method: 'PUT', path, body: datasetBody(params) })) ?? {}) as IDataObject;
		if (seconds === 0) return [{ json: created }];
		// Keen builds the dataset in the background (docs/keen-api.md §9.1); the definition says when it is done.
		const { definition, readiness } = await readDefinition(ctx, path, seconds);
		if (!readiness.ready) {
			// Created all the same: failing here would make a retry hit "already exists".
			ctx.addHint(
				readiness.failed
					? `Cached dataset "${String(definition.dataset_name ?? '')}" was created but failed to build (status ${readiness.status}).`
					: `Cached dataset "${String(definition.dataset_name ?? '')}" was created but is not ready after ${seconds} s (status ${readiness.status}); its results will follow.`,
			);
		}
		return [{ json: definition }];
	},
};

/** The PUT body (docs/keen-api.md §9.1), checked before sending. */
function datasetBody(params: RawParams): IDataObject {
	const query = queryFromParams(params);
	const indexBy = parseList(params.indexBy);
	const fromJson = params.definitionMode === 'json';
	// docs/keen-api.md §9.1: Keen rejects these, so say which field to fix before sending.
	validateDatasetDefinition(query, indexBy, {
		timeframe: fromJson ? 'queryJson' : 'timeframe',
		interval: fromJson ? 'queryJson' : 'interval',
		indexBy: 'indexBy',
	});
	const displayName = String(params.displayName ?? '').trim();
	return { display_name: displayName || datasetName(params), query, index_by: indexBy };
}
