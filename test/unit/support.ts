import { KeenInputError } from '../../nodes/Keen/helpers/errors';

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
