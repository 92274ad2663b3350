/**
 * Summarises a V8 .cpuprofile (from `node --cpu-prof`): self time per function and per
 * package/file, top N, optionally only inside a time window.
 * Run: npx ts-node --transpile-only bench/profile-summary.ts <file.cpuprofile> [N] [fromUs toUs]
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
	id: number;
	callFrame: { functionName: string; url: string; lineNumber: number };
	hitCount?: number;
	children?: number[];
}

interface CpuProfile {
	nodes: ProfileNode[];
	startTime: number;
	endTime: number;
	samples: number[];
	timeDeltas: number[];
}

export interface ProfileLine {
	name: string;
	where: string;
	selfMs: number;
	share: number;
}

/** Where a frame lives: a package name, one of our folders, or a Node internal. */
function origin(url: string): string {
	if (url === '') return '(native / V8)';
	const nodeModules = url.lastIndexOf('node_modules/');
	if (nodeModules >= 0) {
		const rest = url.slice(nodeModules + 'node_modules/'.length).split('/');
		return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
	}
	if (url.startsWith('node:')) return 'node (core)';
	const match = /\/(nodes|credentials|test|bench)\/(.*)$/.exec(url);
	return match ? `${match[1]}/${match[2]}` : url;
}

/** Self time per function and per origin; with `window` (µs, same clock), only the samples inside it. */
/** Rough phases of a node run, by what is on the stack of a sample (first rule that matches). */
const PHASES: Array<[string, (frames: ProfileNode['callFrame'][]) => boolean]> = [
	['idle (waiting for the server)', (frames) => frames[0]?.functionName === '(idle)'],
	['garbage collection', (frames) => frames[0]?.functionName === '(garbage collector)'],
	['n8n: reading parameters per item', (frames) => frames.some((frame) => frame.functionName === 'readParams' || frame.functionName.endsWith('getNodeParameter'))],
	['harness: copying the input items', (frames) => frames.some((frame) => frame.url.includes('/test/harness/'))],
	['HTTP client (n8n helper, axios, sockets)', (frames) => frames.some((frame) => /node_modules\/(axios|follow-redirects|@n8n\/backend-network)|^node:(net|http|_http)/.test(frame.url) || frame.url.includes('/transport/index'))],
	['Keen node: building and validating events', (frames) => frames.some((frame) => frame.url.includes('/nodes/'))],
];

export function summariseProfile(
	file: string,
	top = 15,
	window?: [number, number],
): { totalMs: number; functions: ProfileLine[]; origins: ProfileLine[]; phases: ProfileLine[] } {
	const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
	const byId = new Map(profile.nodes.map((node) => [node.id, node]));
	const parent = new Map<number, number>();
	for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
	const stackOf = (id: number) => {
		const frames: ProfileNode['callFrame'][] = [];
		for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) frames.push(byId.get(at)!.callFrame);
		return frames;
	};
	const selfUs = new Map<number, number>();
	let at = profile.startTime;
	let totalUs = 0;
	profile.samples.forEach((id, i) => {
		const delta = profile.timeDeltas[i] ?? 0;
		at += delta;
		if (window && (at < window[0] || at > window[1])) return;
		totalUs += delta;
		selfUs.set(id, (selfUs.get(id) ?? 0) + delta);
	});
	if (window && totalUs === 0) throw new Error('No samples inside the timed window: the clocks do not match');
	const functions = new Map<string, ProfileLine>();
	const origins = new Map<string, ProfileLine>();
	const phases = new Map<string, ProfileLine>();
	for (const [id, us] of selfUs) {
		const frames = stackOf(id);
		const phase = PHASES.find(([, matches]) => matches(frames))?.[0] ?? 'engine and other';
		const phaseLine = phases.get(phase) ?? { name: phase, where: '', selfMs: 0, share: 0 };
		phaseLine.selfMs += us / 1000;
		phases.set(phase, phaseLine);
		const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
		const name = functionName || '(anonymous)';
		const where = url ? `${origin(url)}:${lineNumber + 1}` : origin(url);
		const key = `${name}@${where}`;
		const line = functions.get(key) ?? { name, where, selfMs: 0, share: 0 };
		line.selfMs += us / 1000;
		functions.set(key, line);
		const group = origin(url);
		const groupLine = origins.get(group) ?? { name: group, where: '', selfMs: 0, share: 0 };
		groupLine.selfMs += us / 1000;
		origins.set(group, groupLine);
	}
	const rank = (lines: Iterable<ProfileLine>) =>
		[...lines]
			.map((line) => ({ ...line, selfMs: Math.round(line.selfMs), share: Math.round((line.selfMs / (totalUs / 1000)) * 1000) / 10 }))
			.sort((a, b) => b.selfMs - a.selfMs)
			.slice(0, top);
	return { totalMs: Math.round(totalUs / 1000), functions: rank(functions.values()), origins: rank(origins.values()), phases: rank(phases.values()) };
}

if (require.main === module) {
	const [file, top, from, to] = process.argv.slice(2);
	if (!file) throw new Error('Usage: profile-summary.ts <file.cpuprofile> [N] [fromUs toUs]');
	const summary = summariseProfile(file, Number(top ?? 15), from && to ? [Number(from), Number(to)] : undefined);
	console.log(`Profile: ${summary.totalMs} ms sampled\n\nBy phase:`);
	for (const line of summary.phases) console.log(`${String(line.selfMs).padStart(7)} ms ${String(line.share).padStart(5)} %  ${line.name}`);
	console.log('\nSelf time by origin:');
	for (const line of summary.origins) console.log(`${String(line.selfMs).padStart(7)} ms ${String(line.share).padStart(5)} %  ${line.name}`);
	console.log('\nTop functions by self time:');
	for (const line of summary.functions) console.log(`${String(line.selfMs).padStart(7)} ms ${String(line.share).padStart(5)} %  ${line.name}  (${line.where})`);
}
