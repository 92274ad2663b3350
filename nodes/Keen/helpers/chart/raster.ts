import { glyphOf, textWidth } from './font';
import { parseColor, type Scene, type Shape } from './scene';

/** A scene drawn into 8-bit RGB pixels, `scale` device pixels per layout pixel, rows top to bottom (what encodePng takes). */
export function rasterize(scene: Scene): { width: number; height: number; pixels: Uint8Array } {
	const scale = scene.scale;
	const width = Math.round(scene.width * scale);
	const height = Math.round(scene.height * scale);
	const pixels = new Uint8Array(width * height * 3);
	pixels.set(rgb(scene.background));
	// Doubling copies fill the rest from the first pixel.
	for (let filled = 3; filled < pixels.length; filled *= 2) pixels.copyWithin(filled, 0, Math.min(filled, pixels.length - filled));
	const canvas = new Canvas(pixels, width, height, scale);
	for (const shape of scene.shapes) canvas.draw(shape);
	return { width, height, pixels };
}

function rgb(color: string): [number, number, number] {
	return parseColor(color) ?? [0, 0, 0];
}

/** Overlap of the pixel span [p, p + 1) with [from, to). */
function overlap(p: number, from: number, to: number): number {
	const o = Math.min(p + 1, to) - Math.max(p, from);
	return o > 0 ? o : 0;
}

class Canvas {
	/** Coverage of the polyline being drawn, per pixel, and which pixels it touched. */
	private coverage: Float32Array | undefined;
	private touched: number[] = [];
	/** One row of fill coverage, and the crossings (x, direction) of a fill's sub-scanlines. */
	private row = new Float32Array(0);
	private crossings = new Float64Array(64);
	/** Per sub-scanline: where its crossings start in `crossings`, and the next free place while filling. */
	private counts = new Int32Array(0);
	private next = new Int32Array(0);
	/** A glyph's edges (x0, y0, x1, y1, …), reused from glyph to glyph: only the first `count` are its own. */
	private edges: number[] = [];

	constructor(
		private readonly pixels: Uint8Array,
		private readonly width: number,
		private readonly height: number,
		private readonly scale: number,
	) {}

	draw(shape: Shape): void {
		const s = this.scale;
		if (shape.type === 'rect') this.rect(shape.x * s, shape.y * s, shape.w * s, shape.h * s, rgb(shape.fill));
		else if (shape.type === 'line') this.polyline(shape.points, shape.width * s, rgb(shape.stroke));
		else if (shape.type === 'circle') this.circle(shape.cx * s, shape.cy * s, shape.r * s, rgb(shape.fill));
		else this.text(shape, rgb(shape.fill));
	}

	/** Mixes `color` into one pixel with coverage `alpha` (0…1). */
	private blend(x: number, y: number, color: readonly number[], alpha: number): void {
		if (x < 0 || y < 0 || x >= this.width || y >= this.height || alpha <= 0) return;
		const i = (y * this.width + x) * 3;
		const p = this.pixels;
		if (alpha >= 1) {
			p[i] = color[0];
			p[i + 1] = color[1];
			p[i + 2] = color[2];
			return;
		}
		p[i] += (color[0] - p[i]) * alpha;
		p[i + 1] += (color[1] - p[i + 1]) * alpha;
		p[i + 2] += (color[2] - p[i + 2]) * alpha;
	}

	/** A rectangle in device pixels; each pixel is covered by the share of its area inside (smooth bar edges). */
	private rect(x: number, y: number, w: number, h: number, color: readonly number[]): void {
		const [x1, y1] = [x + w, y + h];
		const px0 = Math.max(0, Math.floor(x));
		const px1 = Math.min(this.width, Math.ceil(x1));
		const py0 = Math.max(0, Math.floor(y));
		const py1 = Math.min(this.height, Math.ceil(y1));
		for (let py = py0; py < py1; py++) {
			const cy = overlap(py, y, y1);
			for (let px = px0; px < px1; px++) this.blend(px, py, color, cy * overlap(px, x, x1));
		}
	}

