import type { Metric } from './metrics';
import { badRequest, ErrorCode, isPlainObject, isUnset, optionalPositiveInteger, parseJsonText } from './validation';
import { compareJson, compilePath, ValueMap, type PropertyGetter } from './values';

export type Row = Record<string, unknown>;

/** One output slot (the whole timeframe, or one interval bucket) that events are folded into. */
export interface Cell {
	add(event: Record<string, unknown>): void;
	output(): unknown;
}

/**
 * How a metric's result lands in a grouped row: single analyses under `result`
 * (docs/keen-api.md §7.7), multi_analysis labels as columns (§7.11).
 */
export type RowShape = 'result' | 'labels';

/** group_by as a string or a list of strings (docs/keen-api.md §7.7); [] / absent mean "not grouped". */
export function parseGroupBy(groupBy: unknown): string[] {
	const value = parseJsonText(groupBy);
	if (isUnset(value)) return [];
	const list = Array.isArray(value) ? value : [value];
	if (!list.every((name) => typeof name === 'string' && name !== '')) {
		throw badRequest(ErrorCode.parameter, `'group_by' must be a property name or a list of them, got ${JSON.stringify(groupBy)}.`);
	}
	return list as string[];
}

interface GroupNode {
	values: readonly unknown[];
	children?: ValueMap<GroupNode>;
	state?: unknown;
}

/**
 * Groups as a tree of ValueMaps, one level per group_by property, so an event costs one Map
 * lookup per level and no allocation once its group exists. Events lacking a group property are
 * grouped under null (docs/keen-api.md §7.7, UNCONFIRMED).
 */
function groupedCell(getters: readonly PropertyGetter[], groupBy: readonly string[], metric: Metric, shape: RowShape): Cell {
	const root = new ValueMap<GroupNode>();
	const noValues: readonly unknown[] = [];
	const last = getters.length - 1;
	return {
		add(event) {
			let level = root;
			let node: GroupNode | undefined;
			let path = noValues;
			for (let depth = 0; depth <= last; depth++) {
				const raw = getters[depth](event);
				const value = raw === undefined ? null : raw;
				node = level.get(value);
				if (!node) {
					node = { values: [...path, value] };
					if (depth === last) node.state = metric.init();
					level.set(value, node);
				}
				path = node.values;
				if (depth < last) level = node.children ??= new ValueMap();
			}
			metric.add((node as GroupNode).state, event);
		},
		output() {
			const rows: Row[] = [];
			const collect = (level: ValueMap<GroupNode>, depth: number): void => {
				for (const node of level.values()) {
					if (depth < last) {
						if (node.children) collect(node.children, depth + 1);
						continue;
					}
					const row: Row = {};
					groupBy.forEach((name, i) => (row[name] = node.values[i]));
					const result = metric.result(node.state);
					if (shape === 'labels') Object.assign(row, result);
					else row.result = result;
					rows.push(row);
				}
			};
			collect(root, 0);
			return rows;
		},
	};
}

function plainCell(metric: Metric): Cell {
	const state = metric.init();
	return {
		add: (event) => metric.add(state, event),
		output: () => metric.result(state),
	};
}

/** A factory of empty cells for one query (one cell per interval bucket, or a single one). */
export function cellFactory(groupBy: readonly string[], metric: Metric, shape: RowShape): () => Cell {
	if (groupBy.length === 0) return () => plainCell(metric);
	const getters = groupBy.map(compilePath);
	return () => groupedCell(getters, groupBy, metric, shape);
}

interface SortKey {
	property: string;
	descending: boolean;
}

function parseSortKey(entry: unknown, allowed: readonly string[]): SortKey {
	const spec = typeof entry === 'string' ? { property_name: entry } : entry;
	const property = isPlainObject(spec) ? spec.property_name : undefined;
	const direction = isPlainObject(spec) ? (spec.direction ?? 'ASC') : undefined;
	if (typeof property !== 'string' || !allowed.includes(property)) {
		throw badRequest(
			ErrorCode.parameter,
			`order_by property_name must be one of ${allowed.map((name) => `'${name}'`).join(', ')}, got ${JSON.stringify(entry)}.`,
		);
	}
	if (typeof direction !== 'string' || !['ASC', 'DESC'].includes(direction.toUpperCase())) {
		throw badRequest(ErrorCode.parameter, `order_by direction must be 'ASC' or 'DESC', got ${JSON.stringify(direction)}.`);
	}
	return { property, descending: direction.toUpperCase() === 'DESC' };
}

/**
 * order_by + limit for grouped rows (docs/keen-api.md §7.2): order_by is `{property_name, direction}`,
 * a list of them, or a bare property name; property_name is a group_by property or a result
 * column (`result`, or a multi_analysis label). Both need group_by. Returns the row transform,
 * or undefined when neither is given.
 */
export function parseOrdering(
	params: Record<string, unknown>,
	groupBy: readonly string[],
	resultColumns: readonly string[],
): ((rows: Row[]) => Row[]) | undefined {
	const orderBy = parseJsonText(params.order_by);
	const limit = optionalPositiveInteger(params, 'limit');
	const ordered = !isUnset(orderBy);
	if (!ordered && limit === undefined) return undefined;
	if (groupBy.length === 0) {
		throw badRequest(ErrorCode.parameter, "'order_by' and 'limit' can only be used together with 'group_by'.");
	}
	const allowed = [...resultColumns, ...groupBy];
	const keys = ordered ? (Array.isArray(orderBy) ? orderBy : [orderBy]).map((entry) => parseSortKey(entry, allowed)) : [];
	return (rows) => {
		if (keys.length > 0) {
			rows.sort((a, b) => {
				for (const key of keys) {
					const order = compareJson(a[key.property], b[key.property]);
					if (order !== 0) return key.descending ? -order : order;
				}
				return 0;
			});
		}
		return limit === undefined ? rows : rows.slice(0, limit);
	};
}
