import type { AnalysisContext } from '../types';
import { cellFactory, parseGroupBy, parseOrdering, type Cell, type Row, type RowShape } from './grouping';
import { bucketIndex, bucketTimeframe, buildBuckets } from './intervals';
import type { Metric } from './metrics';
import { executionMetadata, prepareSelection, scan } from './scan';
import { isUnset, optionalBoolean } from './validation';

/** How a metric's answer is laid out: single analyses use `result`, multi_analysis its labels. */
export interface ResultLayout {
	shape: RowShape;
	/** Row columns that hold results, i.e. valid order_by targets besides group_by properties. */
	columns: readonly string[];
}

/**
 * Runs a metric over one collection with the shared query parameters — timeframe, timezone,
 * filters, group_by, interval, order_by, limit, include_metadata — and returns the response body
 * in the shapes of docs/keen-api.md §7.8.
 */
export function runAggregate(
	params: Record<string, unknown>,
	ctx: AnalysisContext,
	metric: Metric,
	layout: ResultLayout,
): Record<string, unknown> {
	const startedAt = performance.now();
	const selection = prepareSelection(params, ctx.now, '', ctx.thisEndsAtNow);
	const groupBy = parseGroupBy(params.group_by);
	const order = parseOrdering(params, groupBy, layout.columns);
	const bounds = !isUnset(params.interval) ? buildBuckets(params.interval, selection.timeframe) : undefined;
	const newCell = cellFactory(groupBy, metric, layout.shape);
	const cells: Cell[] = bounds ? bounds.slice(1).map(newCell) : [newCell()];

	const scanned = scan(
		ctx.getEvents(selection.collection),
		selection.timeframe,
		selection.predicate,
		bounds ? (stored) => cells[bucketIndex(bounds, stored.ts)].add(stored.event) : (stored) => cells[0].add(stored.event),
	);
	ctx.countScanned?.(scanned);

	const present = (cell: Cell): unknown => {
		const output = cell.output();
		return order ? order(output as Row[]) : output;
	};
	const result = bounds ? cells.map((cell, i) => ({ value: present(cell), timeframe: bucketTimeframe(bounds, i) })) : present(cells[0]);
	const body: Record<string, unknown> = { result };
	if (optionalBoolean(params, 'include_metadata')) {
		body.execution_metadata = executionMetadata(
			scanned,
			[...selection.filterProperties, ...groupBy, ...metric.properties],
			startedAt,
		);
	}
	return body;
}
