import { runAnalysis } from '../analysis';
import { accessOptions, checkAllowList, notPermitted } from '../auth';
import { KeenError } from '../errors';
import { isPlainObject } from '../events';
import { NO_CONTENT, analysisContext, badRequest, decodeQueryValue, json, notFound, parseJsonObject, projectPath, type Reply, type RequestContext } from '../http';
import type { Route } from '../router';
import type { Dataset } from '../state';
import { withExtraFilters } from './queries';
import { checkResourceName, missing, normaliseQuery, runnableQuery } from './saved';

const LIST_LIMIT_DEFAULT = 10;
const LIST_LIMIT_MAX = 100;
/** [3P] says up to 3 index_by properties (docs/keen-api.md §9.1, §17 item 14). */
const MAX_INDEX_BY = 3;
const NOT_CACHEABLE = ['funnel', 'extraction'];

type DatasetOperation = 'read' | 'list' | 'retrieve';

/**
 * Access-key `options.datasets` (§10): `operations` limits what the key may do, `allowed`
 * names the datasets and optionally pins their index values. Other keys pass untouched.
 */
function datasetOptions(ctx: RequestContext, operation: DatasetOperation): Record<string, unknown> | undefined {
	const options = accessOptions(ctx.key, 'datasets');
	if (options && Array.isArray(options.operations) && !options.operations.includes(operation)) {
		throw notPermitted(`This access key may not ${operation} datasets.`);
	}
	return options;
}

function findDataset(ctx: RequestContext, operation: DatasetOperation): Dataset {
	const name = ctx.params.name;
	checkAllowList(datasetOptions(ctx, operation), name, 'the dataset');
	const dataset = ctx.project.datasets.get(name);
	if (!dataset) throw notFound(`dataset "${name}"`);
	return dataset;
}

/**
 * Where a dataset is in its bootstrap (variant `datasetBootstrapMs`, wall clock so that a pinned
 * query clock does not freeze it): `Created` for the first half, `Bootstrapping`, then `OK`
 * (statuses as reported by [3P], §9.1).
 */
function bootstrapStatus(dataset: Dataset): 'Created' | 'Bootstrapping' | 'OK' {
	const remaining = (dataset.ready_at ?? 0) - Date.now();
	if (remaining <= 0) return 'OK';
	return remaining > (dataset.bootstrap_ms ?? 0) / 2 ? 'Created' : 'Bootstrapping';
}

/** The definition as answered (§9.1); once bootstrapped, results are computed on demand, so nothing is ever behind. */
function definition(dataset: Dataset): Record<string, unknown> {
	const { created_date: created, ready_at: _readyAt, bootstrap_ms: _bootstrapMs, ...stored } = dataset;
	const status = bootstrapStatus(dataset);
	// Right after creation the dates are null (§9.1 fixture note).
	if (status !== 'OK') return { ...stored, last_scheduled_date: null, latest_subtimeframe_available: null, milliseconds_behind: null, status };
	return { ...stored, last_scheduled_date: created, latest_subtimeframe_available: created, milliseconds_behind: 0, status };
}

function checkIndexBy(value: unknown, groupBy: unknown): string[] {
	const indexBy = typeof value === 'string' ? [value] : value;
	if (!Array.isArray(indexBy) || indexBy.length === 0) throw missing('index_by');
	if (indexBy.length > MAX_INDEX_BY || !indexBy.every((property) => typeof property === 'string')) {
		throw badRequest(`index_by must be a property name or a list of 1-${MAX_INDEX_BY} property names.`);
	}
	const grouped = Array.isArray(groupBy) ? groupBy : [];
	const clash = indexBy.find((property) => grouped.includes(property));
	if (clash) throw badRequest(`"${clash}" cannot be both an index_by and a group_by property.`);
	return indexBy as string[];
}

/** PUT /datasets/{NAME} (§9.1): interval, relative timeframe and index_by required; create-only (README). */
function putDataset(ctx: RequestContext): Reply {
	const name = checkResourceName(ctx.params.name, 'dataset name');
	const body = parseJsonObject(ctx);
	const query = normaliseQuery(body.query, 'query');
	if (NOT_CACHEABLE.includes(query.analysis_type as string)) throw badRequest(`A ${query.analysis_type} cannot be a cached dataset.`);
	if (typeof query.interval !== 'string') throw missing('query.interval');
	if (typeof query.timeframe !== 'string') throw badRequest('query.timeframe must be a relative timeframe such as "this_90_days".', 'TimeframeDefinitionError');
	const indexBy = checkIndexBy(body.index_by, query.group_by);
	if (body.display_name !== undefined && typeof body.display_name !== 'string') throw badRequest('display_name must be a string.');
	if (ctx.project.datasets.has(name)) throw new KeenError(409, 'DuplicateResourceError', `A dataset named "${name}" already exists; delete it first.`);
	runAnalysis(query.analysis_type as string, runnableQuery(query), analysisContext(ctx));
	const dataset: Dataset = {
		project_id: ctx.project.id,
		organization_id: ctx.state.organizationId,
		dataset_name: name,
		display_name: (body.display_name as string | undefined) ?? name,
		query: { project_id: ctx.project.id, ...query },
		index_by: indexBy,
		created_date: ctx.state.now().toISOString(),
		ready_at: Date.now() + ctx.state.variants.datasetBootstrapMs,
		bootstrap_ms: ctx.state.variants.datasetBootstrapMs,
	};
	ctx.project.datasets.set(name, dataset);
	return json(201, definition(dataset));
}

