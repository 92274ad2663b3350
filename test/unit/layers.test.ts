import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

import { ROOT, shippedSources } from './support';

/*
 * Layers import downward only (docs/architecture.md): node files → actions → helpers / transport →
 * n8n-workflow. A file that imports upward fails here, naming the file and the import.
 */

/** The repository paths a file imports (relative imports only; packages are checked by lint and verify:package). */
function importsOf(file: string): string[] {
	const text = readFileSync(join(ROOT, file), 'utf8');
	const specifiers = [...text.matchAll(/\bfrom\s+'(\.[^']+)'|\bimport\s+'(\.[^']+)'|\bimport\(\s*'(\.[^']+)'\s*\)/g)].map((m) => m[1] ?? m[2] ?? m[3]);
	return specifiers.map((specifier) => relative(ROOT, resolve(ROOT, dirname(file), specifier)));
}

const UPPER = {
	actions: /^nodes\/Keen\/actions\//,
	methods: /^nodes\/Keen\/methods\//,
	nodeFiles: /^nodes\/[^/]+\/[^/]+\.node$/,
	trigger: /^nodes\/KeenTrigger\//,
};

/** For each layer, the layers above it that it must not import. */
const RULES: Array<{ layer: RegExp; name: string; forbidden: RegExp[] }> = [
	{ name: 'transport', layer: /^nodes\/Keen\/transport\//, forbidden: [UPPER.actions, UPPER.methods, UPPER.nodeFiles, UPPER.trigger] },
	{ name: 'helpers', layer: /^nodes\/Keen\/helpers\//, forbidden: [UPPER.actions, UPPER.methods, UPPER.nodeFiles, UPPER.trigger, /^nodes\/Keen\/transport\//] },
	{ name: 'credentials', layer: /^credentials\//, forbidden: [UPPER.actions, UPPER.methods, UPPER.nodeFiles, UPPER.trigger] },
	{ name: 'actions', layer: UPPER.actions, forbidden: [UPPER.methods, UPPER.nodeFiles, UPPER.trigger] },
];

/** Every import that points up a layer, as "file → imported path". */
function upwardImports(files: Array<{ file: string; imports: string[] }>): string[] {
	return files.flatMap(({ file, imports }) => {
		const rule = RULES.find(({ layer }) => layer.test(file));
		if (!rule) return [];
		return imports.filter((target) => rule.forbidden.some((upper) => upper.test(target.replace(/\.ts$/, '')))).map((target) => `${file} → ${target}`);
	});
}

/**
 * The values a description file takes from helpers/ or transport/ that are not constants (UPPER_CASE):
 * a description file holds UI fields, so a function from there means a request builder moved in.
 */
function builderImports(file: string, text: string): string[] {
	return [...text.matchAll(/^import\s+(?!type\b)\{([^}]*)\}\s+from\s+'(\.[^']+)'/gm)]
		.filter(([, , specifier]) => /^nodes\/Keen\/(helpers|transport)\//.test(relative(ROOT, resolve(ROOT, dirname(file), specifier))))
		.flatMap(([, names]) => names.split(',').map((name) => name.trim().split(/\s+/)[0]))
		.filter((name) => name !== '' && name !== 'type' && !/^[A-Z][A-Z0-9_]*$/.test(name))
		.map((name) => `${file} imports ${name}`);
}

describe('layers', () => {
	const files = shippedSources().map((file) => ({ file, imports: importsOf(file) }));

	it('finds the shipped sources and their imports', () => {
		expect(files.length).toBeGreaterThan(50);
		expect(files.find(({ file }) => file === 'nodes/Keen/transport/index.ts')?.imports).toContain('nodes/Keen/transport/types');
	});

	it('no file under transport/, helpers/ or credentials/ imports from actions/, methods/, the trigger or a node file; actions import no node file', () => {
		expect(upwardImports(files)).toEqual([]);
	});

	it('description files take only constants from helpers/ and transport/ (no request builder in a *.descriptions.ts)', () => {
		const descriptionFiles = files.filter(({ file }) => file.endsWith('.descriptions.ts'));
		expect(descriptionFiles.length).toBeGreaterThan(5);
		expect(descriptionFiles.flatMap(({ file }) => builderImports(file, readFileSync(join(ROOT, file), 'utf8')))).toEqual([]);
	});

	it('would fail on a builder in a description file', () => {
		const file = 'nodes/Keen/actions/savedQuery/savedQuery.descriptions.ts';
		const text = "import type { IDataObject, INodeProperties } from 'n8n-workflow';\n\nimport { parseList } from '../../helpers/textInputs';\nimport {\n\tFILTERS_EXAMPLE,\n\toptionalJsonObject,\n\ttype X,\n} from '../../helpers/queryDefinition';\n";
		expect(builderImports(file, text)).toEqual([`${file} imports parseList`, `${file} imports optionalJsonObject`]);
	});

	it.each([
		['nodes/Keen/transport/index.ts', 'nodes/Keen/actions/types'],
		['nodes/Keen/helpers/path.ts', 'nodes/Keen/transport/types'],
		['credentials/KeenApi.credentials.ts', 'nodes/Keen/Keen.node'],
		['nodes/Keen/transport/keyPolicy.ts', 'nodes/Keen/methods/listSearch'],
		['nodes/Keen/actions/registry.ts', 'nodes/KeenTrigger/pollState'],
	])('would fail on an upward import: %s → %s', (file, target) => {
		expect(upwardImports([{ file, imports: [target] }])).toEqual([`${file} → ${target}`]);
	});
});
