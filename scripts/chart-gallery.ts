/**
 * Draws docs/charts/: every chart kind, light and dark, at 800 × 400, from the fixed results of
 * the golden-image tests. Run after a change to the drawing code:
 *   npx ts-node --transpile-only scripts/chart-gallery.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { DEFAULT_COLORS, fromAnswer, renderChart } from '../nodes/Keen/helpers/chart';
import { CHART_CASES } from '../test/unit/helpers/chart/cases';

const out = join(__dirname, '..', 'docs', 'charts');
mkdirSync(out, { recursive: true });
for (const { name, answer, kind } of CHART_CASES) {
	for (const theme of ['light', 'dark'] as const) {
		const chart = renderChart(fromAnswer(answer), { kind, width: 800, height: 400, theme, title: '', colors: DEFAULT_COLORS }, 'png');
		writeFileSync(join(out, `${name}-${theme}.png`), chart.data);
	}
}
process.stdout.write(`Wrote ${CHART_CASES.length * 2} images to ${out}\n`);
