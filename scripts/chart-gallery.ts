/**
 * Draws docs/charts/: every chart kind in every theme at 800 × 400, plus the line chart at 2×
 * pixel density, from the fixed results of the golden-image tests. Run after a change to the
 * drawing code:
 *   npx ts-node --transpile-only scripts/chart-gallery.ts
 * (docs/charts/before/ keeps two images of the old pixel font for the CHANGELOG.)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { fromAnswer, renderChart, type ChartOptions } from '../nodes/Keen/helpers/chart';
import { CHART_CASES } from '../test/unit/helpers/chart/cases';

const out = join(__dirname, '..', 'docs', 'charts');
mkdirSync(out, { recursive: true });
const draw = (file: string, answer: (typeof CHART_CASES)[number]['answer'], options: ChartOptions) =>
	writeFileSync(join(out, file), renderChart(fromAnswer(answer), options, 'png').data);
let count = 0;
for (const { name, answer, kind } of CHART_CASES) {
	for (const theme of ['light', 'dark', 'keen'] as const) {
		draw(`${name}-${theme}.png`, answer, { kind, width: 800, height: 400, theme, title: '', colors: [] });
		count++;
	}
}
const line = CHART_CASES.find((c) => c.name === 'multi-line')!;
draw('multi-line-keen@2x.png', line.answer, { kind: line.kind, width: 800, height: 400, theme: 'keen', title: '', colors: [], scale: 2 });
process.stdout.write(`Wrote ${count + 1} images to ${out}\n`);