function readLimit(query: URLSearchParams): number {
	const raw = query.get('limit');
	if (raw === null) return LIST_LIMIT_DEFAULT;
	const limit = Number(raw);
	if (!Number.isInteger(limit) || limit < 1 || limit > LIST_LIMIT_MAX) throw badRequest(`limit must be an integer from 1 to ${LIST_LIMIT_MAX}.`);
	return limit;
}

/** GET /datasets?limit=&after_name= (§9.4): sorted by name, absolute next_page_url, total count. */
function listDatasets(ctx: RequestContext): Reply {
	const limit = readLimit(ctx.query);
	const afterName = ctx.query.get('after_name');
	const allowed = datasetOptions(ctx, 'list')?.allowed;
	const names = [...ctx.project.datasets.keys()].filter((name) => !isPlainObject(allowed) || name in allowed).sort();
	const rest = afterName === null ? names : names.filter((name) => name > afterName);
	const page = rest.slice(0, limit);
	const nextPageUrl =
		rest.length > limit ? `${ctx.baseUrl}${projectPath(ctx.project, 'datasets')}?limit=${limit}&after_name=${encodeURIComponent(page[page.length - 1])}` : null;
	return json(200, { datasets: page.map((name) => definition(ctx.project.datasets.get(name) as Dataset)), next_page_url: nextPageUrl, count: names.length });
}

/**
 * The index values of a results request: a JSON object naming every index property, or a
 * plain value for a single-index dataset (§9.3). A plain value that parses as JSON (e.g. a
 * number) is used parsed.
 */
function indexValues(dataset: Dataset, raw: string | null): Record<string, unknown> {
	if (raw === null) throw missing('index_by');
	const value = decodeQueryValue(raw);
	if (isPlainObject(value)) {
		const missingKeys = dataset.index_by.filter((property) => !(property in value));
		if (missingKeys.length > 0) throw badRequest(`index_by must give a value for ${missingKeys.join(', ')}.`);
		return value;
	}
	if (dataset.index_by.length > 1) throw badRequest(`This dataset is indexed by ${dataset.index_by.join(', ')}; send index_by as a JSON object.`);
	return { [dataset.index_by[0]]: value };
}

/** An access key may pin index values for a dataset (`allowed.<name>.index_by`). */
function checkPinnedIndex(ctx: RequestContext, dataset: Dataset, values: Record<string, unknown>): void {
	const allowed = accessOptions(ctx.key, 'datasets')?.allowed;
	const pinned = isPlainObject(allowed) && isPlainObject(allowed[dataset.dataset_name]) ? (allowed[dataset.dataset_name] as Record<string, unknown>).index_by : undefined;
	if (!isPlainObject(pinned)) return;
	for (const [property, value] of Object.entries(pinned)) {
		if (values[property] !== value) throw notPermitted(`This access key may only read "${dataset.dataset_name}" for ${property} = ${JSON.stringify(value)}.`);
	}
}

/** GET /datasets/{NAME}/results (§9.3): the dataset's query over `timeframe`, filtered to the index values, interval-shaped. */
function datasetResults(ctx: RequestContext): Reply {
	const dataset = findDataset(ctx, 'retrieve');
	const values = indexValues(dataset, ctx.query.get('index_by'));
	checkPinnedIndex(ctx, dataset, values);
	const timeframe = ctx.query.get('timeframe');
	if (timeframe === null) throw missing('timeframe');
	const status = bootstrapStatus(dataset);
	if (status !== 'OK') {
		// Variant `datasetResultsWhileBootstrapping`: nothing computed yet, answered as empty or as an error.
		if (ctx.state.variants.datasetResultsWhileBootstrapping === 'empty') return json(200, { result: [] });
		throw badRequest(`The dataset "${dataset.dataset_name}" is still bootstrapping (status ${status}); try again later.`, 'DatasetNotReadyError');
	}
	const { project_id: _project, ...query } = dataset.query;
	const indexFilters = Object.entries(values).map(([property, value]) => ({ property_name: property, operator: 'eq', property_value: value }));
	const params = withExtraFilters({ ...runnableQuery(query), timeframe: decodeQueryValue(timeframe) }, indexFilters);
	return json(200, runAnalysis(query.analysis_type as string, params, analysisContext(ctx)));
}

function deleteDataset(ctx: RequestContext): Reply {
	findDataset(ctx, 'read');
	ctx.project.datasets.delete(ctx.params.name);
	return NO_CONTENT;
}

const DATASETS = '/3.0/projects/:pid/datasets';

export const datasetRoutes: Route[] = [
	{ method: 'GET', path: DATASETS, access: 'datasets', masterOnlyVariant: true, handle: listDatasets },
	{ method: 'GET', path: `${DATASETS}/:name`, access: 'datasets', masterOnlyVariant: true, handle: (ctx) => json(200, definition(findDataset(ctx, 'read'))) },
	{ method: 'PUT', path: `${DATASETS}/:name`, access: 'master', handle: putDataset },
	{ method: 'DELETE', path: `${DATASETS}/:name`, access: 'master', handle: deleteDataset },
	{ method: 'GET', path: `${DATASETS}/:name/results`, access: 'datasets', handle: datasetResults },
];
