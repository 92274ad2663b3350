import { writeFileSync } from 'node:fs';
import { fromAnswer, renderChart } from '../nodes/Keen/helpers/chart';
const names = ['Côte d\'Ivoire', 'Łódź Voivodeship', 'Straße der Pariser Kommune', 'United States of America', 'Japan', 'Brazil', 'São Tomé and Príncipe'];
for (const n of [3, 30, 300]) {
	const answer = { query: { analysis_type: 'count', group_by: ['country'], timeframe: 'this_30_days' }, result: Array.from({ length: n }, (_, i) => ({ country: `${names[i % names.length]}${n > 7 ? ' ' + i : ''}`, result: 1000 + ((i * 7919) % 5000) })) };
	writeFileSync(`/tmp/cb/out/n${n}.png`, renderChart(fromAnswer(answer), { kind: 'auto', width: 800, height: 400, theme: 'light', title: 'Visitors by country of the whole world this month, the countries with the longest names first, as the marketing team asked', colors: [], scale: 1 }, 'png').data);
}
const rows = { query: { analysis_type: 'count', group_by: ['country'], timeframe: 'this_30_days' }, result: Array.from({ length: 60 }, (_, i) => ({ country: `${names[i % names.length]} ${i}`, result: 1000 + ((i * 7919) % 5000) })) };
writeFileSync(`/tmp/cb/out/table60.png`, renderChart(fromAnswer(rows), { kind: 'table', width: 800, height: 400, theme: 'light', title: '', colors: [], locale: 'de-DE' }, 'png').data);
