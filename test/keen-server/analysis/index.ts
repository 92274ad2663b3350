import { KeenError } from '../errors';
import type { AnalysisContext, StoredEvent } from '../types';
import { runExtraction } from './extraction';
import { compileFilters } from './filters';
import { runFunnel } from './funnel';
import { createMetric, isSimpleAnalysis } from './metrics';
import { runMultiAnalysis } from './multi';
import { runAggregate } from './query';
import { scan } from './scan';
import { resolveTimeframe } from './timeframe';
import { ErrorCode, isUnset } from './validation';

export { compileFilters } from './filters';
export { resolveTimeframe } from './timeframe';
export { getPath } from './values';
export type { EventPredicate } from './filters';
export type { TimeWindow } from './timeframe';

/**
 * Runs one analysis and returns the whole response body (docs/keen-api.md §7.8–§7.12). Throws KeenError:
 * 404 ResourceNotFoundError for an unknown analysis (it is an unknown /queries/{ANALYSIS}
 * resource), 400 for invalid parameters.
 */
export function runAnalysis(
	analysisType: string,
	params: Record<string, unknown>,
	ctx: AnalysisContext,
): Record<string, unknown> {
	if (isSimpleAnalysis(analysisType)) {
		return runAggregate(params, ctx, createMetric(analysisType, params), { shape: 'result', columns: ['result'] });
	}
	switch (analysisType) {
		case 'extraction':
			return runExtraction(params, ctx);
		case 'funnel':
			return runFunnel(params, ctx);
		case 'multi_analysis':
			return runMultiAnalysis(params, ctx);
		default:
			throw new KeenError(404, ErrorCode.notFound, `Unknown analysis type '${analysisType}'.`);
	}
}

/**
 * The events a filtered DELETE would remove (docs/keen-api.md §6), in storage order. Unlike queries,
 * the timeframe is optional here: without one every event of the collection is in scope.
 */
export function selectEvents(
	collection: string,
	params: { timeframe?: unknown; timezone?: unknown; filters?: unknown },
	ctx: AnalysisContext,
): StoredEvent[] {
	const predicate = compileFilters(params.filters);
	const window = !isUnset(params.timeframe)
		? resolveTimeframe(params.timeframe, params.timezone, ctx.now, ctx.thisEndsAtNow)
		: { start: -Infinity, end: Infinity };
	const selected: StoredEvent[] = [];
	scan(ctx.getEvents(collection), window, predicate, (stored) => selected.push(stored));
	return selected;
}
