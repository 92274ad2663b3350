/**
 * `npm run bench`: Record Many against the per-item baseline and the raw ceiling (at 100,000 and
 * 1,000,000 items), Record, memory from 10k to 1M items, Simplify, Extract to CSV and one New Event
 * poll (issue 6), the events a New Event poll makes Keen scan (issue 27), and a 10,000-point chart (issue 16).
 * The Keen server and every case run in their own processes (bench/lib/processes.ts), on
 * 127.0.0.1 only. Prints a table and writes bench/results.json.
 *
 * "wall ms" of an engine case is n8n's own executionTime of the node under test; "workflow ms"
 * is the whole harness run around it (manual trigger, the item source's copy of the input).
 *
 * Flags: --quick (10× fewer items and warm-up events, for trying the harness), --only node,raw,…,
 * --repeat N (runs of the ratio cases node/raw/helper/record, node-cold/helper-cold and node-1m/raw-1m/floor-1m, default 3). They run
 * in rounds, one run of each per round, so a drift in the machine's speed hits them alike; the
 * median run is reported, the best run beside it, and node ÷ raw within each round.
 *
 * "helper" is the raw ceiling's loop run inside n8n (lib/helperCeilingNode.ts): node ÷ helper is
 * what the Keen node's own work costs, helper ÷ raw what n8n costs any node. Every throughput case
 * is timed after a warm-up of 20,000 events in small runs (lib/warmUp.ts); node-cold and helper-cold
 * time the first run of a fresh process instead.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadavg } from 'node:os';

import { DEFAULT_BATCH_SIZE, DEFAULT_CONCURRENCY } from '../nodes/Keen/transport/batch';
import { describeMachine } from './lib/machine';
import { BenchServer, ROOT, runCaseProcess } from './lib/processes';
import type { CaseResult } from './lib/protocol';
import { formatInt, table } from './lib/table';

interface CaseSpec {
	id: string;
	file: string;
	env: Record<string, string>;
	/** Runs whose median counts: the cases the throughput ratios are built from. */
	repeated: boolean;
	timeoutMs: number;
}

const MINUTE = 60_000;

function flag(name: string): string | undefined {
	const index = process.argv.indexOf(`--${name}`);
	return index >= 0 ? (process.argv[index + 1] ?? '') : undefined;
}

function cases(quick: boolean): CaseSpec[] {
	const n = (full: number) => String(quick ? full / 10 : full);
	return [
		{ id: 'node', file: 'node', env: { ITEMS: n(100_000) }, repeated: true, timeoutMs: 5 * MINUTE },
		{ id: 'raw', file: 'raw', env: { ITEMS: n(100_000) }, repeated: true, timeoutMs: 2 * MINUTE },
		{ id: 'helper', file: 'helper-ceiling', env: { ITEMS: n(100_000) }, repeated: true, timeoutMs: 5 * MINUTE },
		{ id: 'record', file: 'node', env: { ITEMS: n(100_000), OPERATION: 'record' }, repeated: true, timeoutMs: 5 * MINUTE },
		// The first run of a fresh process, before V8 has optimised anything (lib/warmUp.ts): what a first execution costs.
		{ id: 'node-cold', file: 'node', env: { ITEMS: n(100_000), COLD: '1' }, repeated: true, timeoutMs: 5 * MINUTE },
		{ id: 'helper-cold', file: 'helper-ceiling', env: { ITEMS: n(100_000), COLD: '1' }, repeated: true, timeoutMs: 5 * MINUTE },
		{ id: 'node-1m', file: 'node', env: { ITEMS: n(1_000_000) }, repeated: true, timeoutMs: 20 * MINUTE },
		{ id: 'raw-1m', file: 'raw', env: { ITEMS: n(1_000_000) }, repeated: true, timeoutMs: 10 * MINUTE },
		// n8n's engine floor at 1,000,000: when it is itself below 0.7 × raw, node-1m is judged against it (issue 27).
		{ id: 'floor-1m', file: 'floor', env: { ITEMS: n(1_000_000) }, repeated: true, timeoutMs: 10 * MINUTE },
		{ id: 'node-10k', file: 'node', env: { ITEMS: n(10_000) }, repeated: false, timeoutMs: 2 * MINUTE },
		{ id: 'node-50k', file: 'node', env: { ITEMS: n(50_000) }, repeated: false, timeoutMs: 3 * MINUTE },
		{ id: 'floor', file: 'floor', env: { ITEMS: n(100_000) }, repeated: false, timeoutMs: 3 * MINUTE },
		{ id: 'per-item', file: 'per-item', env: { ITEMS: n(100_000) }, repeated: false, timeoutMs: 10 * MINUTE },
		{ id: 'simplify', file: 'simplify', env: { GROUPS: n(1000) }, repeated: false, timeoutMs: 2 * MINUTE },
		{ id: 'simplify-1m', file: 'simplify', env: { GROUPS: n(10_000) }, repeated: false, timeoutMs: 5 * MINUTE },
		{ id: 'csv', file: 'extract', env: { ITEMS: n(100_000) }, repeated: false, timeoutMs: 3 * MINUTE },
		{ id: 'csv-1m', file: 'extract', env: { ITEMS: n(1_000_000) }, repeated: false, timeoutMs: 15 * MINUTE },
		{ id: 'extract', file: 'extract', env: { ITEMS: n(100_000), OPERATION: 'extract' }, repeated: false, timeoutMs: 3 * MINUTE },
		{ id: 'extract-1m', file: 'extract', env: { ITEMS: n(1_000_000), OPERATION: 'extract' }, repeated: false, timeoutMs: 15 * MINUTE },
		{ id: 'poll', file: 'poll', env: { ITEMS: n(50_000) }, repeated: false, timeoutMs: 3 * MINUTE },
		{ id: 'poll-scan', file: 'poll-scan', env: { EVENTS_PER_DAY: n(1_000_000) }, repeated: false, timeoutMs: 5 * MINUTE },
		{ id: 'chart', file: 'chart', env: {}, repeated: false, timeoutMs: 2 * MINUTE },
	];
}

