/**
 * What a chart is made of, independent of the output format: the layout builds a Scene once,
 * and raster.ts (for PNG) and svg.ts draw the same shapes.
 */
export type Shape =
	| { type: 'rect'; x: number; y: number; w: number; h: number; fill: string }
	/** An open polyline: x0, y0, x1, y1, … */
	| { type: 'line'; points: number[]; stroke: string; width: number }
	| { type: 'circle'; cx: number; cy: number; r: number; fill: string }
	/**
	 * Text on the baseline at `y`, `size` pixels per em, `anchor` on `x`; turned `rotate` degrees
	 * (clockwise, as SVG) about (x, y). `role` names what it is (an SVG class; tests find labels by it).
	 */
	| {
			type: 'text';
			x: number;
			y: number;
			text: string;
			size: number;
			fill: string;
			anchor: 'start' | 'middle' | 'end';
			rotate?: number;
			role?: TextRole;
	  };

export type TextRole = 'title' | 'subtitle' | 'x-label' | 'y-label' | 'legend' | 'value' | 'cell' | 'note';

export interface Scene {
	/** Size in layout pixels; the PNG has `scale` device pixels per layout pixel. */
	width: number;
	height: number;
	scale: number;
	background: string;
	/** For the SVG's <title>: what the chart shows. */
	description: string;
	shapes: Shape[];
}

/** '#rgb' or '#rrggbb' → [r, g, b]; undefined when it is not a hex colour. */
export function parseColor(text: string): [number, number, number] | undefined {
	const match = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(text.trim());
	if (!match) return undefined;
	const hex = match[1].length === 3 ? [...match[1]].map((c) => c + c).join('') : match[1];
	return [parseInt(hex.slice(0, 2), 16), parseInt(hex.slice(2, 4), 16), parseInt(hex.slice(4, 6), 16)];
}
