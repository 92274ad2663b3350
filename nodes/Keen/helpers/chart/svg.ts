import { FONT_STACK, textWidth } from './font';
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
	// The PNG's glyphs are DejaVu Sans: named first in the font stack, and textLength holds a
	// fallback font to the width the layout measured, so the SVG's layout is the PNG's.
	const length = round(textWidth(shape.text, shape.size));
	const turn = shape.rotate ? ` transform="rotate(${round(shape.rotate)} ${round(shape.x)} ${round(shape.y)})"` : '';
	const role = shape.role ? ` class="${shape.role}"` : '';
	return `<text x="${round(shape.x)}" y="${round(shape.y)}" font-size="${round(shape.size)}" text-anchor="${shape.anchor}" fill="${shape.fill}" textLength="${length}" lengthAdjust="spacingAndGlyphs"${turn}${role}>${xmlText(shape.text)}</text>`;
}

/** The scene as a standalone SVG document. */
export function toSvg(scene: Scene): string {
	return [
		`<?xml version="1.0" encoding="UTF-8"?>`,
		`<svg xmlns="http://www.w3.org/2000/svg" width="${scene.width * scene.scale}" height="${scene.height * scene.scale}" viewBox="0 0 ${scene.width} ${scene.height}" font-family="${FONT_STACK}">`,
		`<title>${xmlText(scene.description)}</title>`,
		`<rect width="100%" height="100%" fill="${scene.background}"/>`,
		...scene.shapes.map(element),
		`</svg>`,
		'',
	].join('\n');
}