	/**
	 * Anti-aliased thick segments: each pixel near a segment is covered by how far its centre lies
	 * inside the stroke. A pixel keeps the strongest coverage of the segments of one polyline, so
	 * joints do not darken.
	 */
	private polyline(layoutPoints: number[], width: number, color: readonly number[]): void {
		const s = this.scale;
		const points = s === 1 ? layoutPoints : layoutPoints.map((v) => v * s);
		const half = width / 2;
		const coverage = (this.coverage ??= new Float32Array(this.width * this.height));
		const touched = this.touched;
		for (let k = 0; k + 3 < points.length; k += 2) {
			const ax = points[k];
			const ay = points[k + 1];
			const dx = points[k + 2] - ax;
			const dy = points[k + 3] - ay;
			const lengthSquared = dx * dx + dy * dy;
			const x0 = Math.max(0, Math.floor(Math.min(ax, ax + dx) - half - 1));
			const x1 = Math.min(this.width - 1, Math.ceil(Math.max(ax, ax + dx) + half + 1));
			const y0 = Math.max(0, Math.floor(Math.min(ay, ay + dy) - half - 1));
			const y1 = Math.min(this.height - 1, Math.ceil(Math.max(ay, ay + dy) + half + 1));
			for (let py = y0; py <= y1; py++) {
				const cy = py + 0.5 - ay;
				for (let px = x0; px <= x1; px++) {
					const cx = px + 0.5 - ax;
					let t = lengthSquared === 0 ? 0 : (cx * dx + cy * dy) / lengthSquared;
					t = t < 0 ? 0 : t > 1 ? 1 : t;
					const ex = cx - t * dx;
					const ey = cy - t * dy;
					const alpha = half + 0.5 - Math.sqrt(ex * ex + ey * ey);
					if (alpha <= 0) continue;
					const key = py * this.width + px;
					if (coverage[key] === 0) touched.push(key);
					if (coverage[key] < alpha) coverage[key] = alpha > 1 ? 1 : alpha;
				}
			}
		}
		for (const key of touched) {
			this.blend(key % this.width, Math.floor(key / this.width), color, coverage[key]);
			coverage[key] = 0;
		}
		touched.length = 0;
	}

	private circle(cx: number, cy: number, r: number, color: readonly number[]): void {
		for (let py = Math.floor(cy - r - 1); py <= Math.ceil(cy + r + 1); py++) {
			for (let px = Math.floor(cx - r - 1); px <= Math.ceil(cx + r + 1); px++) {
				this.blend(px, py, color, Math.min(1, r + 0.5 - Math.hypot(px + 0.5 - cx, py + 0.5 - cy)));
			}
		}
	}

	/** Each glyph's outline, placed, turned and scaled to device pixels, filled on its own. */
	private text(shape: Extract<Shape, { type: 'text' }>, color: readonly number[]): void {
		const { size, anchor } = shape;
		const s = this.scale;
		const angle = ((shape.rotate ?? 0) * Math.PI) / 180;
		const [cos, sin] = [Math.cos(angle), Math.sin(angle)];
		const width = textWidth(shape.text, size);
		let pen = anchor === 'start' ? 0 : anchor === 'middle' ? -width / 2 : -width;
		const edges = this.edges;
		// Glyph units (em, y up) → layout pixels along the turned baseline → device pixels, as
		// X = ox + gx·xx + gy·xy, Y = oy + gx·yx + gy·yy.
		const [xx, xy, yx, yy] = [size * cos * s, size * sin * s, size * sin * s, -size * cos * s];
		for (const char of shape.text) {
			const glyph = glyphOf(char);
			const count = outlineEdges(glyph.path, (shape.x + pen * cos) * s, (shape.y + pen * sin) * s, xx, xy, yx, yy, edges);
			if (count) this.fill(edges, count, color);
			pen += glyph.advance * size;
		}
	}

