import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { ROOT } from './support';

/*
 * Issue 23: docs/architecture.md stays true to the tree. Every file or folder it names in backticks
 * (`actions/runOperation.ts`, `nodes/Keen/transport/routes.ts`, …) must exist, so a walk cannot
 * name a file that was renamed or split.
 */
const NAMED = /`((?:nodes|credentials|test|bench|scripts|examples|docs|actions|helpers|transport|methods)\/[^`\s*<]+)`/g;

function namedPaths(): string[] {
	const doc = readFileSync(join(ROOT, 'docs/architecture.md'), 'utf8');
	return [...new Set([...doc.matchAll(NAMED)].map((match) => match[1]))];
}

describe('docs/architecture.md', () => {
	it('names only files and folders that exist', () => {
		const paths = namedPaths();
		expect(paths.length).toBeGreaterThan(30);
		const missing = paths.filter((path) => ![path, `nodes/Keen/${path}`, `nodes/${path}`].some((candidate) => existsSync(join(ROOT, candidate))));
		expect(missing).toEqual([]);
	});
});
