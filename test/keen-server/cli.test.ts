import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';

/* `npm run keen:local` (issue 24): the sample project by default, an empty one with --empty. */

const ROOT = join(__dirname, '..', '..');

interface Started {
	child: ChildProcess;
	info: { url: string; projectId: string; readKey: string };
}

async function start(args: string[]): Promise<Started> {
	const child = spawn(process.execPath, [join(ROOT, 'node_modules/ts-node/dist/bin.js'), '--transpile-only', 'test/keen-server/cli.ts', '--port', '0', ...args], {
		cwd: ROOT,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let out = '';
	const line = new Promise<string>((resolve, reject) => {
		child.stdout!.on('data', (chunk: Buffer) => {
			out += chunk.toString();
			if (out.includes('\n')) resolve(out.slice(0, out.indexOf('\n')));
		});
		child.once('exit', (code) => reject(new Error(`keen:local exited with ${code}`)));
	});
	return { child, info: JSON.parse(await line) };
}

async function collections({ info }: Started): Promise<string[]> {
	const response = await fetch(`${info.url}/3.0/projects/${info.projectId}/events`, { headers: { Authorization: info.readKey } });
	return ((await response.json()) as Array<{ name: string }>).map((entry) => entry.name);
}

async function stop({ child }: Started): Promise<void> {
	const exited = once(child, 'exit');
	child.kill('SIGTERM');
	await exited;
}

describe('npm run keen:local', () => {
	it('serves the sample project as started, and an empty one with --empty', async () => {
		const sample = await start([]);
		try {
			expect((await collections(sample)).length).toBeGreaterThan(0);
		} finally {
			await stop(sample);
		}
		const empty = await start(['--empty']);
		try {
			expect(await collections(empty)).toEqual([]);
		} finally {
			await stop(empty);
		}
	});
});
