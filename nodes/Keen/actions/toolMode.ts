import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { isPlainObject } from '../helpers/json';

/*
 * The Keen node run as an AI agent's tool ("Keen Tool"). n8n derives the tool variant from
 * `usableAsTool` as the node type "<package>.keenTool" and runs the same execute(); the type name
 * is the one signal every n8n version and agent path shares (in 2.x's engine-request path the
 * context's isToolExecution() answers false). The agent hands only the error's message to the
 * model, so in a tool run the message carries the fix and names the model's argument.
 */

/** Whether this run answers an AI agent (the node is the "Keen Tool" variant). */
export function runsAsTool(ctx: Pick<IExecuteFunctions, 'getNode'>): boolean {
	return ctx.getNode().type.endsWith('Tool');
}

const FROM_AI_KEY = /\$fromAI\(\s*(['"`])([A-Za-z0-9_-]{1,64})\1/gi;

/** The `$fromAI('key', …)` keys a field's raw (unevaluated) value asks the model for. */
export function fromAiKeys(raw: unknown): string[] {
	if (raw === undefined || raw === null) return [];
	const text = typeof raw === 'string' ? raw : JSON.stringify(raw);
	return [...new Set([...text.matchAll(FROM_AI_KEY)].map((match) => match[2]))];
}

function sentence(text: string): string {
	const trimmed = text.trim();
	return trimmed === '' || /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/**
 * An input error as the model should read it: which of its arguments was wrong, what was wrong and
 * what to send instead. A field the model does not fill is a setting of the workflow: say so, so
 * the model tells its user instead of retrying.
 */
export function toolInputMessage(message: string, hint: string | undefined, fieldLabel: string, argumentKeys: string[]): string {
	const what = `${sentence(message)}${hint ? ` ${sentence(hint)}` : ''}`;
	if (argumentKeys.length > 0) return `Argument ${argumentKeys.map((key) => `"${key}"`).join(', ')}: ${what}`;
	return `The tool's "${fieldLabel}" setting is invalid: ${what} This setting is fixed in the workflow; ask the user to correct it.`;
}

/** Any other error (Keen's answer, the network) with its advice folded into the one message the model sees. */
export function toolErrorMessage(message: string, description: string | null | undefined): string {
	const advice = description?.trim();
	return advice && !message.includes(advice) ? `${sentence(message)} ${sentence(advice)}` : message;
}

/**
 * Shown only in the Keen Tool, under n8n's "Tool Description" (a field n8n's loader adds to the tool
 * variant, default Set Automatically, which describes the tool by the operation's action alone:
 * "Count events in Keen", and an MCP client lists it as it is). It cannot depend on that field:
 * n8n 1.x fails to resolve a condition on a field the plain Keen node does not have.
 */
export const TOOL_DESCRIPTION_NOTICE: INodeProperties = {
	displayName:
		'Describe this tool for the model: choose Tool Description → Set Manually and say what it answers and what is fixed (collection, timeframe, grouping); Set Automatically tells the model only "Count events in Keen". Give every $fromAI() argument a description too.',
	name: 'toolDescriptionNotice',
	type: 'notice',
	default: '',
	displayOptions: { show: { '@tool': [true] } },
};

export const TOOL_MAX_ITEMS_DEFAULT = 25;

/** Shown only in the Keen Tool (`@tool`): how much of a result reaches the model. */
export const TOOL_MAX_ITEMS_FIELD: INodeProperties = {
	displayName: 'Max Items for the Model',
	name: 'toolMaxItems',
	type: 'number',
	typeOptions: { minValue: 0 },
	default: TOOL_MAX_ITEMS_DEFAULT,
	displayOptions: { show: { '@tool': [true] } },
	hint: '0 sends every item',
	description:
		'At most this many result items (events, groups, intervals …) go to the model, events and intervals newest first; a note says what was left out and how to ask for it. Large results cost tokens and can overflow its context.',
};

/** The time a result row stands for: an event's keen.timestamp, an interval's start; undefined for any other row. */
function rowTime(row: IDataObject): number | undefined {
	const value = isPlainObject(row.keen) && row.keen.timestamp !== undefined ? row.keen.timestamp : row.timeframe_start;
	if (typeof value !== 'string') return undefined;
	const time = Date.parse(value);
	return Number.isNaN(time) ? undefined : time;
}

/**
 * Rows that carry a time (events, intervals) newest first: a model asked what happened recently
 * wants that end, and Keen promises no order (docs/keen-api.md §7.9). Rows without one (notes) stay in
 * front in their order; a result without times is returned as it is.
 */
export function newestFirst(rows: IDataObject[]): IDataObject[] {
	const timed = rows.map((row, index) => ({ row, index, time: rowTime(row) ?? Infinity }));
	if (timed.every(({ time }) => time === Infinity)) return rows;
	return timed.sort((a, b) => b.time - a.time || a.index - b.index).map(({ row }) => row);
}

/**
 * A result as the model gets it: newest first, cut to `max` items, with a closing note saying what
 * was left out and how to get it. `what` names the items (events, items).
 */
export function capForModel(rows: IDataObject[], max: number, what: string): IDataObject[] {
	const ordered = newestFirst(rows);
	if (!(max > 0) || ordered.length <= max) return ordered;
	const shown = ordered.slice(0, max);
	const oldest = rowTime(shown[max - 1]);
	if (ordered !== rows && oldest !== undefined) {
		// Not "N of M": an extraction for a model asks Keen for one event more than it shows (extractionForModel).
		const end = new Date(oldest).toISOString();
		return [
			...shown,
			{
				note: `Showing the ${max} most recent ${what}, newest first; older ${what} were left out. To see older ones, ask again with a timeframe that ends at ${end} (the oldest shown; the end is exclusive), such as {"start": "<earlier time>", "end": "${end}"}, or with more filters; or ask the user to raise "Max Items for the Model".`,
			},
		];
	}
	const left = rows.length - max;
	return [
		...shown,
		{
			note: `Showing ${max} of ${rows.length} ${what}; ${left} left out. To see others, ask again with a narrower timeframe or more filters, or ask the user to raise "Max Items for the Model".`,
		},
	];
}

/**
 * An extraction's body as a model's call sends it: Keen picks the most recent events (`latest`), one
 * more than the model gets so that the note can say older ones matched, and every event keeps
 * keen.timestamp so that the events can be put newest first. `max` is "Max Items for the Model" (0: every event).
 */
export function extractionForModel(body: IDataObject, max: number): IDataObject {
	const out = { ...body };
	if (max > 0 && !(typeof out.latest === 'number' && out.latest <= max)) out.latest = max + 1;
	const names = out.property_names;
	if (Array.isArray(names) && !names.some((name) => name === 'keen' || name === 'keen.timestamp')) out.property_names = [...names, 'keen.timestamp'];
	return out;
}
