import type { AnalysisContext, StoredEvent } from '../types';
import { executionMetadata, prepareSelection, scan } from './scan';
import { badRequest, ErrorCode, isUnset, optionalBoolean, optionalPositiveInteger, parseJsonText } from './validation';
import { compilePath } from './values';

/** Synchronous extractions return at most 100,000 events (docs/keen-api.md §7.9, §13 [3P]). */
export const MAX_EXTRACTION_EVENTS = 100_000;

function parsePropertyNames(raw: unknown): string[] | undefined {
	const value = parseJsonText(raw);
	if (isUnset(value)) return undefined;
	const list = Array.isArray(value) ? value : [value];
	if (!list.every((name) => typeof name === 'string' && name !== '')) {
		throw badRequest(ErrorCode.parameter, `'property_names' must be a list of property paths, got ${JSON.stringify(raw)}.`);
	}
	return list as string[];
}

/**
 * Keeps only the given dot paths, rebuilding the nested objects they live in; paths an event
 * lacks are left out. `keen` thus appears only when one of its paths is asked for (docs/keen-api.md §7.9).
 */
function projector(paths: readonly string[]): (event: Record<string, unknown>) => Record<string, unknown> {
	const readers = paths.map((path) => ({ keys: path.split('.'), read: compilePath(path) }));
	return (event) => {
		const out: Record<string, unknown> = {};
		for (const { keys, read } of readers) {
			const value = read(event);
			if (value === undefined) continue;
			let target = out;
			for (const key of keys.slice(0, -1)) {
				const next = target[key];
				target = (typeof next === 'object' && next !== null ? next : (target[key] = {})) as Record<string, unknown>;
			}
			target[keys[keys.length - 1]] = value;
		}
		return out;
	};
}

/**
 * Extraction (docs/keen-api.md §7.9): matching events oldest first by keen.timestamp; `latest: N` keeps
 * the N most recent (still oldest first). Without property_names the stored event objects are
 * returned as they are — callers serialise them and must not mutate them.
 */
export function runExtraction(params: Record<string, unknown>, ctx: AnalysisContext): Record<string, unknown> {
	const startedAt = performance.now();
	const selection = prepareSelection(params, ctx.now, '', ctx.thisEndsAtNow);
	const latest = optionalPositiveInteger(params, 'latest');
	const propertyNames = parsePropertyNames(params.property_names);

	const matched: StoredEvent[] = [];
	const scanned = scan(ctx.getEvents(selection.collection), selection.timeframe, selection.predicate, (stored) =>
		matched.push(stored),
	);
	ctx.countScanned?.(scanned);
	matched.sort((a, b) => a.ts - b.ts);
	const kept = latest === undefined ? matched : matched.slice(Math.max(0, matched.length - latest));
	if (kept.length > MAX_EXTRACTION_EVENTS) {
		throw badRequest(
			ErrorCode.extractionTooLarge,
			`The extraction matches ${kept.length} events; a synchronous extraction returns at most ${MAX_EXTRACTION_EVENTS}. ` +
				"Narrow the timeframe or filters, set 'latest', or use an email extraction.",
		);
	}
	const project = propertyNames ? projector(propertyNames) : undefined;
	const body: Record<string, unknown> = {
		result: kept.map((stored) => (project ? project(stored.event) : stored.event)),
	};
	if (optionalBoolean(params, 'include_metadata')) {
		body.execution_metadata = executionMetadata(
			scanned,
			[...selection.filterProperties, ...(propertyNames ?? [])],
			startedAt,
		);
	}
	return body;
}
