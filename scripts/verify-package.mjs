// Runs the rules of n8n's verification scanner (@n8n/scan-community-package) offline:
// on the sources it would fetch from GitHub and on the tarball `npm pack` produces.
// The scanner's own CLI needs the npm registry's provenance data and GitHub, so this
// calls its exported analyzePackage directly.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { SOURCE_FILE_PATTERNS, analyzePackage } from '@n8n/scan-community-package/scanner/scanner.mjs';

const root = process.cwd();
const work = mkdtempSync(join(tmpdir(), 'n8n-nodes-keen-pack-'));

function report(label, result) {
	console.log(`${result.passed ? 'PASS' : 'FAIL'} ${label}${result.message ? `: ${result.message}` : ''}`);
	if (result.details) console.log(result.details);
	return result.passed;
}

try {
	const [packed] = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', work], { encoding: 'utf8' }));
	execFileSync('tar', ['-xzf', join(work, packed.filename), '-C', work]);
	const files = packed.files.map((file) => file.path);
	const stray = files.filter((path) => !path.startsWith('dist/') && !['package.json', 'README.md', 'LICENSE.md', 'CHANGELOG.md'].includes(path));
	console.log(`packed ${packed.filename}: ${files.length} files, ${packed.size} bytes`);
	const sourceOk = report('scanner rules on the sources', await analyzePackage(root, SOURCE_FILE_PATTERNS));
	const tarballOk = report('scanner rules on the packed package', await analyzePackage(join(work, 'package'), ['**/*.js', 'package.json']));
	const contentsOk = stray.length === 0;
	if (!contentsOk) console.log(`FAIL unexpected files in the package: ${stray.join(', ')}`);
	process.exitCode = sourceOk && tarballOk && contentsOk ? 0 : 1;
} finally {
	rmSync(work, { recursive: true, force: true });
}
