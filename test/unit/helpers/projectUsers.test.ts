import { usersFromEmails } from '../../../nodes/Keen/helpers/projectUsers';

describe('usersFromEmails', () => {
	it.each([
		['', []],
		['ada@example.com', [{ email: 'ada@example.com' }]],
		[' ada@example.com , grace@example.org,', [{ email: 'ada@example.com' }, { email: 'grace@example.org' }]],
		[['a@b.c'], [{ email: 'a@b.c' }]],
	])('%p → %p', (value, expected) => {
		expect(usersFromEmails(value, 'users')).toEqual(expected);
	});
	it.each([['ada'], ['a@b.c, not an email'], ['@b.c']])('rejects %p naming the field', (value) => {
		expect(() => usersFromEmails(value, 'users')).toThrow(expect.objectContaining({ field: 'users' }));
	});
});
