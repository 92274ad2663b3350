/** An error answered in Keen's shape: HTTP status plus `{ message, error_code }` (docs/keen-api.md §2.1). */
export class KeenError extends Error {
	constructor(
		readonly status: number,
		readonly errorCode: string,
		message: string,
	) {
		super(message);
		this.name = 'KeenError';
	}

	toBody(): { message: string; error_code: string } {
		return { message: this.message, error_code: this.errorCode };
	}
}
