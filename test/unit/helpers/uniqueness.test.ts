import { KeenInputError } from '../../../nodes/Keen/helpers/errors';
import { autoTokens, fieldToken, hash128, MAX_TOKEN_LENGTH, tokenText } from '../../../nodes/Keen/helpers/uniqueness';

const run0 = { executionId: '1042', workflowId: 'wf1', nodeName: 'Keen', runIndex: 0, executionNonce: 'n1' };
const scope = { ...run0, collection: 'purchases' };
const autoToken = ({ collection, ...run }: typeof scope, item: number, position: number) => tokenText(autoTokens(run)(collection, item, position));

describe('hash128', () => {
	it('is 32 hex characters and deterministic', () => {
		expect(hash128('abc')).toMatch(/^[0-9a-f]{32}$/);
		expect(hash128('abc')).toBe(hash128('abc'));
	});
	it('has no collisions over 200,000 similar inputs', () => {
		const seen = new Set<string>();
		for (let i = 0; i < 200_000; i++) seen.add(hash128(`execution-${i}`));
		expect(seen.size).toBe(200_000);
	});
	it('differs for the empty string and one character', () => expect(hash128('')).not.toBe(hash128('\u0000')));
});

describe('autoTokens', () => {
	const cases: Array<[string, Partial<typeof scope>, number, number, boolean]> = [
		['same item, same execution (a retry)', {}, 3, 0, true],
		['another item', {}, 4, 0, false],
		['another position of the item', {}, 3, 1, false],
		['a new execution', { executionId: '1043' }, 3, 0, false],
		['another workflow', { workflowId: 'wf2' }, 3, 0, false],
		['another node', { nodeName: 'Keen1' }, 3, 0, false],
		['another collection', { collection: 'signups' }, 3, 0, false],
		['another run of the node in this execution (a loop)', { runIndex: 1 }, 3, 0, false],
		['another execution with the same ID', { executionNonce: 'n2' }, 3, 0, false],
	];
	it.each(cases)('%s → same token: %s', (_case, change, item, position, same) => {
		const token = autoToken({ ...scope, ...change }, item, position);
		expect(token === autoToken(scope, 3, 0)).toBe(same);
		expect(token.length).toBeLessThanOrEqual(MAX_TOKEN_LENGTH);
	});
	it('stays within 64 characters for large indices', () => expect(autoToken(scope, 99_999_999, 99_999).length).toBeLessThanOrEqual(64));
	it('gives the same tokens for the same run (Keen de-duplicates a retried request against them)', () => {
		const tokens = autoTokens(run0);
		const token = (collection: string, item: number, position?: number) => tokenText(tokens(collection, item, position));
		expect([token('purchases', 3), token('purchases', 7, 2), token('signups', 0), token('purchases', 3, 0)]).toEqual([
			'bcc757778e2f4aa77b6be49aa0d1253d-3',
			'bcc757778e2f4aa77b6be49aa0d1253d-7-2',
			'9a2aa4bce9fad42a443a2699b60de729-0',
			'bcc757778e2f4aa77b6be49aa0d1253d-3',
		]);
	});
});

describe('fieldToken', () => {
	it.each([
		['an order ID', 'order-17', 0, 1, 'order-17'],
		['a number', 17, 0, 1, '17'],
		['the second event of an item', 'order-17', 1, 3, 'order-17-1'],
	])('%s', (_case, value, position, count, expected) => expect(fieldToken(value, 'options', position, count)).toBe(expected));

	it('hashes values longer than 64 characters, stably', () => {
		const long = 'x'.repeat(100);
		expect(fieldToken(long, 'options')).toMatch(/^[0-9a-f]{32}$/);
		expect(fieldToken(long, 'options')).toBe(fieldToken(long, 'options'));
	});
	it.each([[''], ['  '], [undefined], [null]])('refuses %p', (value) => {
		expect(() => fieldToken(value, 'options')).toThrow(KeenInputError);
	});
});
