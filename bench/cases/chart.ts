/**
 * Chart → Render's drawing of a 10,000-point line chart (an hourly count over 10,000 hours) at
 * 800 × 400 as PNG: Keen's answer → chart data → shapes → pixels → PNG. Targets (issue 16):
 * < 300 ms and a PNG < 200 KB. The first render of the process (cold: code not yet optimised, as
 * on a workflow's first run) is the figure. The render is synchronous and single-threaded, so its
 * CPU time (user + system) is its wall time on an idle core; the target is checked on CPU time,
 * because on a shared machine the wall time measures the other processes too. Wall times of the
 * cold and of five warm renders are in the notes.
 */
import { PNG } from 'pngjs';

import { DEFAULT_COLORS, fromAnswer, renderChart, type ChartOptions } from '../../nodes/Keen/helpers/chart';
import { manyPoints } from '../../test/unit/helpers/chart/fixtures';
import { intEnv, rssMB, runCase, timed } from '../lib/case';

const OPTIONS: ChartOptions = { kind: 'line', width: 800, height: 400, theme: 'light', title: '', colors: DEFAULT_COLORS };

runCase(async () => {
	const points = intEnv('POINTS', 10_000);
	const answer = manyPoints(points);
	const render = () => renderChart(fromAnswer(answer), OPTIONS, 'png');
	const rssBeforeMB = rssMB();
	const cpuBefore = process.cpuUsage();
	const { value: chart, wallMs } = await timed(render);
	const cpu = process.cpuUsage(cpuBefore);
	const coldCpuMs = (cpu.user + cpu.system) / 1000;
	const warm: number[] = [];
	for (let run = 0; run < 5; run++) warm.push((await timed(render, false)).wallMs);
	warm.sort((a, b) => a - b);
	const image = PNG.sync.read(Buffer.from(chart.data));
	if (image.width !== 800 || image.height !== 400) throw new Error(`PNG is ${image.width} × ${image.height}, expected 800 × 400`);
	const bytes = chart.data.length;
	return {
		case: 'chart',
		label: `Chart: ${points.toLocaleString('en')}-point line, 800 × 400 PNG (first render; wall ms)`,
		items: points,
		requests: null,
		wallMs,
		rssBeforeMB,
		target: '< 300 ms (CPU), PNG < 200 KB',
		pass: coldCpuMs < 300 && bytes < 200 * 1024,
		notes: { pngBytes: bytes, coldCpuMs: Math.round(coldCpuMs), warmMedianMs: Math.round(warm[2]), warmBestMs: Math.round(warm[0]) },
	};
});
