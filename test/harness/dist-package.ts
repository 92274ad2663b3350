import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';

import { PackageDirectoryLoader } from 'n8n-core';
import type { ICredentialType, INodeType, INodeTypeDescription, IVersionedNodeType } from 'n8n-workflow';

export const PACKAGE_ROOT = resolve(__dirname, '..', '..');

/** Folders whose TypeScript is compiled into dist/ (package.json's tsconfig "include"). */
const SOURCE_DIRS = ['nodes', 'credentials', 'icons'];

export interface LoadedNodeInfo {
	/** Node type name inside the package, e.g. 'keen' (n8n shows it as `${packageName}.keen`). */
	name: string;
	className: string;
	/** Path relative to the package root, as listed in package.json n8n.nodes. */
	sourcePath: string;
	type: INodeType | IVersionedNodeType;
	/** Description as n8n serves it: codex added, `file:` icons turned into iconUrl, pollTimes injected. */
	description: INodeTypeDescription;
	/** Absolute paths of the icon files that iconUrl points to. */
	iconFiles: string[];
}

export interface LoadedCredentialInfo {
	name: string;
	className: string;
	sourcePath: string;
	type: ICredentialType;
	supportedNodes: string[];
	iconFiles: string[];
}

export interface LoadedDistPackage {
	packageName: string;
	loader: PackageDirectoryLoader;
	nodes: Record<string, LoadedNodeInfo>;
	credentials: Record<string, LoadedCredentialInfo>;
}

interface PackageManifest {
	n8n?: { nodes?: string[]; credentials?: string[] };
}

function readManifest(): PackageManifest {
	return JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as PackageManifest;
}

function newestSourceChange(dir: string): number {
	if (!existsSync(dir)) return 0;
	return readdirSync(dir, { withFileTypes: true }).reduce((newest, entry) => {
		const path = join(dir, entry.name);
		const changed = entry.isDirectory() ? newestSourceChange(path) : statSync(path).mtimeMs;
		return Math.max(newest, changed);
	}, 0);
}

function declaredDistFiles(): string[] {
	const { n8n } = readManifest();
	return [...(n8n?.nodes ?? []), ...(n8n?.credentials ?? [])].map((file) => join(PACKAGE_ROOT, file));
}

/** dist/ needs a build when a file package.json points at is missing or older than the sources. */
export function distIsStale(): boolean {
	const built = declaredDistFiles();
	if (built.length === 0 || built.some((file) => !existsSync(file))) return true;
	const oldestBuild = Math.min(...built.map((file) => statSync(file).mtimeMs));
	const newestSource = Math.max(...SOURCE_DIRS.map((dir) => newestSourceChange(join(PACKAGE_ROOT, dir))));
	return newestSource > oldestBuild;
}

/** Runs the package's own build, so tests load exactly what `npm publish` would ship. */
export function buildPackage(): void {
	try {
		execFileSync('npm', ['run', 'build'], { cwd: PACKAGE_ROOT, stdio: 'pipe', encoding: 'utf8' });
	} catch (error) {
		const { stdout, stderr } = error as { stdout?: string; stderr?: string };
		throw new Error(`npm run build failed:\n${stdout ?? ''}\n${stderr ?? ''}`);
	}
}

function iconFiles(description: Pick<INodeTypeDescription, 'iconUrl'>, packageName: string): string[] {
	const { iconUrl } = description;
	if (!iconUrl) return [];
	const urls = typeof iconUrl === 'string' ? [iconUrl] : [iconUrl.light, iconUrl.dark];
	// n8n serves `icons/<package>/<path>` from <path> inside the package directory.
	const prefix = `icons/${packageName}/`;
	return urls.map((url) => join(PACKAGE_ROOT, url.startsWith(prefix) ? url.slice(prefix.length) : url));
}

/**
 * n8n's loader turns any TypeError thrown by a node's constructor into "Class could not be
 * found"; construct each declared class directly to report the file and the real error.
 */
async function explainLoadFailure(loaderError: Error): Promise<Error> {
	for (const file of declaredDistFiles()) {
		const className = basename(file).split('.')[0];
		try {
			const exported = ((await import(file)) as Record<string, new () => unknown>)[className];
			if (typeof exported !== 'function') return new Error(`${file} does not export class ${className}`);
			new exported();
		} catch (error) {
			return new Error(`Loading ${file} failed: ${(error as Error).stack ?? String(error)}`);
		}
	}
	return loaderError;
}

/**
 * Loads the built package with n8n-core's PackageDirectoryLoader, as n8n does when it installs
 * a community package. Builds first when dist/ is missing or out of date.
 */
export async function loadDistPackage(): Promise<LoadedDistPackage> {
	if (distIsStale()) buildPackage();
	// The loader's own message ("Class could not be found") does not say which file is missing.
	const missing = declaredDistFiles().filter((file) => !existsSync(file));
	if (missing.length > 0) {
		throw new Error(`package.json declares files the build did not produce: ${missing.join(', ')}`);
	}
	const loader = new PackageDirectoryLoader(PACKAGE_ROOT);
	try {
		await loader.loadAll();
	} catch (error) {
		throw await explainLoadFailure(error as Error);
	}

	const nodes: Record<string, LoadedNodeInfo> = {};
	for (const [name, { className, sourcePath }] of Object.entries(loader.known.nodes)) {
		const type = loader.nodeTypes[name].type;
		const description = 'nodeVersions' in type ? type.nodeVersions[type.currentVersion].description : type.description;
		nodes[name] = { name, className, sourcePath, type, description, iconFiles: iconFiles(description, loader.packageName) };
	}
	const credentials: Record<string, LoadedCredentialInfo> = {};
	for (const [name, known] of Object.entries(loader.known.credentials)) {
		const type = loader.credentialTypes[name].type;
		credentials[name] = {
			name,
			className: known.className,
			sourcePath: known.sourcePath,
			type,
			supportedNodes: type.supportedNodes ?? [],
			iconFiles: iconFiles(type, loader.packageName),
		};
	}
	return { packageName: loader.packageName, loader, nodes, credentials };
}
