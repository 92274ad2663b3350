/**
 * Whether a raw node parameter holds an n8n expression anywhere ("=…" strings, possibly nested
 * in collections or resource locators). A parameter without one has the same value for every
 * item, so it needs reading only once per run.
 */
export function holdsExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (Array.isArray(value)) return value.some(holdsExpression);
	if (typeof value === 'object' && value !== null) return Object.values(value).some(holdsExpression);
	return false;
}

/** Freezes a value and everything in it, so one value shared by every item cannot be changed by one of them. */
export function deepFreeze<T>(value: T): T {
	if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
		Object.freeze(value);
		for (const inner of Object.values(value)) deepFreeze(inner);
	}
	return value;
}
