/** Reads one property of an event. Compiled once per query so the dotted path is split only once. */
export type PropertyGetter = (event: Record<string, unknown>) => unknown;

function step(value: unknown, key: string): unknown {
	return typeof value === 'object' && value !== null && !Array.isArray(value)
		? (value as Record<string, unknown>)[key]
		: undefined;
}

/**
 * Dots always mean nesting: Keen forbids `.` inside property names (docs/keen-api.md §2.4), so
 * `a.b.c` is unambiguous. Short paths get a dedicated closure because they are the hot case.
 */
export function compilePath(path: string): PropertyGetter {
	const keys = path.split('.');
	if (keys.length === 1) {
		const [a] = keys;
		return (event) => event[a];
	}
	if (keys.length === 2) {
		const [a, b] = keys;
		return (event) => step(event[a], b);
	}
	return (event) => {
		let value: unknown = event;
		for (const key of keys) value = step(value, key);
		return value;
	};
}

/** Nested property lookup: `getPath({a: {b: 1}}, 'a.b') === 1`; undefined when any level is missing. */
export function getPath(event: Record<string, unknown>, path: string): unknown {
	return compilePath(path)(event);
}

/**
 * A Map keyed by JSON values with JSON-type awareness: `1`, `'1'` and `true` are distinct keys,
 * and arrays/objects compare by content. Primitives use the native Map directly (no allocation);
 * only structured values pay for JSON.stringify.
 */
export class ValueMap<T> {
	private readonly primitives = new Map<unknown, T>();
	private structured: Map<string, T> | undefined;

	get size(): number {
		return this.primitives.size + (this.structured?.size ?? 0);
	}

	get(value: unknown): T | undefined {
		return typeof value === 'object' && value !== null
			? this.structured?.get(JSON.stringify(value))
			: this.primitives.get(value);
	}

	set(value: unknown, item: T): void {
		if (typeof value === 'object' && value !== null) {
			(this.structured ??= new Map()).set(JSON.stringify(value), item);
		} else {
			this.primitives.set(value, item);
		}
	}

	values(): T[] {
		const items = [...this.primitives.values()];
		if (this.structured) items.push(...this.structured.values());
		return items;
	}
}

/** Equality of two JSON values by type and content. */
export function jsonEquals(a: unknown, b: unknown): boolean {
	if (a === b) return true;
	if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
	return JSON.stringify(a) === JSON.stringify(b);
}

const typeRank: Record<string, number> = { undefined: 0, boolean: 1, number: 2, string: 3, object: 4 };

function rankOf(value: unknown): number {
	return value === null ? 0 : typeRank[typeof value] ?? 5;
}

/** Total order for sorting grouped rows: null < booleans < numbers < strings < lists/objects. */
export function compareJson(a: unknown, b: unknown): number {
	const rank = rankOf(a) - rankOf(b);
	if (rank !== 0) return rank;
	if (typeof a === 'number' || typeof a === 'boolean') return Number(a) - Number(b);
	if (typeof a === 'string') return a < (b as string) ? -1 : a > (b as string) ? 1 : 0;
	if (a === null || a === undefined) return 0;
	const left = JSON.stringify(a);
	const right = JSON.stringify(b);
	return left < right ? -1 : left > right ? 1 : 0;
}
