import { PNG } from 'pngjs';

import { fromAnswer, renderChart, type ChartOptions } from '../../../../nodes/Keen/helpers/chart';
import { ASCENDER, DESCENDER, fitText, glyphOf, textWidth, wrapText } from '../../../../nodes/Keen/helpers/chart/font';
import { buildScene } from '../../../../nodes/Keen/helpers/chart/layout';
import { rasterize } from '../../../../nodes/Keen/helpers/chart/raster';
import type { Shape } from '../../../../nodes/Keen/helpers/chart/scene';

type Text = Extract<Shape, { type: 'text' }>;

const options = (overrides: Partial<ChartOptions> = {}): ChartOptions => ({ kind: 'auto', width: 800, height: 400, theme: 'light', title: '', colors: [], ...overrides });

const ACCENTED = ["Côte d'Ivoire", 'Łódź', 'Straße'];

/** A group-by answer with `n` groups, names long enough to need laying out. */
function groups(n: number, name = (i: number) => `${ACCENTED[i % 3]} region ${i}`) {
	return { query: { analysis_type: 'count', group_by: ['region'], timeframe: 'this_7_days' }, result: Array.from({ length: n }, (_, i) => ({ region: name(i), result: 10 + ((i * 37) % 90) })) };
}

const texts = (shapes: Shape[], role?: Text['role']) => shapes.filter((s): s is Text => s.type === 'text' && (!role || s.role === role));

/** The four corners of a text's box (advance width × ascender to descender), turned as drawn. */
function corners(t: Text): Array<[number, number]> {
	const width = textWidth(t.text, t.size);
	const start = t.anchor === 'start' ? 0 : t.anchor === 'middle' ? -width / 2 : -width;
	const angle = ((t.rotate ?? 0) * Math.PI) / 180;
	const [cos, sin] = [Math.cos(angle), Math.sin(angle)];
	const local: Array<[number, number]> = [
		[start, -ASCENDER * t.size],
		[start + width, -ASCENDER * t.size],
		[start + width, DESCENDER * t.size],
		[start, DESCENDER * t.size],
	];
	return local.map(([x, y]) => [t.x + x * cos - y * sin, t.y + x * sin + y * cos]);
}

/** Whether two convex quadrilaterals overlap (separating axis test; touching edges do not count). */
function overlap(a: Array<[number, number]>, b: Array<[number, number]>): boolean {
	for (const polygon of [a, b]) {
		for (let i = 0; i < 4; i++) {
			const [x0, y0] = polygon[i];
			const [x1, y1] = polygon[(i + 1) % 4];
			const [nx, ny] = [y0 - y1, x1 - x0];
			const project = (p: Array<[number, number]>) => p.map(([x, y]) => x * nx + y * ny);
			const [pa, pb] = [project(a), project(b)];
			if (Math.max(...pa) <= Math.min(...pb) + 1e-6 || Math.max(...pb) <= Math.min(...pa) + 1e-6) return false;
		}
	}
	return true;
}

describe('chart type', () => {
	it.each(ACCENTED)('draws every letter of %s from its own glyph, not the fallback box', (name) => {
		for (const char of name) {
			expect({ char, fallback: glyphOf(char).fallback }).toEqual({ char, fallback: false });
			// An accented letter has its own outline, not its base letter's (ô is not o).
			const base = char.normalize('NFD')[0];
			if (base !== char) expect(glyphOf(char)).not.toBe(glyphOf(base));
		}
	});

	it('covers Latin-1 and Latin Extended-A; characters beyond get the fallback box', () => {
		for (let code = 0xa1; code <= 0x17f; code++) expect({ code, fallback: glyphOf(String.fromCodePoint(code)).fallback }).toEqual({ code, fallback: false });
		expect(glyphOf('\u6f22').fallback).toBe(true);
		expect(glyphOf('\u{1f600}').fallback).toBe(true);
	});

	it('draws the accented names of a chart with their glyphs, and their pixels differ from the fallback', () => {
		const answer = groups(3, (i) => ACCENTED[i]);
		const { scene } = buildScene(fromAnswer(answer), options({ kind: 'bars' }));
		const labels = texts(scene.shapes, 'x-label').map((t) => t.text);
		expect(labels).toEqual(ACCENTED);
		for (const char of labels.join('')) expect(glyphOf(char).fallback).toBe(false);
		// The same chart with the names' letters swapped for a character the font lacks looks different.
		const pixels = (names: string[]) => PNG.sync.read(Buffer.from(renderChart(fromAnswer(groups(3, (i) => names[i])), options({ kind: 'bars' }), 'png').data)).data;
		const drawn = pixels(ACCENTED);
		const boxes = pixels(ACCENTED.map((n) => n.replace(/[ôŁóźß]/g, '\u6f22')));
		expect(Buffer.compare(drawn, boxes)).not.toBe(0);
	});

	it.each([
		['\u00c7', 'C'],
		['\u00e7', 'c'],
	])('fills by the non-zero rule: %s covers every pixel its %s covers (the mark overlaps the letter)', (marked, plain) => {
		const ink = (char: string) =>
			rasterize({ width: 60, height: 60, scale: 1, background: '#ffffff', description: '', shapes: [{ type: 'text', x: 5, y: 45, text: char, size: 40, fill: '#000000', anchor: 'start' }] }).pixels;
		const [withMark, without] = [ink(marked), ink(plain)];
		let lighter = 0;
		for (let i = 0; i < without.length; i++) if (withMark[i] > without[i] + 1) lighter++;
		expect(lighter).toBe(0);
	});

	it('widths are proportional: an i is narrower than an m', () => {
		expect(textWidth('iiii', 12)).toBeLessThan(textWidth('mmmm', 12) / 2);
	});

	it('cuts with an ellipsis to the width and wraps at spaces', () => {
		const cut = fitText('Straße der Pariser Kommune', 12, 80);
		expect(cut.endsWith('\u2026')).toBe(true);
		expect(textWidth(cut, 12)).toBeLessThanOrEqual(80);
		const lines = wrapText('Signups of the week by country and platform, compared with the week before', 12, 200, 2);
		expect(lines).toHaveLength(2);
		for (const line of lines) expect(textWidth(line, 12)).toBeLessThanOrEqual(200);
		expect(lines[1].endsWith('\u2026')).toBe(true);
	});
});

