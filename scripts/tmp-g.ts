import { writeFileSync, mkdirSync } from 'node:fs';
import { fromAnswer, renderChart } from '../nodes/Keen/helpers/chart';
import { CHART_CASES } from '../test/unit/helpers/chart/cases';
mkdirSync('/tmp/cb/out', { recursive: true });
const only = process.argv[2];
for (const { name, answer, kind } of CHART_CASES) {
	if (only && !name.startsWith(only)) continue;
	for (const theme of ['light', 'dark', 'keen'] as const) {
		for (const scale of [1, 2]) {
			const chart = renderChart(fromAnswer(answer), { kind, width: 800, height: 400, theme, title: '', colors: [], scale }, 'png');
			writeFileSync(`/tmp/cb/out/${name}-${theme}-${scale}x.png`, chart.data);
		}
	}
}
