import type { AnalysisContext } from '../types';
import { executionMetadata, prepareSelection, scan, type Selection } from './scan';
import { badRequest, ErrorCode, isPlainObject, isUnset, optionalBoolean, parseJsonText, requireString } from './validation';
import { compilePath, ValueMap } from './values';

interface Step {
	selection: Selection;
	actorProperty: string;
	optional: boolean;
	inverted: boolean;
	withActors: boolean;
	echo: Record<string, unknown>;
}

/** An actor still in the funnel and the time of the event that got them to their latest step. */
interface Progress {
	actor: unknown;
	at: number;
}

function parseSteps(params: Record<string, unknown>, ctx: AnalysisContext): Step[] {
	const steps = parseJsonText(params.steps);
	if (isUnset(steps)) throw badRequest(ErrorCode.missingField, "'steps' is required for a funnel.");
	if (!Array.isArray(steps) || steps.length === 0) {
		throw badRequest(ErrorCode.parameter, "'steps' must be a non-empty list of funnel steps.");
	}
	return steps.map((raw, index) => {
		const context = `steps[${index}]: `;
		if (!isPlainObject(raw)) throw badRequest(ErrorCode.parameter, `${context}each step must be an object.`);
		// A step without its own timeframe/timezone uses the root ones (docs/keen-api.md §7.10).
		const merged = { ...raw, timeframe: raw.timeframe ?? params.timeframe, timezone: raw.timezone ?? params.timezone };
		const optional = optionalBoolean(raw, 'optional', context);
		const inverted = optionalBoolean(raw, 'inverted', context);
		const withActors = optionalBoolean(raw, 'with_actors', context);
		if (index === 0 && (optional || inverted)) {
			throw badRequest(ErrorCode.parameter, `${context}the first step can be neither optional nor inverted.`);
		}
		return {
			selection: prepareSelection(merged, ctx.now, context, ctx.thisEndsAtNow),
			actorProperty: requireString(raw, 'actor_property', context),
			optional,
			inverted,
			withActors,
			// The response echoes every step with its defaults filled in (docs/keen-api.md §7.10).
			echo: {
				...raw,
				timeframe: merged.timeframe,
				timezone: merged.timezone ?? null,
				filters: raw.filters ?? [],
				optional,
				inverted,
				with_actors: withActors,
			},
		};
	});
}

interface ActorEvents {
	actor: unknown;
	times: number[];
}

/** Per actor, the sorted timestamps of the step's matching events; also returns events_scanned. */
function collectActors(step: Step, ctx: AnalysisContext): { byActor: ValueMap<ActorEvents>; scanned: number } {
	const readActor = compilePath(step.actorProperty);
	const byActor = new ValueMap<ActorEvents>();
	const { selection } = step;
	const scanned = scan(ctx.getEvents(selection.collection), selection.timeframe, selection.predicate, (stored) => {
		const actor = readActor(stored.event);
		if (actor === undefined || actor === null) return;
		const entry = byActor.get(actor);
		if (entry) entry.times.push(stored.ts);
		else byActor.set(actor, { actor, times: [stored.ts] });
	});
	for (const entry of byActor.values()) entry.times.sort((a, b) => a - b);
	ctx.countScanned?.(scanned);
	return { byActor, scanned };
}

/** The first time in a sorted list at or after `from`, or undefined. */
function firstAtOrAfter(sorted: readonly number[], from: number): number | undefined {
	let low = 0;
	let high = sorted.length;
	while (low < high) {
		const middle = (low + high) >> 1;
		if (sorted[middle] < from) low = middle + 1;
		else high = middle;
	}
	return low < sorted.length ? sorted[low] : undefined;
}

/** Who of `previous` completes this step, and when (see runFunnel for the rules). */
function advance(previous: readonly Progress[], step: Step, byActor: ValueMap<ActorEvents>, anyOrder: boolean): Progress[] {
	const completed: Progress[] = [];
	for (const progress of previous) {
		const entry = byActor.get(progress.actor);
		const at = entry ? firstAtOrAfter(entry.times, anyOrder ? -Infinity : progress.at) : undefined;
		if (step.inverted && at === undefined) completed.push(progress);
		else if (!step.inverted && at !== undefined) completed.push({ actor: progress.actor, at });
	}
	return completed;
}

/**
 * Funnel (docs/keen-api.md §7.10). Time order is enforced: an actor completes step k with their first
 * step-k event at or after the event that completed their previous step (any step-k event in its
 * timeframe with the `funnelOrder: 'any'` server variant). An inverted step counts
 * the actors of the previous step with no such event (they keep their previous time); an optional
 * step is reported but the next step continues from the actors before it. `actors` (present only
 * when some step has with_actors) holds, per step, the actor values or null.
 */
export function runFunnel(params: Record<string, unknown>, ctx: AnalysisContext): Record<string, unknown> {
	const startedAt = performance.now();
	const steps = parseSteps(params, ctx);
	let scanned = 0;
	let inFunnel: Progress[] = [];
	const result: number[] = [];
	const actors: Array<unknown[] | null> = [];
	steps.forEach((step, index) => {
		const { byActor, scanned: stepScanned } = collectActors(step, ctx);
		scanned += stepScanned;
		const completed =
			index === 0
				? byActor.values().map((entry) => ({ actor: entry.actor, at: entry.times[0] }))
				: advance(inFunnel, step, byActor, ctx.funnelAnyOrder === true);
		result.push(completed.length);
		actors.push(step.withActors ? completed.map((progress) => progress.actor) : null);
		if (!step.optional) inFunnel = completed;
	});
	const body: Record<string, unknown> = { result, steps: steps.map((step) => step.echo) };
	if (steps.some((step) => step.withActors)) body.actors = actors;
	if (optionalBoolean(params, 'include_metadata')) {
		const properties = steps.flatMap((step) => [step.actorProperty, ...step.selection.filterProperties]);
		body.execution_metadata = executionMetadata(scanned, properties, startedAt);
	}
	return body;
}
