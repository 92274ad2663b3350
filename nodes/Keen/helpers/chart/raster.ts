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
	/** One row of fill coverage, and the crossings of one sub-scanline (x, direction). */
	private row = new Float32Array(0);
	private crossings = new Float64Array(64);

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
		const edges: number[] = [];
		for (const char of shape.text) {
			const glyph = glyphOf(char);
			const at = pen;
			// Glyph units (em, y up) → layout pixels along the turned baseline → device pixels.
			const place = (gx: number, gy: number): [number, number] => {
				const lx = at + gx * size;
				const ly = -gy * size;
				return [(shape.x + lx * cos - ly * sin) * s, (shape.y + lx * sin + ly * cos) * s];
			};
			outlineEdges(glyph.path, place, edges);
			if (edges.length) this.fill(edges, color);
			edges.length = 0;
			pen += glyph.advance * size;
		}
	}

	/**
	 * Fills closed polygons (edges x0, y0, x1, y1, …, device pixels) by the non-zero winding rule.
	 * Each pixel row is cut into sub-scanlines; on each, the spans where the winding number is not
	 * zero add their exact horizontal extent, so coverage is smooth across and along the edges.
	 */
	private fill(edges: number[], color: readonly number[]): void {
		let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
		for (let i = 0; i < edges.length; i += 2) {
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
		if (this.row.length < right - left + 1) this.row = new Float32Array(right - left + 1);
		const row = this.row;
		for (let py = top; py < bottom; py++) {
			row.fill(0, 0, right - left + 1);
			for (let step = 0; step < steps; step++) {
				const sy = py + (step + 0.5) * weight;
				let count = 0;
				for (let i = 0; i < edges.length; i += 4) {
					const [y0, y1] = [edges[i + 1], edges[i + 3]];
					if ((y0 <= sy && sy < y1) || (y1 <= sy && sy < y0)) {
						if (count * 2 + 2 > this.crossings.length) {
							const grown = new Float64Array(this.crossings.length * 2);
							grown.set(this.crossings);
							this.crossings = grown;
						}
						this.crossings[count * 2] = edges[i] + ((sy - y0) * (edges[i + 2] - edges[i])) / (y1 - y0);
						this.crossings[count * 2 + 1] = y1 > y0 ? 1 : -1;
						count++;
					}
				}
				const c = this.crossings;
				// Insertion sort by x: a glyph's sub-scanline crosses a handful of edges.
				for (let i = 1; i < count; i++) {
					const [x, d] = [c[i * 2], c[i * 2 + 1]];
					let j = i - 1;
					for (; j >= 0 && c[j * 2] > x; j--) {
						c[j * 2 + 2] = c[j * 2];
						c[j * 2 + 3] = c[j * 2 + 1];
					}
					c[j * 2 + 2] = x;
					c[j * 2 + 3] = d;
				}
				let winding = 0;
				let start = 0;
				for (let i = 0; i < count; i++) {
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
 * A glyph's contours as straight edges: quadratic curves are cut into enough segments that none
 * strays more than about a tenth of a device pixel from the curve.
 */
function outlineEdges(path: Float32Array, place: (x: number, y: number) => [number, number], edges: number[]): void {
	let [startX, startY, x, y] = [0, 0, 0, 0];
	let open = false;
	const close = () => {
		if (open && (x !== startX || y !== startY)) edges.push(x, y, startX, startY);
	};
	for (let i = 0; i < path.length; ) {
		const command = path[i];
		if (command === 0) {
			close();
			[x, y] = place(path[i + 1], path[i + 2]);
			[startX, startY] = [x, y];
			open = true;
			i += 3;
		} else if (command === 1) {
			const [nx, ny] = place(path[i + 1], path[i + 2]);
			edges.push(x, y, nx, ny);
			[x, y] = [nx, ny];
			i += 3;
		} else {
			const [cx, cy] = place(path[i + 1], path[i + 2]);
			const [ex, ey] = place(path[i + 3], path[i + 4]);
			const bend = Math.hypot(x - 2 * cx + ex, y - 2 * cy + ey);
			const pieces = Math.max(1, Math.ceil(Math.sqrt(bend / 0.8)));
			let [px, py] = [x, y];
			for (let k = 1; k <= pieces; k++) {
				const t = k / pieces;
				const u = 1 - t;
				const nx = u * u * x + 2 * u * t * cx + t * t * ex;
				const ny = u * u * y + 2 * u * t * cy + t * t * ey;
				edges.push(px, py, nx, ny);
				[px, py] = [nx, ny];
			}
			[x, y] = [ex, ey];
			i += 5;
		}
	}
	close();
}
