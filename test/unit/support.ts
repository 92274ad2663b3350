import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { KeenInputError } from '../../nodes/Keen/helpers/errors';

/** The repository's root folder. */
export const ROOT = resolve(__dirname, '../..');

function sourceFiles(dir: string): string[] {
	return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) return sourceFiles(path);
		return entry.name.endsWith('.ts') ? [path] : [];
	});
}

/** The shipped TypeScript files (nodes/ and credentials/), as paths from the repository root. */
export function shippedSources(): string[] {
	return [...sourceFiles('nodes'), ...sourceFiles('credentials')];
}

/** The KeenInputError `run` throws, or undefined when it throws nothing; any other error is rethrown. */
function inputErrorThrownBy(run: () => unknown): KeenInputError | undefined {
	try {
		run();
	} catch (error) {
		if (error instanceof KeenInputError) return error;
		throw error;
	}
	return undefined;
}

/** The KeenInputError `run` throws; not throwing fails the test. */
export function inputErrorOf(run: () => unknown): KeenInputError {
	const error = inputErrorThrownBy(run);
	if (!error) throw new Error('expected a KeenInputError');
	return error;
}

/** The field named by the KeenInputError `run` throws; undefined when it throws nothing. */
export function fieldOf(run: () => unknown): string | undefined {
	return inputErrorThrownBy(run)?.field;
}
