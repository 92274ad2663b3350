/**
 * Bad input found by a pure helper. The runner turns it into a NodeOperationError that names
 * the item and the field; `hint` says how to fix it.
 */
export class KeenInputError extends Error {
	constructor(
		message: string,
		readonly field: string,
		readonly hint?: string,
	) {
		super(message);
		this.name = 'KeenInputError';
	}
}
