/** The case-process side: server info from the orchestrator, control over IPC, timing, the result line. */
import type { CaseResult, ControlCommand, ControlReply, ServerInfo, ServerStats } from './protocol';
import { RESULT_PREFIX } from './protocol';

export function serverInfo(): ServerInfo {
	const raw = process.env.BENCH_SERVER;
	if (!raw) throw new Error('BENCH_SERVER is not set: run cases through bench/run.ts or bench/tune.ts');
	return JSON.parse(raw) as ServerInfo;
}

export function intEnv(name: string, fallback: number): number {
	const raw = process.env[name];
	if (raw === undefined || raw === '') return fallback;
	const value = Number(raw);
	if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer, got "${raw}"`);
	return value;
}

let nextId = 1;
const pending = new Map<number, (reply: ControlReply) => void>();
process.on('message', (reply: ControlReply) => {
	pending.get(reply.id)?.(reply);
	pending.delete(reply.id);
});

/** Sends a command to the Keen server process (relayed by the orchestrator). */
export function control(command: ControlCommand): Promise<ServerStats> {
	const send = process.send?.bind(process);
	if (!send) return Promise.reject(new Error('No IPC channel to the orchestrator'));
	const id = nextId++;
	return new Promise((resolve, reject) => {
		pending.set(id, (reply) => (reply.error || !reply.result ? reject(new Error(reply.error ?? 'empty reply')) : resolve(reply.result)));
		send({ id, command });
	});
}

export function rssMB(): number {
	return process.memoryUsage().rss / 1024 / 1024;
}

/**
 * The monotonic-clock window (µs) of the last timed() call. V8's CPU profiles use the same
 * clock, so bench/profile.ts keeps only the samples of the timed part.
 */
export const timedWindowUs: [number, number] = [0, 0];

/** Wall-clock time (ms since the epoch) at the start of the last primary timed() call, to place n8n's own timestamps on the monotonic clock. */
let timedStartEpochMs = 0;

/**
 * Narrows the measured window to a part n8n timed inside it (the node under test: its task's
 * startTime and executionTime), so a profile leaves out the harness and the engine around it.
 */
export function narrowTimedWindow(startEpochMs: number, durationMs: number): void {
	const start = timedWindowUs[0] + (startEpochMs - timedStartEpochMs) * 1000;
	timedWindowUs[0] = Math.max(timedWindowUs[0], Math.round(start));
	timedWindowUs[1] = Math.min(timedWindowUs[1], Math.round(start + durationMs * 1000));
}

export function cpuMs(usage: NodeJS.CpuUsage): number {
	return (usage.user + usage.system) / 1000;
}

/** Times `fn`, wall clock and this process's CPU; `primary` (default) marks it as the case's measured part for profiles. */
export async function timed<T>(fn: () => Promise<T> | T, primary = true): Promise<{ value: T; wallMs: number; cpuMs: number }> {
	const started = process.hrtime.bigint();
	const startedEpochMs = Date.now();
	const cpuBefore = process.cpuUsage();
	const value = await fn();
	const cpu = cpuMs(process.cpuUsage(cpuBefore));
	const ended = process.hrtime.bigint();
	if (primary) {
		timedWindowUs[0] = Number(started / 1000n);
		timedWindowUs[1] = Number(ended / 1000n);
		timedStartEpochMs = startedEpochMs;
	}
	return { value, wallMs: Number(ended - started) / 1e6, cpuMs: cpu };
}

export type CaseFigures = Omit<CaseResult, 'peakRssMB' | 'itemsPerSec'>;

/** Runs a case body, prints its result line, and ends the process (failures exit 1 with the message). */
export function runCase(body: () => Promise<CaseFigures>, cleanup: () => void | Promise<void> = () => {}): void {
	const finish = async (code: number) => {
		await cleanup();
		process.disconnect?.();
		process.exit(code);
	};
	body()
		.then(async (figures) => {
			const result: CaseResult = {
				...figures,
				itemsPerSec: Math.round(figures.items / (figures.wallMs / 1000)),
				peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
				rssBeforeMB: Math.round(figures.rssBeforeMB),
				wallMs: Math.round(figures.wallMs),
				timedWindowUs,
			};
			process.stdout.write(`${RESULT_PREFIX}${JSON.stringify(result)}\n`, () => void finish(0));
		})
		.catch((error: Error) => {
			console.error(error?.stack ?? String(error));
			void finish(1);
		});
}
