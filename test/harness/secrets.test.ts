import { assertNoSecretLeaked } from './run-node';

describe('assertNoSecretLeaked', () => {
	const credentials = { projectId: 'PROJECT-ID-1', masterApiKey: 'MASTER-SECRET-123', readApiKey: '' };

	it('passes outputs and errors that carry no key', () => {
		expect(() => assertNoSecretLeaked(credentials, [{ json: { projectId: 'PROJECT-ID-1' } }])).not.toThrow();
	});

	it('finds a key anywhere: item values, keys, error descriptions and causes', () => {
		expect(() => assertNoSecretLeaked(credentials, { json: { header: 'Authorization: MASTER-SECRET-123' } })).toThrow(
			'masterApiKey leaked',
		);
		const error = Object.assign(new Error('failed'), { cause: { config: { headers: { Authorization: 'MASTER-SECRET-123' } } } });
		expect(() => assertNoSecretLeaked(credentials, error)).toThrow('masterApiKey leaked');
	});
});
