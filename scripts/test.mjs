#!/usr/bin/env node
/*
 * `npm test`: every jest run in RUNS, one after the other. A failing run does not stop the next one,
 * so a red n8n 2.x run still reports the n8n 1.x run; the exit code is non-zero if any run failed.
 * The closing line "All runs: N passed, M failed" sums every run (.ci/run prints it).
 *
 *   npm test                          every run
 *   npm test -- test/engine/event     the arguments go to every run (a run that matches no test passes)
 *   KEEN_TEST_RUNS="n8n 1.x" npm test  only the runs named (comma-separated)
 *
 * To add a run (another n8n line, another server variant), add an entry: a jest config and the
 * environment it needs.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const RUNS = [
	{ name: 'n8n 2.x', config: 'jest.config.js', env: {} },
	{ name: 'n8n 1.x', config: 'jest.v1.config.js', env: {} },
	// The engine tests of the points where Keen's sources disagree, against the strict local Keen (issue 11).
	{ name: 'strict Keen', config: 'jest.strict.config.js', env: { KEEN_LOCAL_VARIANTS: 'strict' } },
	// Dates written without a UTC offset, on a machine whose zone is not UTC (UTC+05:45; issue 22.7).
	{ name: 'local zone', config: 'jest.zone.config.js', env: { TZ: 'Asia/Kathmandu', KEEN_TEST_ZONE_OFFSET: '345' } },
];

const only = process.env.KEEN_TEST_RUNS?.split(',').map((name) => name.trim());
const runs = only ? RUNS.filter((run) => only.includes(run.name)) : RUNS;
if (runs.length === 0) {
	console.error(`KEEN_TEST_RUNS="${process.env.KEEN_TEST_RUNS}" names no run; the runs are: ${RUNS.map((run) => run.name).join(', ')}`);
	process.exit(2);
}

const jest = join(import.meta.dirname, '..', 'node_modules', 'jest', 'bin', 'jest.js');
const dir = mkdtempSync(join(tmpdir(), 'keen-test-'));
const results = [];
for (const run of runs) {
	console.error(`\n== jest run "${run.name}" (${run.config})\n`);
	const outputFile = join(dir, `${results.length}.json`);
	const child = spawnSync(
		process.execPath,
		[jest, '-c', run.config, '--passWithNoTests', '--json', `--outputFile=${outputFile}`, ...process.argv.slice(2)],
		{ stdio: 'inherit', env: { ...process.env, ...run.env } },
	);
	let passed = 0;
	let failed = 0;
	try {
		const report = JSON.parse(readFileSync(outputFile, 'utf8'));
		passed = report.numPassedTests;
		// A suite that could not run (a compile error, a crash in beforeAll) has no failed test of its own: count it as one.
		failed = report.numFailedTests + report.numRuntimeErrorTestSuites;
	} catch {
		// jest died before writing its report.
	}
	const ok = child.status === 0;
	if (!ok && failed === 0) failed = 1;
	results.push({ ...run, passed, failed, ok });
}
rmSync(dir, { recursive: true, force: true });

console.error('');
for (const run of results) console.error(`jest run "${run.name}": ${run.passed} passed, ${run.failed} failed${run.ok ? '' : ' — FAILED'}`);
const sum = (key) => results.reduce((total, run) => total + run[key], 0);
console.error(`All runs: ${sum('passed')} passed, ${sum('failed')} failed`);
process.exit(results.every((run) => run.ok) ? 0 : 1);
