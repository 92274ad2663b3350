import { badRequest, ErrorCode, isUnset, requireString } from './validation';
import { compilePath, ValueMap } from './values';

/**
 * One analysis as a fold: `init` makes the state of one cell (group × bucket), `add` folds one
 * event in without allocating, `result` produces the JSON answer. Built once per query.
 */
export interface Metric<S = unknown> {
	init(): S;
	add(state: S, event: Record<string, unknown>): void;
	result(state: S): unknown;
	/** Property paths read, for execution_metadata. */
	properties: string[];
}

/** The analyses that aggregate one collection; extraction, funnel and multi_analysis are separate. */
export const SIMPLE_ANALYSES = [
	'count',
	'count_unique',
	'minimum',
	'maximum',
	'sum',
	'average',
	'median',
	'percentile',
	'select_unique',
	'standard_deviation',
] as const;

export type SimpleAnalysis = (typeof SIMPLE_ANALYSES)[number];

export function isSimpleAnalysis(name: string): name is SimpleAnalysis {
	return (SIMPLE_ANALYSES as readonly string[]).includes(name);
}

interface Moments {
	n: number;
	sum: number;
	min: number;
	max: number;
	mean: number;
	m2: number;
}

type MomentResult = (moments: Moments) => number;

/** One running state serves sum/min/max/average/standard_deviation; only the finish differs. */
const MOMENT_RESULTS: Partial<Record<SimpleAnalysis, MomentResult>> = {
	sum: (m) => m.sum,
	minimum: (m) => m.min,
	maximum: (m) => m.max,
	average: (m) => m.sum / m.n,
	// Population standard deviation (divide by n); see README for why.
	standard_deviation: (m) => Math.sqrt(m.m2 / m.n),
};

/**
 * Numeric analyses ignore values that aren't numbers (docs/keen-api.md §7.8, PHP service description);
 * with no numeric values at all the answer is null.
 */
function momentMetric(path: string, finish: MomentResult): Metric<Moments> {
	const read = compilePath(path);
	return {
		properties: [path],
		init: () => ({ n: 0, sum: 0, min: Infinity, max: -Infinity, mean: 0, m2: 0 }),
		add(m, event) {
			const value = read(event);
			if (typeof value !== 'number' || !Number.isFinite(value)) return;
			m.n++;
			m.sum += value;
			if (value < m.min) m.min = value;
			if (value > m.max) m.max = value;
			// Welford's update keeps the variance stable for large n.
			const delta = value - m.mean;
			m.mean += delta / m.n;
			m.m2 += delta * (value - m.mean);
		},
		result: (m) => (m.n === 0 ? null : finish(m)),
	};
}

/**
 * Nearest-rank percentile: the value at rank ceil(p/100 · n) of the sorted values, so the answer
 * is always an existing data point — for [10, 20]: median 10, p50 10, p100 20 (docs/keen-api.md §7.8,
 * Ruby integration tests against the real API).
 */
function rankMetric(path: string, percentile: number): Metric<number[]> {
	const read = compilePath(path);
	return {
		properties: [path],
		init: () => [],
		add(values, event) {
			const value = read(event);
			if (typeof value === 'number' && Number.isFinite(value)) values.push(value);
		},
		result(values) {
			if (values.length === 0) return null;
			const sorted = Float64Array.from(values).sort();
			return sorted[Math.max(1, Math.ceil((percentile / 100) * sorted.length)) - 1];
		},
	};
}

/**
 * Distinct values, by JSON type and content (1, "1" and true are three values). Missing and null
 * are "no value" and not counted. Results list values in first-seen order.
 */
function distinctMetric(path: string, finish: (seen: ValueMap<unknown>) => unknown): Metric<ValueMap<unknown>> {
	const read = compilePath(path);
	return {
		properties: [path],
		init: () => new ValueMap<unknown>(),
		add(seen, event) {
			const value = read(event);
			if (value !== undefined && value !== null && seen.get(value) === undefined) seen.set(value, value);
		},
		result: finish,
	};
}

const countMetric: Metric<{ n: number }> = {
	properties: [],
	init: () => ({ n: 0 }),
	add(state) {
		state.n++;
	},
	result: (state) => state.n,
};

/** percentile must be in (0, 100] with at most two decimals (docs/keen-api.md §7.2); numeric strings accepted. */
export function parsePercentile(params: Record<string, unknown>, context = ''): number {
	const raw = params.percentile;
	if (isUnset(raw)) {
		throw badRequest(ErrorCode.missingField, `${context}'percentile' is required for a percentile analysis.`);
	}
	const value = typeof raw === 'string' ? Number(raw) : raw;
	const hundredths = typeof value === 'number' ? value * 100 : NaN;
	if (
		typeof value !== 'number' ||
		!(value > 0 && value <= 100) ||
		Math.abs(hundredths - Math.round(hundredths)) > 1e-6
	) {
		throw badRequest(
			ErrorCode.parameter,
			`${context}'percentile' must be a number greater than 0 and at most 100 with at most two decimals, got ${JSON.stringify(raw)}.`,
		);
	}
	return value;
}

/** Builds the metric for one simple analysis from its parameters (target_property, percentile). */
export function createMetric(analysis: SimpleAnalysis, params: Record<string, unknown>, context = ''): Metric {
	if (analysis === 'count') return countMetric as Metric;
	const path = requireString(params, 'target_property', context);
	const moment = MOMENT_RESULTS[analysis];
	if (moment) return momentMetric(path, moment) as Metric;
	switch (analysis) {
		case 'median':
			return rankMetric(path, 50) as Metric;
		case 'percentile':
			return rankMetric(path, parsePercentile(params, context)) as Metric;
		case 'count_unique':
			return distinctMetric(path, (seen) => seen.size) as Metric;
		default:
			return distinctMetric(path, (seen) => seen.values()) as Metric;
	}
}

/** multi_analysis: one state per label, result is the label → result map (docs/keen-api.md §7.11). */
export function combineMetrics(metrics: ReadonlyArray<readonly [string, Metric]>): Metric<unknown[]> {
	return {
		properties: metrics.flatMap(([, metric]) => metric.properties),
		init: () => metrics.map(([, metric]) => metric.init()),
		add(states, event) {
			for (let i = 0; i < metrics.length; i++) metrics[i][1].add(states[i], event);
		},
		result(states) {
			const out: Record<string, unknown> = {};
			metrics.forEach(([label, metric], i) => (out[label] = metric.result(states[i])));
			return out;
		},
	};
}