describe('chart axis labels', () => {
	const cases = [3, 30, 300].flatMap((n) =>
		(['bars', 'line'] as const).flatMap((kind) => [[n, kind, 800, 400] as const, [n, kind, 480, 240] as const]),
	);

	it.each(cases)('%d groups as %s at %d × %d: no two labels overlap and all lie inside the image', (n, kind, width, height) => {
		const { scene } = buildScene(fromAnswer(groups(n)), options({ kind, width, height }));
		const labels = [...texts(scene.shapes, 'x-label'), ...texts(scene.shapes, 'y-label'), ...texts(scene.shapes, 'legend')];
		// Thinned when they must be, never to nothing.
		expect(texts(scene.shapes, 'x-label').length).toBeGreaterThanOrEqual(Math.min(n, 10));
		const boxes = labels.map(corners);
		for (let i = 0; i < boxes.length; i++) {
			for (const [x, y] of boxes[i]) {
				expect(x).toBeGreaterThanOrEqual(0);
				expect(x).toBeLessThanOrEqual(width);
				expect(y).toBeLessThanOrEqual(height);
			}
			for (let j = i + 1; j < boxes.length; j++) {
				if (overlap(boxes[i], boxes[j])) throw new Error(`'${labels[i].text}' overlaps '${labels[j].text}'`);
			}
		}
	});

	it('shows every group when 3 fit level, and turns 30 long names', () => {
		const three = texts(buildScene(fromAnswer(groups(3, (i) => ACCENTED[i])), options()).scene.shapes, 'x-label');
		expect(three.map((t) => t.rotate ?? 0)).toEqual([0, 0, 0]);
		const thirty = texts(buildScene(fromAnswer(groups(30)), options()).scene.shapes, 'x-label');
		expect(thirty).toHaveLength(30);
		expect(new Set(thirty.map((t) => t.rotate))).toEqual(new Set([-45]));
	});

	it('numbers a few groups whose names are too long even turned, with a key of the full names', () => {
		const names = ['Straße der Pariser Kommune, Berlin-Friedrichshain', "Côte d'Ivoire, Abidjan, Plateau district", 'Łódź, Piotrkowska Street 104'];
		const { scene } = buildScene(fromAnswer(groups(3, (i) => names[i])), options({ width: 300, height: 200 }));
		expect(texts(scene.shapes, 'x-label').map((t) => t.text)).toEqual(['1', '2', '3']);
		const key = texts(scene.shapes, 'legend').map((t) => t.text);
		expect(key).toHaveLength(3);
		key.forEach((entry, i) => expect(entry.replace(/\u2026$/, '')).toBe(`${i + 1} ${names[i]}`.slice(0, entry.length - (entry.endsWith('\u2026') ? 1 : 0))));
		expect(key[1]).toBe(`2 ${names[1]}`);
	});

	it('ticks are round numbers and the numbers follow the locale', () => {
		const answer = { result: [{ country: 'FR', result: 12345.5 }, { country: 'DE', result: 4321 }] };
		const ticks = texts(buildScene(fromAnswer(answer), options({ locale: 'de-DE' })).scene.shapes, 'y-label').map((t) => t.text);
		expect(ticks).toEqual(['0', '2.000', '4.000', '6.000', '8.000', '10.000', '12.000', '14.000']);
	});

	it('wraps a long title onto a second line instead of cutting it', () => {
		const title = 'Weekly active users by country, this quarter compared with the last one, for the whole team';
		const lines = texts(buildScene(fromAnswer(groups(3)), options({ title, width: 480, height: 240 })).scene.shapes, 'title');
		expect(lines.length).toBe(2);
		expect(lines.map((t) => t.text).join(' ')).toBe(title);
	});
});

describe('chart table', () => {
	it('splits a long table into side-by-side blocks when the width allows', () => {
		const answer = groups(60, (i) => `r${i}`);
		const cells = texts(buildScene(fromAnswer(answer), options({ kind: 'table' })).scene.shapes, 'cell');
		const headers = cells.filter((t) => t.text === 'group');
		expect(headers.length).toBeGreaterThan(1);
		expect(cells.filter((t) => /^r\d+$/.test(t.text))).toHaveLength(60);
	});

	it('grows the text of a short table to use the room', () => {
		const answer = groups(3, (i) => `r${i}`);
		const cells = texts(buildScene(fromAnswer(answer), options({ kind: 'table' })).scene.shapes, 'cell');
		expect(Math.min(...cells.map((t) => t.size))).toBeGreaterThan(12);
	});
});
