import { keenPath, pathName, unsafeSegment } from '../../../nodes/Keen/helpers/path';
import { fieldOf, inputErrorOf } from '../support';

describe('keenPath', () => {
	it.each([
		['', 'it is empty'],
		['.', 'means'],
		['..', 'means'],
		['a/b', '"/"'],
		['a\\b', 'holds "\\"'],
		['a?b', '"?"'],
		['a#b', '"#"'],
		['a\u0001b', 'U+0001'],
		['a\u007fb', 'U+007F'],
		['%2e%2e', 'once decoded'],
		['%2E', 'once decoded'],
		['a%2Fb', 'once decoded'],
		['%5c', 'once decoded'],
	])('refuses %j naming the field', (value, reason) => {
		const error = inputErrorOf(() => keenPath('events', { value, field: 'collection' }));
		expect(error.field).toBe('collection');
		expect(error.message).toContain(reason);
		expect(error.hint).toContain('Nothing was sent');
	});

	it.each([
		['name with spaces', 'name%20with%20spaces'],
		['50% off', '50%25%20off'],
		['a%20b', 'a%2520b'],
		['a.b', 'a.b'],
		['...', '...'],
		['ü', '%C3%BC'],
	])('encodes %j as one segment', (value, encoded) => {
		expect(keenPath('queries', 'saved', { value, field: 'savedQuery' }, 'result')).toBe(`/queries/saved/${encoded}/result`);
		expect(unsafeSegment(value)).toBeUndefined();
	});

	it('refuses a fixed segment that is not a plain word (a programming slip, not user input)', () => {
		expect(() => keenPath('queries/saved')).toThrow('not a plain word');
		expect(keenPath('queries', 'saved')).toBe('/queries/saved');
	});

	it('checks names that become paths later (a saved query renamed to "..")', () => {
		expect(fieldOf(() => pathName('..', 'newName'))).toBe('newName');
		expect(pathName('renamed', 'newName')).toBe('renamed');
	});
});
