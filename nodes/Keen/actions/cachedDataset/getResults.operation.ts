import { NodeOperationError, type IDataObject } from 'n8n-workflow';

import { KeenInputError } from '../../helpers/errors';
import { datasetIndexValue } from '../../helpers/queryDefinition';
import { parseTimeframe } from '../../helpers/timeframe';
import { simplifyResult } from '../../helpers/simplify';
import { cachedDatasetRlc, simplifyField } from '../common.descriptions';
import { resourceId, resourcePath } from '../resourceOperations';
import type { KeenOperation } from '../types';
import { CACHED_DATASET } from './cachedDataset.resource';
import { readDefinition, waitFields, waitSeconds } from './readiness';
import { ROUTES } from '../../transport/routes';

export const getResults: KeenOperation = {
	resource: 'cachedDataset',
	value: 'getResults',
	name: 'Get Results',
	action: 'Get results of a cached dataset',
	description: 'Read the precomputed results of a cached dataset for one index value and a timeframe',
	routes: [ROUTES.getDatasetResults, ROUTES.getDataset],
	properties: [
		cachedDatasetRlc,
		{
			displayName: 'Index Value',
			name: 'indexValue',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. product-123',
			description:
				'Value of the index property, e.g. product-123; for a dataset indexed by several properties, a JSON object such as {"product.sku": "p1", "store.code": "s2"}',
		},
		{
			displayName: 'Timeframe',
			name: 'timeframe',
			type: 'string',
			required: true,
			default: 'this_7_days',
			placeholder: 'e.g. this_7_days',
			description:
				'A relative timeframe such as this_7_days, or an absolute one as JSON: {"start": "2024-01-01T00:00:00Z", "end": "2024-02-01T00:00:00Z"}',
		},
		simplifyField,
		...waitFields('Whether to wait while Keen is still building a new dataset; otherwise the operation fails until its results exist'),
	],
	run: async (ctx, params) => {
		const id = resourceId(CACHED_DATASET, params);
		const path = resourcePath(CACHED_DATASET, id);
		const resultsPath = resourcePath(CACHED_DATASET, id, ['results']);
		const indexBy = datasetIndexValue(params.indexValue, 'indexValue');
		const timeframe = parseTimeframe(params.timeframe, 'timeframe');
		if (timeframe === undefined) {
			throw new KeenInputError('A timeframe is required', 'timeframe', 'Enter a relative timeframe such as this_7_days.');
		}
		// docs/keen-api.md §9.3: both go in the query string; an absolute timeframe as JSON.
		const qs = { index_by: indexBy, timeframe: typeof timeframe === 'string' ? timeframe : JSON.stringify(timeframe) };
		// Keen builds a new dataset in the background and may answer empty results meanwhile
		// (docs/keen-api.md §9.1): the definition is read first, so those are never shown as real.
		const seconds = waitSeconds(params);
		const { definition, readiness } = await readDefinition(ctx, path, seconds);
		if (!readiness.ready) {
			const name = String(definition.dataset_name ?? resourceId(CACHED_DATASET, params));
			const waited = seconds > 0 ? ` after waiting ${seconds} s` : '';
			throw new NodeOperationError(
				ctx.node,
				readiness.failed
					? `Cached dataset "${name}" failed to build (status ${readiness.status}); it has no results`
					: `Cached dataset "${name}" is still bootstrapping (status ${readiness.status})${waited}; Keen has not computed its results yet`,
				{
					description: readiness.failed
						? 'Check the dataset\'s query in Keen, then delete and create the dataset again.'
						: 'Turn on Wait Until Ready (with a longer Max Wait), or run again later: a new dataset can take minutes to hours.',
				},
			);
		}
		const response = await ctx.request({ method: 'GET', path: resultsPath, qs });
		if (params.simplify !== true) return [{ json: (response ?? {}) as IDataObject }];
		// The results don't echo the query; its definition says the analysis and grouping.
		const query = (definition.query ?? {}) as IDataObject;
		// Dataset results are always interval-shaped (§9.3).
		const request = { ...query, interval: query.interval ?? 'daily' };
		return simplifyResult(String(query.analysis_type ?? ''), request, response).map((json) => ({ json }));
	},
};
