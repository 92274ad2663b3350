import { describeKeysFor, keyKindOfUrl, pickKey } from '../../../nodes/Keen/transport/keyPolicy';

const ALL_KEYS = {
	masterApiKey: 'M',
	writeApiKey: 'W',
	readApiKey: 'R',
	accessApiKey: 'A',
	organizationApiKey: 'O',
};

describe('pickKey', () => {
	it.each([
		['write', ALL_KEYS, 'W'],
		['write', { accessApiKey: 'A', masterApiKey: 'M' }, 'A'],
		['write', { masterApiKey: 'M', readApiKey: 'R' }, 'M'],
		['read', ALL_KEYS, 'R'],
		['read', { accessApiKey: ' A ', masterApiKey: 'M' }, 'A'],
		['read', { writeApiKey: 'W', masterApiKey: 'M' }, 'M'],
		['master', ALL_KEYS, 'M'],
		['organization', ALL_KEYS, 'O'],
	] as const)('%s with %j → %s', (kind, keys, expected) => {
		expect(pickKey(kind, keys)).toBe(expected);
	});

	it.each([
		['write', { readApiKey: 'R' }],
		['read', { writeApiKey: 'W', readApiKey: '   ' }],
		['master', { readApiKey: 'R', writeApiKey: 'W', accessApiKey: 'A' }],
		['organization', { masterApiKey: 'M' }],
	] as const)('%s with %j → none', (kind, keys) => {
		expect(pickKey(kind, keys)).toBeUndefined();
	});
});

describe('describeKeysFor', () => {
	it('names the keys that would do, least privileged first', () => {
		expect(describeKeysFor('write')).toBe('Write API Key, Access API Key or Master API Key');
		expect(describeKeysFor('master')).toBe('Master API Key');
	});
});

describe('keyKindOfUrl (docs/keen-api.md §3, read from transport/routes.ts)', () => {
	const P = 'https://api.keen.io/3.0/projects/PID';
	it.each([
		['POST', `${P}/events/purchases`, 'write'],
		['POST', `${P}/events`, 'write'],
		['GET', `${P}/events`, 'read'],
		['GET', `${P}/events/purchases`, 'read'],
		['GET', `${P}/events/purchases/properties/user.id`, 'read'],
		['DELETE', `${P}/events/purchases`, 'master'],
		['DELETE', `${P}/events/purchases/properties/price`, 'master'],
		['POST', `${P}/queries/count`, 'read'],
		['GET', `${P}/queries/count_unique?timeframe=this_7_days`, 'read'],
		['GET', `${P}/queries`, 'read'],
		['GET', `${P}/queries/saved`, 'master'],
		['PUT', `${P}/queries/saved/daily`, 'master'],
		['GET', `${P}/queries/saved/daily`, 'master'],
		['GET', `${P}/queries/saved/daily/result`, 'read'],
		['DELETE', `${P}/queries/saved/daily`, 'master'],
		['GET', `${P}/datasets`, 'read'],
		['GET', `${P}/datasets/ds`, 'read'],
		['GET', `${P}/datasets/ds/results`, 'read'],
		['PUT', `${P}/datasets/ds`, 'master'],
		['DELETE', `${P}/datasets/ds`, 'master'],
		['POST', `${P}/keys`, 'master'],
		['GET', `${P}/keys/ABC`, 'master'],
		['GET', P, 'master'],
		['GET', 'https://api.keen.io/3.0/organizations/ORG/projects', 'organization'],
		['POST', 'http://127.0.0.1:4000/3.0/organizations/ORG/projects/PID', 'organization'],
	] as const)('%s %s → %s', (method, url, expected) => {
		expect(keyKindOfUrl(method, url)).toBe(expected);
	});
});