/** The median run, with the highest peak RSS of all runs and the best items/s (least disturbed by other load) in notes. */
function median(results: CaseResult[]): CaseResult {
	const sorted = [...results].sort((a, b) => a.itemsPerSec - b.itemsPerSec);
	const middle = sorted[Math.floor(sorted.length / 2)];
	return {
		...middle,
		peakRssMB: Math.max(...results.map((result) => result.peakRssMB)),
		notes: {
			...middle.notes,
			runs: results.length,
			...(results.length > 1 ? { bestItemsPerSec: sorted[sorted.length - 1].itemsPerSec, medianRunPeakRssMB: middle.peakRssMB } : {}),
		},
	};
}

/**
 * The peak RSS the scaling table compares: one run's, as the sizes run once have; the highest of
 * three runs (reported elsewhere) rides on GC timing and made a repeated size look worse.
 */
function onePeakRssMB(result: CaseResult): number {
	const value = result.notes?.medianRunPeakRssMB;
	return typeof value === 'number' ? value : result.peakRssMB;
}

function best(result: CaseResult | undefined): CaseResult | undefined {
	const value = result?.notes?.bestItemsPerSec;
	return result && typeof value === 'number' ? { ...result, itemsPerSec: value } : result;
}

/** Memory per item above the process's base (after warm-up, before the input existed). */
function memoryPerItemKB(result: CaseResult | undefined): number | undefined {
	const base = result?.notes?.rssBaseMB;
	if (!result || typeof base !== 'number') return undefined;
	return ((onePeakRssMB(result) - base) * 1024) / result.items;
}

const round2 = (value: number) => Math.round(value * 100) / 100;

/**
 * Record Many at growing item counts: items/s, peak RSS, memory per item above the base, and per
 * item added since the previous size (the heap the base run left free flatters the smallest run).
 */
function scalingRows(runs: Array<CaseResult | undefined>) {
	const measured = runs.filter((result): result is CaseResult => result !== undefined && memoryPerItemKB(result) !== undefined);
	return measured.map((result, i) => {
		const previous = measured[i - 1];
		return {
			items: result.items,
			itemsPerSec: result.itemsPerSec,
			peakRssMB: onePeakRssMB(result),
			memoryPerItemKB: round2(memoryPerItemKB(result)!),
			addedKBPerItem: previous ? round2(((onePeakRssMB(result) - onePeakRssMB(previous)) * 1024) / (result.items - previous.items)) : undefined,
		};
	});
}

function both(median: number | undefined, bestValue: number | undefined): string | undefined {
	return median === undefined ? undefined : `${median}; ${bestValue ?? '–'}`;
}

/** a ÷ b items/s of the runs of the same round, the median of those ratios. */
function pairedRatio(a: CaseResult[] | undefined, b: CaseResult[] | undefined): number | undefined {
	const ratios = (a ?? [])
		.map((run) => {
			const partner = b?.find((other) => other.notes?.round === run.notes?.round);
			return partner ? run.itemsPerSec / partner.itemsPerSec : undefined;
		})
		.filter((value): value is number => value !== undefined)
		.sort((x, y) => x - y);
	return ratios.length ? round2(ratios[Math.floor(ratios.length / 2)]) : undefined;
}

