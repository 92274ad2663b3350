import type { IDataObject } from 'n8n-workflow';

import { fromAnswer, fromSimplifiedRows, isKeenAnswer, type ChartInput } from './data';
import { buildScene, type ChartOptions, type DrawnKind } from './layout';
import { encodePng } from './png';
import { rasterize } from './raster';
import { toSvg } from './svg';

export type { ChartKind, ChartOptions } from './layout';
export { DEFAULT_COLORS, KEEN_COLORS, paletteOf } from './layout';
export { fromAnswer, fromSimplifiedRows, type ResultContext } from './data';
export { parseLocale, parseTimezone } from './format';
export { parseColor } from './scene';

export type ChartFormat = 'png' | 'svg';

export interface RenderedChart {
	data: Uint8Array;
	mimeType: 'image/png' | 'image/svg+xml';
	extension: ChartFormat;
	kind: DrawnKind;
}

/** Draws one chart input as PNG or SVG. */
export function renderChart(input: ChartInput, options: ChartOptions, format: ChartFormat): RenderedChart {
	const { scene, kind } = buildScene(input, options);
	if (format === 'svg') return { data: new TextEncoder().encode(toSvg(scene)), mimeType: 'image/svg+xml', extension: 'svg', kind };
	const { width, height, pixels } = rasterize(scene);
	return { data: encodePng(width, height, pixels), mimeType: 'image/png', extension: 'png', kind };
}

/**
 * What the Keen node's items hold, as chart inputs: each item that is a Keen answer (Simplify
 * off, a saved query's or a dataset's result) is one chart; items that are Simplify's rows make
 * one chart together.
 */
export function chartInputs(items: IDataObject[]): Array<{ items: number[]; input: ChartInput }> {
	const answers = items.map((json, index) => ({ json, index })).filter(({ json }) => isKeenAnswer(json));
	const rows = items.map((json, index) => ({ json, index })).filter(({ json }) => !isKeenAnswer(json));
	return [
		...answers.map(({ json, index }) => ({ items: [index], input: fromAnswer(json) })),
		...(rows.length ? [{ items: rows.map((r) => r.index), input: fromSimplifiedRows(rows.map((r) => r.json)) }] : []),
	];
}
