/** The orchestrator side: the Keen server process and one process per case, wired over IPC. */
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

import type { CaseResult, ControlCommand, ControlReply, ControlRequest, ServerInfo, ServerStats } from './protocol';
import { RESULT_PREFIX } from './protocol';

export const ROOT = join(__dirname, '..', '..');
const TS_NODE = ['-r', 'ts-node/register/transpile-only'];
const SERVER_START_TIMEOUT_MS = 60_000;

export class BenchServer {
	private nextId = 1;
	private readonly pending = new Map<number, (reply: ControlReply) => void>();

	private constructor(
		private readonly child: ChildProcess,
		readonly info: ServerInfo,
	) {
		child.on('message', (message: ControlReply) => {
			this.pending.get(message.id)?.(message);
			this.pending.delete(message.id);
		});
	}

	static async start(): Promise<BenchServer> {
		const child = fork(join(ROOT, 'bench', 'server.ts'), [], { cwd: ROOT, execArgv: TS_NODE, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
		const info = await new Promise<ServerInfo>((resolve, reject) => {
			const timer = setTimeout(() => reject(new Error('The bench Keen server did not start in time')), SERVER_START_TIMEOUT_MS);
			child.once('message', (message: { ready?: ServerInfo }) => {
				clearTimeout(timer);
				if (message.ready) resolve(message.ready);
				else reject(new Error('Unexpected first message from the bench Keen server'));
			});
			child.once('exit', (code) => {
				clearTimeout(timer);
				reject(new Error(`The bench Keen server exited with code ${code}`));
			});
		});
		if (!new URL(info.url).hostname.startsWith('127.')) throw new Error(`The bench server must listen on 127.0.0.1, got ${info.url}`);
		return new BenchServer(child, info);
	}

	control(command: ControlCommand): Promise<ControlReply> {
		const id = this.nextId++;
		return new Promise((resolve) => {
			this.pending.set(id, resolve);
			this.child.send({ id, command } satisfies ControlRequest);
		});
	}

	async stats(command: ControlCommand): Promise<ServerStats> {
		const reply = await this.control(command);
		if (!reply.result) throw new Error(reply.error ?? 'empty reply');
		return reply.result;
	}

	async stop(): Promise<void> {
		if (this.child.exitCode !== null) return;
		const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
		this.child.disconnect();
		const timer = setTimeout(() => this.child.kill('SIGKILL'), 5_000);
		await exited;
		clearTimeout(timer);
	}
}

export interface CaseRun {
	env?: Record<string, string>;
	/** Extra node flags for the case process, e.g. --cpu-prof. */
	nodeArgs?: string[];
	timeoutMs: number;
}

/** Runs bench/cases/<name>.ts in its own Node process and returns its result line. */
export async function runCaseProcess(name: string, server: BenchServer, run: CaseRun): Promise<CaseResult> {
	const child = fork(join(ROOT, 'bench', 'cases', `${name}.ts`), [], {
		cwd: ROOT,
		execArgv: [...TS_NODE, ...(run.nodeArgs ?? [])],
		env: { ...process.env, ...run.env, BENCH_SERVER: JSON.stringify(server.info) },
		stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
	});
	child.on('message', (message: ControlRequest) => {
		void server.control(message.command).then((reply) => {
			if (child.connected) child.send({ ...reply, id: message.id });
		});
	});
	let stdout = '';
	child.stdout?.on('data', (chunk: Buffer) => {
		stdout += chunk.toString();
	});
	const code = await new Promise<number | null>((resolve) => {
		const timer = setTimeout(() => {
			console.error(`case ${name}: no result after ${run.timeoutMs / 1000} s, killed`);
			child.kill('SIGKILL');
		}, run.timeoutMs);
		child.once('exit', (exitCode) => {
			clearTimeout(timer);
			resolve(exitCode);
		});
	});
	const line = stdout.split('\n').find((entry) => entry.startsWith(RESULT_PREFIX));
	if (code !== 0 || !line) throw new Error(`case ${name} failed (exit code ${code})${stdout ? `: ${stdout.trim().slice(-500)}` : ''}`);
	return JSON.parse(line.slice(RESULT_PREFIX.length)) as CaseResult;
}
