/** The machine and code the figures were measured on, recorded with them. */
import { execFileSync } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';

import { ROOT } from './processes';

function git(args: string[]): string {
	try {
		return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();
	} catch {
		return 'unknown';
	}
}

function packageVersion(name: string): string {
	return (require(`${name}/package.json`) as { version: string }).version;
}

export interface Machine {
	cores: number;
	cpuModel: string;
	memoryGB: number;
	node: string;
	n8nCore: string;
	n8nWorkflow: string;
	platform: string;
	commit: string;
	/** Whether tracked files differed from the commit (figures then belong to a working tree). */
	dirty: boolean;
	loadAverageAtStart: number[];
}

export function describeMachine(): Machine {
	return {
		cores: cpus().length,
		cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
		memoryGB: Math.round(totalmem() / 1024 ** 3),
		node: process.version,
		n8nCore: packageVersion('n8n-core'),
		n8nWorkflow: packageVersion('n8n-workflow'),
		platform: `${process.platform} ${process.arch}`,
		commit: git(['rev-parse', '--short', 'HEAD']),
		dirty: git(['status', '--porcelain', '--untracked-files=no']) !== '',
		loadAverageAtStart: loadavg().map((value) => Math.round(value * 100) / 100),
	};
}
