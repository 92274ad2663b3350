/** Property types reported by the schema endpoints (docs/keen-api.md §2.6). */
export type PropertyType = 'string' | 'num' | 'bool' | 'datetime' | 'list' | 'null';

interface SchemaNode {
	types: Map<string, PropertyType>;
	children: Map<string, SchemaNode>;
}

const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

function newNode(): SchemaNode {
	return { types: new Map(), children: new Map() };
}

/** Strings are `datetime` when they look like ISO-8601 date-times; the cheap char test keeps the regex off most strings. */
function stringType(value: string): PropertyType {
	return value.length >= 16 && value.charCodeAt(4) === 45 && ISO_DATETIME.test(value) ? 'datetime' : 'string';
}

function typeOf(value: unknown): PropertyType {
	if (value === null) return 'null';
	if (typeof value === 'string') return stringType(value);
	if (typeof value === 'number') return 'num';
	if (typeof value === 'boolean') return 'bool';
	return 'list';
}

function recordObject(node: SchemaNode, object: Record<string, unknown>): void {
	for (const key in object) {
		const value = object[key];
		if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
			let child = node.children.get(key);
			if (child === undefined) {
				child = newNode();
				node.children.set(key, child);
			}
			recordObject(child, value as Record<string, unknown>);
			continue;
		}
		// The first non-null type seen for a path wins; a later `null` never hides a real type.
		const known = node.types.get(key);
		if (known === undefined || known === 'null') node.types.set(key, typeOf(value));
	}
}

function flattenInto(node: SchemaNode, prefix: string, out: Record<string, PropertyType>): void {
	for (const [key, type] of node.types) out[prefix + key] = type;
	for (const [key, child] of node.children) flattenInto(child, prefix + key + '.', out);
}

/**
 * Incremental schema of one collection. Kept as a tree of nested maps so that recording an
 * event never builds dot-path strings; paths are only joined when a schema is requested.
 */
export class CollectionSchema {
	private root = newNode();

	record(event: Record<string, unknown>): void {
		recordObject(this.root, event);
	}

	reset(): void {
		this.root = newNode();
	}

	/** Flattened `{ "dot.path": type }`, sorted by path (docs/keen-api.md §5.1). */
	properties(): Record<string, PropertyType> {
		const flat: Record<string, PropertyType> = {};
		flattenInto(this.root, '', flat);
		const sorted: Record<string, PropertyType> = {};
		for (const path of Object.keys(flat).sort()) sorted[path] = flat[path];
		return sorted;
	}
}
