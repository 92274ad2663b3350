import { GLYPH_ADVANCE, glyphOf, textWidth } from './font';
import { parseColor, type Scene, type Shape } from './scene';

/** A scene drawn into 8-bit RGB pixels, rows top to bottom (what encodePng takes). */
export function rasterize(scene: Scene): Uint8Array {
	const { width, height } = scene;
	const pixels = new Uint8Array(width * height * 3);
	pixels.set(rgb(scene.background));
	// Doubling copies fill the rest from the first pixel.
	for (let filled = 3; filled < pixels.length; filled *= 2) pixels.copyWithin(filled, 0, Math.min(filled, pixels.length - filled));
	const canvas = new Canvas(pixels, width, height);
	for (const shape of scene.shapes) canvas.draw(shape);
	return pixels;
}

function rgb(color: string): [number, number, number] {
	return parseColor(color) ?? [0, 0, 0];
}

class Canvas {
	/** Coverage of the polyline being drawn, per pixel, and which pixels it touched. */
	private coverage: Float32Array | undefined;
	private touched: number[] = [];

	constructor(
		private readonly pixels: Uint8Array,
		private readonly width: number,
		private readonly height: number,
	) {}

	draw(shape: Shape): void {
		if (shape.type === 'rect') this.rect(shape.x, shape.y, shape.w, shape.h, rgb(shape.fill));
		else if (shape.type === 'line') this.polyline(shape.points, shape.width, rgb(shape.stroke));
		else if (shape.type === 'circle') this.circle(shape.cx, shape.cy, shape.r, rgb(shape.fill));
		else this.text(shape.x, shape.y, shape.text, shape.size, shape.anchor, rgb(shape.fill));
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

	/** Rectangles snap to whole pixels (bars and grid lines stay crisp). */
	private rect(x: number, y: number, w: number, h: number, color: readonly number[]): void {
		const x0 = Math.max(0, Math.round(x));
		const y0 = Math.max(0, Math.round(y));
		const x1 = Math.min(this.width, Math.round(x + w));
		const y1 = Math.min(this.height, Math.round(y + h));
		const p = this.pixels;
		for (let py = y0; py < y1; py++) {
			for (let i = (py * this.width + x0) * 3, end = (py * this.width + x1) * 3; i < end; i += 3) {
				p[i] = color[0];
				p[i + 1] = color[1];
				p[i + 2] = color[2];
			}
		}
	}

	/**
	 * Anti-aliased thick segments: each pixel near a segment is covered by how far its centre lies
	 * inside the stroke. A pixel keeps the strongest coverage of the segments of one polyline, so
	 * joints do not darken.
	 */
	private polyline(points: number[], width: number, color: readonly number[]): void {
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

	private text(x: number, y: number, text: string, size: number, anchor: 'start' | 'middle' | 'end', color: readonly number[]): void {
		const width = textWidth(text, size);
		let left = Math.round(anchor === 'start' ? x : anchor === 'middle' ? x - width / 2 : x - width);
		const top = Math.round(y);
		for (const char of text) {
			const glyph = glyphOf(char);
			for (let row = 0; row < glyph.length; row++) {
				for (let col = 0; col < 5; col++) {
					if (glyph[row] & (0x10 >> col)) this.rect(left + col * size, top + row * size, size, size, color);
				}
			}
			left += GLYPH_ADVANCE * size;
		}
	}
}