/** An engine case's items per second over its whole workflow run (the floor's own figure is that). */
function workflowRate(result: CaseResult | undefined): CaseResult | undefined {
	const workflowMs = result?.notes?.workflowWallMs;
	return result && typeof workflowMs === 'number' ? { ...result, itemsPerSec: Math.round((result.items / workflowMs) * 1000) } : undefined;
}

/** The median over a case's runs of a figure in their notes (not the median run's own). */
function medianNote(runs: CaseResult[] | undefined, key: string): number | undefined {
	const values = (runs ?? []).map((run) => run.notes?.[key]).filter((value): value is number => typeof value === 'number').sort((a, b) => a - b);
	return values.length ? values[Math.floor(values.length / 2)] : undefined;
}

function ratio(a: CaseResult | undefined, b: CaseResult | undefined): number | undefined {
	return a && b ? Math.round((a.itemsPerSec / b.itemsPerSec) * 100) / 100 : undefined;
}

async function main(): Promise<void> {
	const quick = process.argv.includes('--quick');
	const only = flag('only')?.split(',').filter(Boolean);
	const repeat = Number(flag('repeat') ?? 3);
	if (!Number.isInteger(repeat) || repeat < 1 || repeat > 9) throw new Error('--repeat takes 1 to 9');
	const selected = cases(quick).filter((spec) => !only || only.includes(spec.id));
	if (selected.length === 0) throw new Error(`--only matched no case; cases: ${cases(false).map((spec) => spec.id).join(', ')}`);

	const machine = describeMachine();
	console.log(`Machine: ${machine.cores} × ${machine.cpuModel}, Node ${machine.node}, n8n-core ${machine.n8nCore}, load ${machine.loadAverageAtStart.join(' ')}`);
	if (machine.loadAverageAtStart[0] > machine.cores / 2) console.log('Warning: the machine is busy; figures will be low and noisy.');
	const server = await BenchServer.start();
	const runs: CaseResult[] = [];
	const byCase = new Map<string, CaseResult[]>();
	const failed = new Set<string>();
	const failures: Array<{ id: string; error: string }> = [];
	const runOnce = async (spec: CaseSpec, round?: number) => {
		process.stdout.write(`${spec.id}${round === undefined ? '' : ` (run ${round + 1}/${repeat})`} … `);
		try {
			// A quick run warms up on 10× fewer events too (lib/warmUp.ts).
			const env = quick ? { ...spec.env, WARM_UP_RUNS: '10' } : spec.env;
			const result = { ...(await runCaseProcess(spec.file, server, { env, timeoutMs: spec.timeoutMs })), case: spec.id };
			result.notes = { ...result.notes, loadAverage1m: Math.round(loadavg()[0] * 100) / 100, ...(round === undefined ? {} : { round: round + 1 }) };
			runs.push(result);
			byCase.set(spec.id, [...(byCase.get(spec.id) ?? []), result]);
			console.log(`${formatInt(result.itemsPerSec)} items/s, ${formatInt(result.wallMs)} ms, ${result.peakRssMB} MB`);
		} catch (error) {
			failed.add(spec.id);
			failures.push({ id: spec.id, error: (error as Error).message });
			console.log(`FAILED: ${(error as Error).message.split('\n')[0]}`);
		}
	};
	try {
		// The ratio cases run in rounds, one run of each per round: this machine's speed drifts by
		// tens of percent within minutes (docs/benchmarks.md), and a drift then hits node and raw alike.
		const ratioCases = selected.filter((spec) => spec.repeated);
		for (let round = 0; round < repeat; round++) {
			for (const spec of ratioCases) if (!failed.has(spec.id)) await runOnce(spec, round);
		}
		for (const spec of selected.filter((spec) => !spec.repeated)) await runOnce(spec);
	} finally {
		await server.stop();
	}
	const results = new Map<string, CaseResult>();
	for (const spec of selected) {
		const mine = byCase.get(spec.id);
		if (mine?.length) results.set(spec.id, median(mine));
	}

	const node = results.get('node');
	const scaling = scalingRows(['node-10k', 'node-50k', 'node', 'node-1m'].map((id) => results.get(id)));
	const summary = {
		nodeVsPerItem: ratio(node, results.get('per-item')),
		nodeVsRaw: ratio(node, results.get('raw')),
		/** The same ratios from the best run of each repeated case (per-item runs once). */
		bestNodeVsPerItem: ratio(best(node), results.get('per-item')),
		bestNodeVsRaw: ratio(best(node), best(results.get('raw'))),
		recordVsRecordMany: ratio(results.get('record'), node),
		/** Node ÷ raw within each round (runs minutes apart share the machine's state), median over the rounds. */
		pairedNodeVsRaw: pairedRatio(byCase.get('node'), byCase.get('raw')),
		/** The same at 1,000,000 items (node-1m ÷ raw-1m, medians). */
		nodeVsRaw1M: ratio(results.get('node-1m'), results.get('raw-1m')),
		/** n8n's engine floor at 1,000,000 items (the whole workflow around a node that sends nothing) ÷ raw-1m. */
		floorVsRaw1M: ratio(results.get('floor-1m'), results.get('raw-1m')),
		/** node-1m's whole workflow ÷ that floor's: what the node costs beyond the engine at that size. */
		nodeVsFloor1M: ratio(workflowRate(results.get('node-1m')), results.get('floor-1m')),
		/** What n8n itself costs: the raw ceiling's loop inside n8n (case helper) ÷ the raw ceiling. */
		helperVsRaw: ratio(results.get('helper'), results.get('raw')),
		pairedHelperVsRaw: pairedRatio(byCase.get('helper'), byCase.get('raw')),
		/** What the Keen node's own work costs: Record Many ÷ that n8n ceiling. */
		nodeVsHelper: ratio(node, results.get('helper')),
		pairedNodeVsHelper: pairedRatio(byCase.get('node'), byCase.get('helper')),
		/** The same for the first run of a fresh process, before V8 has optimised the node's code. */
		firstRunNodeVsHelper: ratio(results.get('node-cold'), results.get('helper-cold')),
		pairedFirstRunNodeVsHelper: pairedRatio(byCase.get('node-cold'), byCase.get('helper-cold')),
		/** CPU time of the process while the node under test executes (ms, median over the runs): warmed up and first run. */
		executionCpuMs: Object.fromEntries(
			['node', 'helper', 'node-cold', 'helper-cold'].map((id) => [id, medianNote(byCase.get(id), 'executionCpuMs')]).filter(([, value]) => value !== undefined),
		),
		/** Record Many's first run of a fresh process ÷ its warmed-up runs. */
		firstRunVsWarm: ratio(results.get('node-cold'), node),
		/** Item count → peak RSS above the warmed-up base, per item (KB). */
		memoryPerItemKB: Object.fromEntries(scaling.map((row) => [row.items, row.memoryPerItemKB])),
		scaling,
	};
	const targets = [
		{ target: 'node ≥ 40 × per-item (median; best)', value: both(summary.nodeVsPerItem, summary.bestNodeVsPerItem), pass: summary.nodeVsPerItem === undefined ? undefined : summary.nodeVsPerItem >= 40 },
		{ target: 'node ≥ 0.8 × raw ceiling (median; best)', value: both(summary.nodeVsRaw, summary.bestNodeVsRaw), pass: summary.nodeVsRaw === undefined ? undefined : summary.nodeVsRaw >= 0.8 },
		{ target: 'node ÷ raw, paired within rounds (median)', value: summary.pairedNodeVsRaw },
		{ target: "n8n's own ceiling ÷ raw (median; paired)", value: both(summary.helperVsRaw, summary.pairedHelperVsRaw) },
		{ target: 'node ≥ 0.9 × n8n ceiling (median; paired)', value: both(summary.nodeVsHelper, summary.pairedNodeVsHelper), pass: summary.nodeVsHelper === undefined ? undefined : summary.nodeVsHelper >= 0.9 },
		{ target: 'first run of a fresh process: node ÷ n8n ceiling (median; paired)', value: both(summary.firstRunNodeVsHelper, summary.pairedFirstRunNodeVsHelper) },
		{ target: 'first run of a fresh process ÷ warmed-up run, Record Many', value: summary.firstRunVsWarm },
		{
			target: "CPU while executing, ms (medians): node, n8n ceiling; first runs",
			value: summary.executionCpuMs.node === undefined ? undefined : `${summary.executionCpuMs.node}, ${summary.executionCpuMs.helper ?? '–'}; ${summary.executionCpuMs['node-cold'] ?? '–'}, ${summary.executionCpuMs['helper-cold'] ?? '–'}`,
		},
		{ target: `peak RSS of the ${formatInt(node?.items)}-item node run < 500 MB`, value: node?.peakRssMB, pass: node ? node.peakRssMB < 500 : undefined },
		{
			target: 'node ≥ 0.7 × raw at 1,000,000 items, or ≥ 0.9 × the engine floor when it is below 0.7 × raw (floor ÷ raw; node ÷ floor, workflows)',
			value: summary.nodeVsRaw1M === undefined ? undefined : `${summary.nodeVsRaw1M}; floor ${summary.floorVsRaw1M ?? '–'}; node ÷ floor ${summary.nodeVsFloor1M ?? '–'}`,
			pass:
				summary.nodeVsRaw1M === undefined
					? undefined
					: summary.nodeVsRaw1M >= 0.7 || (summary.floorVsRaw1M !== undefined && summary.floorVsRaw1M < 0.7 && (summary.nodeVsFloor1M ?? 0) >= 0.9),
		},
		{
			target: 'memory per added item not rising with the input',
			value: scaling.map((row) => row.addedKBPerItem ?? row.memoryPerItemKB).join(' → '),
			pass: scaling.length < 3 ? undefined : scaling.slice(2).every((row, i) => row.addedKBPerItem! <= scaling[i + 1].addedKBPerItem! * 1.1),
		},
		{
			target: 'Record batches (requests ≪ items)',
			value: results.get('record')?.requests ?? undefined,
			pass: results.has('record') ? (results.get('record')!.requests ?? Infinity) * 10 < results.get('record')!.items : undefined,
		},
		{
			target: `poll-scan ${results.get('poll-scan')?.target ?? ''}`,
			value: results.has('poll-scan')
				? `sweep ${formatInt(results.get('poll-scan')!.notes?.sweepPollScanned as number)}, steady ${formatInt(results.get('poll-scan')!.notes?.steadyPollScanned as number)} (${String(results.get('poll-scan')!.notes?.steadyVsSweep)}×), hourly-sweep average ${formatInt(results.get('poll-scan')!.notes?.amortisedPerPollScanned as number)}`
				: undefined,
			pass: results.get('poll-scan')?.pass,
		},
		...['simplify', 'simplify-1m', 'csv', 'csv-1m', 'extract', 'extract-1m'].map((id) => ({ target: `${id} ${results.get(id)?.target ?? ''}`, value: results.get(id)?.wallMs, pass: results.get(id)?.pass })),
		{
			target: `chart ${results.get('chart')?.target ?? ''}`,
			value: results.has('chart')
				? `${formatInt(results.get('chart')!.notes?.coldCpuMs as number)} ms CPU (${formatInt(results.get('chart')!.wallMs)} wall), ${formatInt(results.get('chart')!.notes?.pngBytes as number)} bytes`
				: undefined,
			pass: results.get('chart')?.pass,
		},
	];

	console.log(`\nNode defaults: ${DEFAULT_BATCH_SIZE} events/request, ${DEFAULT_CONCURRENCY} requests in flight; ratio cases: median of ${repeat}.\n`);
	console.log(
		table(
			['case', 'items', 'requests', 'wall ms', 'workflow ms', 'items/s', 'best items/s', 'peak RSS MB'],
			[...results.values()].map((result) => [
				result.label,
				formatInt(result.items),
				formatInt(result.requests),
				formatInt(result.wallMs),
				formatInt(result.notes?.workflowWallMs as number | undefined),
				formatInt(result.itemsPerSec),
				formatInt(result.notes?.bestItemsPerSec as number | undefined),
				formatInt(result.peakRssMB),
			]),
		),
	);
	console.log(`\n${table(['target', 'measured', 'met'], targets.map(({ target, value, pass }) => [target, value === undefined ? '–' : String(value), pass === undefined ? '–' : pass ? 'yes' : 'NO']))}`);
	if (scaling.length) {
		console.log('\nRecord Many as the input grows (peak RSS above the warmed-up base, per item; and per item added since the row above):\n');
		console.log(
			table(
				['items', 'items/s', 'peak RSS MB', 'KB per item', 'KB per added item'],
				scaling.map((row) => [formatInt(row.items), formatInt(row.itemsPerSec), formatInt(row.peakRssMB), row.memoryPerItemKB.toFixed(2), row.addedKBPerItem?.toFixed(2) ?? '–']),
			),
		);
	}
	for (const { id, error } of failures) console.log(`\n${id} FAILED: ${error}`);

	const file = join(ROOT, 'bench', 'results.json');
	writeFileSync(
		file,
		`${JSON.stringify({ machine, finishedAt: new Date().toISOString(), quick, repeat, defaults: { batchSize: DEFAULT_BATCH_SIZE, concurrency: DEFAULT_CONCURRENCY }, summary, targets, results: [...results.values()], runs, failures }, null, '\t')}\n`,
	);
	console.log(`\nWrote ${file}`);
	if (failures.length) process.exitCode = 1;
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
