/**
 * Sweeps Record Many's batch size × concurrency through the engine (the node case with
 * BATCH_SIZE / CONCURRENCY set) to choose the defaults. Rounds go over every setting in turn,
 * so a change in machine load affects all settings alike; each setting's median is reported.
 * With --case raw it sweeps the raw ceiling instead (what the wire and server prefer).
 * Run: npx ts-node --transpile-only bench/tune.ts [--case node|raw] [--items 50000] [--repeat 1]
 *      [--sizes 100,250,500,1000,2000] [--concurrency 1,2,4,8]
 */
import { loadavg } from 'node:os';

import { describeMachine } from './lib/machine';
import { BenchServer, runCaseProcess } from './lib/processes';
import type { CaseResult } from './lib/protocol';
import { formatInt, table } from './lib/table';

function flag(name: string, fallback: string): string {
	const index = process.argv.indexOf(`--${name}`);
	return index >= 0 ? (process.argv[index + 1] ?? fallback) : fallback;
}

function list(name: string, fallback: string): number[] {
	const values = flag(name, fallback).split(',').map(Number);
	if (values.some((value) => !Number.isInteger(value) || value < 1)) throw new Error(`--${name} takes positive integers`);
	return values;
}

async function main(): Promise<void> {
	const caseName = flag('case', 'node');
	if (caseName !== 'node' && caseName !== 'raw') throw new Error('--case takes node or raw');
	const items = Number(flag('items', '50000'));
	const repeat = Number(flag('repeat', '1'));
	const sizes = list('sizes', '100,250,500,1000,2000');
	const lanes = list('concurrency', '1,2,4,8');
	const settings = sizes.flatMap((batchSize) => lanes.map((concurrency) => ({ batchSize, concurrency })));
	const machine = describeMachine();
	console.log(`Machine: ${machine.cores} × ${machine.cpuModel}, Node ${machine.node}, load ${machine.loadAverageAtStart.join(' ')}; case ${caseName}, ${items} items, ${repeat} round(s)`);

	const server = await BenchServer.start();
	const runs = new Map<string, CaseResult[]>();
	try {
		for (let round = 0; round < repeat; round++) {
			for (const { batchSize, concurrency } of settings) {
				const key = `${batchSize}×${concurrency}`;
				let result: CaseResult;
				try {
					result = await runCaseProcess(caseName, server, {
						env: { ITEMS: String(items), BATCH_SIZE: String(batchSize), CONCURRENCY: String(concurrency) },
						timeoutMs: 5 * 60_000,
					});
				} catch (error) {
					console.log(`${key.padEnd(10)} FAILED: ${(error as Error).message.split('\n')[0]}`);
					continue;
				}
				result.notes = { ...result.notes, loadAverage1m: Math.round(loadavg()[0] * 100) / 100 };
				runs.set(key, [...(runs.get(key) ?? []), result]);
				console.log(`${key.padEnd(10)} ${formatInt(result.itemsPerSec).padStart(8)} items/s  ${formatInt(result.peakRssMB).padStart(5)} MB  load ${result.notes.loadAverage1m}`);
			}
		}
	} finally {
		await server.stop();
	}

	const rows = settings.map(({ batchSize, concurrency }) => {
		const results = runs.get(`${batchSize}×${concurrency}`) ?? [];
		if (results.length === 0) return { batchSize, concurrency, itemsPerSec: 0, peakRssMB: 0, requests: null };
		const speeds = results.map((result) => result.itemsPerSec).sort((a, b) => a - b);
		return { batchSize, concurrency, itemsPerSec: speeds[Math.floor(speeds.length / 2)], peakRssMB: Math.max(...results.map((result) => result.peakRssMB)), requests: results[0]?.requests ?? null };
	});
	const best = [...rows].sort((a, b) => b.itemsPerSec - a.itemsPerSec)[0];
	console.log(`\n${table(
		['batch size', 'concurrency', 'requests', 'items/s', 'of best', 'peak RSS MB'],
		rows.map((row) => [String(row.batchSize), String(row.concurrency), formatInt(row.requests), formatInt(row.itemsPerSec), `${Math.round((row.itemsPerSec / best.itemsPerSec) * 100)} %`, formatInt(row.peakRssMB)]),
	)}`);
	console.log(`\nFastest: batch size ${best.batchSize}, concurrency ${best.concurrency} (${formatInt(best.itemsPerSec)} items/s).`);
	console.log(JSON.stringify({ machine, case: caseName, items, repeat, rows }));
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
