import type { AnalysisContext } from '../types';
import { combineMetrics, createMetric, isSimpleAnalysis, type Metric } from './metrics';
import { runAggregate } from './query';
import { badRequest, ErrorCode, isPlainObject, isUnset, parseJsonText } from './validation';

/** Parameters that a multi_analysis takes at its root only (docs/keen-api.md §7.11). */
const ROOT_ONLY = ['timeframe', 'timezone', 'filters', 'group_by', 'interval'];

function parseAnalyses(raw: unknown): Array<[string, Metric]> {
	const analyses = parseJsonText(raw);
	if (isUnset(analyses)) {
		throw badRequest(ErrorCode.missingField, "'analyses' is required for a multi_analysis.");
	}
	if (!isPlainObject(analyses) || Object.keys(analyses).length === 0) {
		throw badRequest(ErrorCode.parameter, "'analyses' must be a non-empty object mapping labels to analyses.");
	}
	return Object.entries(analyses).map(([label, spec]) => {
		const context = `analyses.${label}: `;
		if (!isPlainObject(spec)) throw badRequest(ErrorCode.parameter, `${context}each analysis must be an object.`);
		// Keen rejects these inside sub-analyses with MissingRequiredRequestFieldError (iOS #125/#127).
		const misplaced = ROOT_ONLY.find((key) => spec[key] !== undefined);
		if (misplaced) {
			throw badRequest(
				ErrorCode.missingField,
				`${context}'${misplaced}' must be set at the root of a multi_analysis, not inside an analysis.`,
			);
		}
		const type = spec.analysis_type;
		if (typeof type !== 'string' || !isSimpleAnalysis(type)) {
			throw badRequest(
				ErrorCode.parameter,
				`${context}'analysis_type' must be one of count, count_unique, minimum, maximum, sum, average, median, ` +
					`percentile, select_unique, standard_deviation; got ${JSON.stringify(type)}.`,
			);
		}
		return [label, createMetric(type, spec, context)];
	});
}

/**
 * multi_analysis: several analyses over one scan. Results: plain → label map, grouped → rows with
 * the labels as columns, interval → each bucket's value is the label map (or those rows).
 */
export function runMultiAnalysis(params: Record<string, unknown>, ctx: AnalysisContext): Record<string, unknown> {
	const metrics = parseAnalyses(params.analyses);
	return runAggregate(params, ctx, combineMetrics(metrics), {
		shape: 'labels',
		columns: metrics.map(([label]) => label),
	});
}
