import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { ROOT, shippedSources } from './support';

/*
 * Shipped code cites docs/keen-api.md by section ("docs/keen-api.md §7.2", or "§9.3" alone): every
 * section cited in nodes/ and credentials/ must be a heading there, so no citation points nowhere.
 */

/** "§7.2" for every section cited, with the file citing it; RFC sections are someone else's. */
function citations(): Array<{ file: string; section: string }> {
	return shippedSources().flatMap((file) =>
		readFileSync(join(ROOT, file), 'utf8')
			.split('\n')
			.filter((line) => !/\bRFC \d/.test(line))
			.flatMap((line) => [...line.matchAll(/§(\d+(?:\.\d+)*)/g)].map((match) => ({ file, section: match[1] }))),
	);
}

function headings(): Set<string> {
	const doc = readFileSync(join(ROOT, 'docs/keen-api.md'), 'utf8');
	return new Set([...doc.matchAll(/^#{2,4} (\d+(?:\.\d+)*)\.? /gm)].map((match) => match[1]));
}

describe('docs/keen-api.md', () => {
	it('has a heading for every section that shipped code cites', () => {
		const cited = citations();
		expect(cited.length).toBeGreaterThan(50);
		const known = headings();
		expect(cited.filter(({ section }) => !known.has(section))).toEqual([]);
	});

	it('is cited by its path in the repository, so no shipped comment points outside it', () => {
		const outside = shippedSources().flatMap((file) =>
			readFileSync(join(ROOT, file), 'utf8')
				.split('\n')
				.filter((line) => /keen-api\.md/.test(line) && !/(^|[^\w/.-])docs\/keen-api\.md/.test(line))
				.map((line) => `${file}: ${line.trim()}`),
		);
		expect(outside).toEqual([]);
	});
});
