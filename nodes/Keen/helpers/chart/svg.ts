import { GLYPH_HEIGHT, textWidth } from './font';
import type { Scene, Shape } from './scene';

/** Text safe inside XML: markup characters escaped, characters XML 1.0 forbids dropped. */
export function xmlText(text: string): string {
	return text
		.replace(/[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu, '')
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;');
}

const round = (n: number) => Number(n.toFixed(2));

function element(shape: Shape): string {
	if (shape.type === 'rect') {
		return `<rect x="${round(shape.x)}" y="${round(shape.y)}" width="${round(shape.w)}" height="${round(shape.h)}" fill="${shape.fill}"/>`;
	}
	if (shape.type === 'line') {
		const points = [];
		for (let i = 0; i + 1 < shape.points.length; i += 2) points.push(`${round(shape.points[i])},${round(shape.points[i + 1])}`);
		return `<polyline points="${points.join(' ')}" fill="none" stroke="${shape.stroke}" stroke-width="${shape.width}" stroke-linejoin="round" stroke-linecap="round"/>`;
	}
	if (shape.type === 'circle') return `<circle cx="${round(shape.cx)}" cy="${round(shape.cy)}" r="${round(shape.r)}" fill="${shape.fill}"/>`;
	// The pixel font's cap height is 7 units and its advance 6: a monospace font at 10 units per size
	// is close, and textLength makes the width exactly what the layout measured.
	const anchor = { start: 'start', middle: 'middle', end: 'end' }[shape.anchor];
	const baseline = round(shape.y + GLYPH_HEIGHT * shape.size);
	const length = textWidth(shape.text, shape.size);
	return `<text x="${round(shape.x)}" y="${baseline}" font-size="${10 * shape.size}" text-anchor="${anchor}" fill="${shape.fill}" textLength="${length}" lengthAdjust="spacingAndGlyphs">${xmlText(shape.text)}</text>`;
}

/** The scene as a standalone SVG document. */
export function toSvg(scene: Scene): string {
	return [
		`<?xml version="1.0" encoding="UTF-8"?>`,
		`<svg xmlns="http://www.w3.org/2000/svg" width="${scene.width}" height="${scene.height}" viewBox="0 0 ${scene.width} ${scene.height}" font-family="DejaVu Sans Mono, Menlo, Consolas, monospace">`,
		`<title>${xmlText(scene.description)}</title>`,
		`<rect width="100%" height="100%" fill="${scene.background}"/>`,
		...scene.shapes.map(element),
		`</svg>`,
		'',
	].join('\n');
}