	/**
	 * Fills closed polygons (edges x0, y0, x1, y1, …, device pixels) by the non-zero winding rule.
	 * Each pixel row is cut into sub-scanlines; on each, the spans where the winding number is not
	 * zero add their exact horizontal extent, so coverage is smooth across and along the edges.
	 */
	private fill(edges: number[], length: number, color: readonly number[]): void {
		let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
		for (let i = 0; i < length; i += 2) {
			minX = Math.min(minX, edges[i]);
			maxX = Math.max(maxX, edges[i]);
			minY = Math.min(minY, edges[i + 1]);
			maxY = Math.max(maxY, edges[i + 1]);
		}
		const left = Math.max(0, Math.floor(minX));
		const right = Math.min(this.width, Math.ceil(maxX) + 1);
		const top = Math.max(0, Math.floor(minY));
		const bottom = Math.min(this.height, Math.ceil(maxY));
		if (left >= right || top >= bottom) return;
		// Small text needs finer vertical steps to keep its stems even; large glyphs have room.
		const steps = maxY - minY > 48 ? 4 : 8;
		const weight = 1 / steps;
		const lines = (bottom - top) * steps;
		// Sub-scanline k lies at y = top + (k + 0.5) / steps. Each edge's crossings go to the lines
		// it spans (counted first, then placed), so the work follows the edges' length.
		const first = (y: number) => Math.max(0, Math.ceil((y - top) * steps - 0.5));
		const counts = this.counts.length > lines + 1 ? this.counts : (this.counts = new Int32Array(2 * lines + 2));
		counts.fill(0, 0, lines + 1);
		for (let i = 0; i < length; i += 4) {
			const y0 = edges[i + 1];
			const y1 = edges[i + 3];
			const end = Math.min(lines, first(Math.max(y0, y1)));
			for (let k = first(Math.min(y0, y1)); k < end; k++) counts[k + 1]++;
		}
		for (let k = 0; k < lines; k++) counts[k + 1] += counts[k];
		const total = counts[lines];
		if (this.crossings.length < 2 * total) this.crossings = new Float64Array(4 * total);
		const c = this.crossings;
		const next = this.next.length > lines ? this.next : (this.next = new Int32Array(2 * lines + 2));
		next.set(counts.subarray(0, lines));
		for (let i = 0; i < length; i += 4) {
			const x0 = edges[i];
			const y0 = edges[i + 1];
			const y1 = edges[i + 3];
			const slope = (edges[i + 2] - x0) / (y1 - y0);
			const direction = y1 > y0 ? 1 : -1;
			const end = Math.min(lines, first(Math.max(y0, y1)));
			for (let k = first(Math.min(y0, y1)); k < end; k++) {
				const at = next[k]++;
				c[at * 2] = x0 + (top + (k + 0.5) * weight - y0) * slope;
				c[at * 2 + 1] = direction;
			}
		}
		if (this.row.length < right - left + 1) this.row = new Float32Array(right - left + 1);
		const row = this.row;
		for (let py = top; py < bottom; py++) {
			row.fill(0, 0, right - left + 1);
			for (let k = (py - top) * steps; k < (py - top + 1) * steps; k++) {
				const from = counts[k];
				const to = counts[k + 1];
				// Insertion sort by x: a glyph's sub-scanline crosses a handful of edges.
				for (let i = from + 1; i < to; i++) {
					const x = c[i * 2];
					const d = c[i * 2 + 1];
					let j = i - 1;
					for (; j >= from && c[j * 2] > x; j--) {
						c[j * 2 + 2] = c[j * 2];
						c[j * 2 + 3] = c[j * 2 + 1];
					}
					c[j * 2 + 2] = x;
					c[j * 2 + 3] = d;
				}
				let winding = 0;
				let start = 0;
				for (let i = from; i < to; i++) {
					const before = winding;
					winding += c[i * 2 + 1];
					if (before === 0 && winding !== 0) start = c[i * 2];
					else if (before !== 0 && winding === 0) addSpan(row, start - left, c[i * 2] - left, weight, right - left);
				}
			}
			for (let px = left; px < right; px++) {
				const alpha = row[px - left];
				if (alpha > 0) this.blend(px, py, color, alpha > 1 ? 1 : alpha);
			}
		}
	}
}

/** Adds `weight` × the covered part of each pixel of [from, to) to `row`. */
function addSpan(row: Float32Array, from: number, to: number, weight: number, length: number): void {
	from = Math.max(0, from);
	to = Math.min(length, to);
	if (to <= from) return;
	const first = Math.floor(from);
	const last = Math.floor(to);
	if (first === last) {
		row[first] += (to - from) * weight;
		return;
	}
	row[first] += (first + 1 - from) * weight;
	for (let i = first + 1; i < last; i++) row[i] += weight;
	if (last < length) row[last] += (to - last) * weight;
}

/**
 * A glyph's contours as straight edges in device pixels (X = ox + gx·xx + gy·xy, Y = oy + gx·yx +
 * gy·yy): quadratic curves are cut into enough segments that none strays more than about a tenth
 * of a pixel from the curve.
 */
function outlineEdges(path: Float32Array, ox: number, oy: number, xx: number, xy: number, yx: number, yy: number, edges: number[]): number {
	let n = 0;
	const put = (x0: number, y0: number, x1: number, y1: number) => {
		edges[n++] = x0;
		edges[n++] = y0;
		edges[n++] = x1;
		edges[n++] = y1;
	};
	let startX = 0;
	let startY = 0;
	let x = 0;
	let y = 0;
	let open = false;
	for (let i = 0; i < path.length; ) {
		const command = path[i];
		const px = ox + path[i + 1] * xx + path[i + 2] * xy;
		const py = oy + path[i + 1] * yx + path[i + 2] * yy;
		if (command === 0) {
			if (open && (x !== startX || y !== startY)) put(x, y, startX, startY);
			x = startX = px;
			y = startY = py;
			open = true;
			i += 3;
		} else if (command === 1) {
			put(x, y, px, py);
			x = px;
			y = py;
			i += 3;
		} else {
			const ex = ox + path[i + 3] * xx + path[i + 4] * xy;
			const ey = oy + path[i + 3] * yx + path[i + 4] * yy;
			const bx = x - 2 * px + ex;
			const by = y - 2 * py + ey;
			const pieces = Math.max(1, Math.ceil(Math.sqrt(Math.sqrt(bx * bx + by * by) / 0.8)));
			let lx = x;
			let ly = y;
			for (let k = 1; k <= pieces; k++) {
				const t = k / pieces;
				const u = 1 - t;
				const nx = u * u * x + 2 * u * t * px + t * t * ex;
				const ny = u * u * y + 2 * u * t * py + t * t * ey;
				put(lx, ly, nx, ny);
				lx = nx;
				ly = ny;
			}
			x = ex;
			y = ey;
			i += 5;
		}
	}
	if (open && (x !== startX || y !== startY)) put(x, y, startX, startY);
	return n;
}
