import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { PNG } from 'pngjs';

import { fromAnswer, renderChart, type ChartOptions } from '../../../../nodes/Keen/helpers/chart';
import { CHART_CASES } from './cases';

/*
 * Golden images: each chart kind in each theme, at 1× and 2× pixel density, rendered from fixed
 * results. The PNG is decoded by pngjs (not our code), must have the asked size times the density,
 * and its pixels must match the stored reference, compared pixel by pixel within a small
 * tolerance. `UPDATE_GOLDEN=1 npx jest test/unit/helpers/chart` rewrites the references after an
 * intended change (look at them before committing).
 */

const GOLDEN = join(__dirname, 'golden');
const [WIDTH, HEIGHT] = [480, 240];
/** A pixel differs when a channel is off by more than this … */
const CHANNEL_TOLERANCE = 40;
/** … and an image matches when at most this share of its pixels differ. */
const PIXEL_TOLERANCE = 0.002;

const THEMES = ['light', 'dark', 'keen'] as const;
const SCALES = [1, 2];

const options = (kind: ChartOptions['kind'], theme: ChartOptions['theme'], scale = 1): ChartOptions => ({
	kind,
	width: WIDTH,
	height: HEIGHT,
	theme,
	title: '',
	colors: [],
	scale,
});

function differingPixels(actual: PNG, expected: PNG): number {
	let count = 0;
	for (let i = 0; i < actual.data.length; i += 4) {
		const off = Math.max(
			Math.abs(actual.data[i] - expected.data[i]),
			Math.abs(actual.data[i + 1] - expected.data[i + 1]),
			Math.abs(actual.data[i + 2] - expected.data[i + 2]),
		);
		if (off > CHANNEL_TOLERANCE) count++;
	}
	return count;
}

describe.each(CHART_CASES)('chart golden image: $name', ({ name, answer, kind, drawn }) => {
	it.each(THEMES.flatMap((theme) => SCALES.map((scale) => [theme, scale] as const)))('%s %d× PNG decodes with pngjs at the asked size and matches the reference', (theme, scale) => {
		const chart = renderChart(fromAnswer(answer), options(kind, theme, scale), 'png');
		expect(chart.kind).toBe(drawn);
		expect(chart.mimeType).toBe('image/png');
		const [width, height] = [WIDTH * scale, HEIGHT * scale];
		const image = PNG.sync.read(Buffer.from(chart.data));
		expect([image.width, image.height]).toEqual([width, height]);
		const file = join(GOLDEN, `${name}-${theme}-${scale}x.png`);
		if (process.env.UPDATE_GOLDEN === '1' || !existsSync(file)) {
			mkdirSync(GOLDEN, { recursive: true });
			writeFileSync(file, chart.data);
		}
		const reference = PNG.sync.read(readFileSync(file));
		expect([reference.width, reference.height]).toEqual([width, height]);
		const differing = differingPixels(image, reference);
		if (differing > width * height * PIXEL_TOLERANCE) writeFileSync(join(GOLDEN, `${name}-${theme}-${scale}x.actual.png`), chart.data);
		expect({ name, theme, scale, differing }).toEqual({ name, theme, scale, differing: expect.any(Number) });
		expect(differing).toBeLessThanOrEqual(width * height * PIXEL_TOLERANCE);
	});

	it.each(THEMES)('%s SVG is well-formed XML of the asked size', (theme) => {
		const chart = renderChart(fromAnswer(answer), options(kind, theme), 'svg');
		expect(chart.mimeType).toBe('image/svg+xml');
		const svg = new TextDecoder().decode(chart.data);
		expect(XMLValidator.validate(svg)).toBe(true);
		const root = new XMLParser({ ignoreAttributes: false }).parse(svg).svg;
		expect([root['@_width'], root['@_height']]).toEqual([String(WIDTH), String(HEIGHT)]);
		expect(JSON.stringify(root)).toContain('"text"');
		// The PNG's type comes first in the font stack, and each text keeps the width the layout measured.
		expect(root['@_font-family']).toMatch(/^'DejaVu Sans', /);
		expect(svg).not.toMatch(/<text (?![^>]*textLength=)/);
	});
});

describe('chart SVG escaping', () => {
	it('keeps group names with markup and control characters well-formed', () => {
		const answer = { result: [{ name: '<b>&"Q\'s"</b>', result: 3 }, { name: 'bell\u0007 tab\t', result: 4 }] };
		const svg = new TextDecoder().decode(renderChart(fromAnswer(answer), options('bars', 'light'), 'svg').data);
		expect(XMLValidator.validate(svg)).toBe(true);
		expect(svg).toContain('&lt;b&gt;&amp;&quot;Q');
	});
});
