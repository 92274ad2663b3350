/**
 * Every string reachable from `value`: object keys and values, array entries, and the message,
 * description, stack and cause of errors (which are not enumerable own properties). Used to
 * scan outputs and errors for leaked secrets.
 */
export function collectStrings(value: unknown): string[] {
	const found: string[] = [];
	visit(value, found, new Set<object>());
	return found;
}

function visit(value: unknown, found: string[], seen: Set<object>): void {
	if (typeof value === 'string') {
		found.push(value);
		return;
	}
	if (typeof value !== 'object' || value === null || seen.has(value)) return;
	seen.add(value);
	if (Buffer.isBuffer(value)) {
		found.push(value.toString('utf8'));
		return;
	}
	for (const key of ownKeys(value)) {
		found.push(key);
		visit((value as Record<string, unknown>)[key], found, seen);
	}
}

// Error fields such as message and stack are own but non-enumerable, so Object.keys would miss them.
function ownKeys(value: object): string[] {
	const keys = new Set(Object.getOwnPropertyNames(value));
	if (value instanceof Error) {
		for (const key of ['message', 'stack', 'cause', 'description']) keys.add(key);
	}
	if (Array.isArray(value)) keys.delete('length');
	return [...keys].filter((key) => key in value);
}
