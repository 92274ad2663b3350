import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { OPERATIONS } from '../../nodes/Keen/actions/registry';
import { RESOURCE_DISPLAY_NAMES } from '../../nodes/Keen/actions/resources';
import type { KeenOperation } from '../../nodes/Keen/actions/types';
import type { KeyKind } from '../../nodes/Keen/transport/types';

/** README's Key column: the letter of the key an operation's main route needs (transport/routes.ts). */
const LETTER: Record<KeyKind, string> = { write: 'W', read: 'R', master: 'M', organization: 'O' };
const keyLetter = (spec: KeenOperation) => (spec.routes.length ? LETTER[spec.routes[0].keyKind] : 'none');

/** README › Operations: per resource heading ("### Project (organization)" → Project), its table's rows as "Name: Key". */
function readmeOperations(): Record<string, string[]> {
	const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');
	const section = readme.slice(readme.indexOf('\n## Operations\n'), readme.indexOf('\n## ', readme.indexOf('\n## Operations\n') + 1));
	return Object.fromEntries(
		section
			.split('\n### ')
			.slice(1)
			.map((part) => {
				const [heading, ...lines] = part.split('\n');
				const rows = lines
					.filter((line) => line.startsWith('| ') && !line.startsWith('| Operation |'))
					.map((line) => line.split('|').map((cell) => cell.trim()))
					.map((cells) => `${cells[1]}: ${cells[cells.length - 2]}`);
				return [heading.replace(/\s*\(.*$/, ''), rows.sort()];
			}),
	);
}

describe('README › Operations', () => {
	it('lists every operation of the registry under its resource, with the key its main route needs, and nothing else', () => {
		const fromRegistry = Object.fromEntries(
			Object.entries(RESOURCE_DISPLAY_NAMES).map(([resource, heading]) => [
				heading,
				OPERATIONS.filter((spec) => spec.resource === resource)
					.map((spec) => `${spec.name}: ${keyLetter(spec)}`)
					.sort(),
			]),
		);
		expect(readmeOperations()).toEqual(fromRegistry);
	});
});
