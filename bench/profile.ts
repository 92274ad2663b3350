/**
 * Profiles one bench case (default: the node, 100,000 items) with `node --cpu-prof` and
 * summarises the self time of the measured part only (bench/profile-summary.ts): for an engine
 * case, the node under test's own execution as n8n timed it, without the harness around it.
 * Run: npx ts-node --transpile-only bench/profile.ts [case] [--items N] [--top N]; COLD=1 in the
 * environment profiles the first run of a fresh process (bench/lib/warmUp.ts).
 * The .cpuprofile stays in the printed temp folder (open it in Chrome DevTools for call trees).
 */
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { BenchServer, runCaseProcess } from './lib/processes';
import { summariseProfile } from './profile-summary';

function flag(name: string, fallback: string): string {
	const index = process.argv.indexOf(`--${name}`);
	return index >= 0 ? (process.argv[index + 1] ?? fallback) : fallback;
}

async function main(): Promise<void> {
	const name = process.argv[2] && !process.argv[2].startsWith('--') ? process.argv[2] : 'node';
	const items = flag('items', '100000');
	const top = Number(flag('top', '25'));
	const dir = mkdtempSync(join(tmpdir(), 'keen-bench-profile-'));
	const server = await BenchServer.start();
	let result;
	try {
		result = await runCaseProcess(name, server, { env: { ITEMS: items }, timeoutMs: 10 * 60_000, nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${dir}`] });
	} finally {
		await server.stop();
	}
	const [file] = readdirSync(dir).filter((entry) => entry.endsWith('.cpuprofile'));
	if (!file || !result.timedWindowUs) throw new Error(`No profile written to ${dir}`);
	const summary = summariseProfile(join(dir, file), top, result.timedWindowUs);
	console.log(`${result.label}: ${result.itemsPerSec} items/s under the profiler; ${summary.totalMs} ms sampled in the measured part (${join(dir, file)})\n`);
	console.log(`Measured window: ${result.timedWindowUs.join(' ')} (µs)\n\nBy phase (a sample counts for the first that matches its stack):`);
	for (const line of summary.phases) console.log(`${String(line.selfMs).padStart(7)} ms ${String(line.share).padStart(5)} %  ${line.name}`);
	console.log('\nSelf time by origin:');
	for (const line of summary.origins) console.log(`${String(line.selfMs).padStart(7)} ms ${String(line.share).padStart(5)} %  ${line.name}`);
	console.log('\nTop functions by self time:');
	for (const line of summary.functions) console.log(`${String(line.selfMs).padStart(7)} ms ${String(line.share).padStart(5)} %  ${line.name}  (${line.where})`);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
