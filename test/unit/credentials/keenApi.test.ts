import { KeenApi } from '../../../credentials/KeenApi.credentials';
import { CREDENTIAL_HINT_HEADER } from '../../../nodes/Keen/transport/keyPolicy';

const credentials = {
	baseUrl: 'https://api.keen.io',
	projectId: 'PID',
	masterApiKey: 'MASTER',
	writeApiKey: 'WRITE',
	readApiKey: 'READ',
	accessApiKey: '',
	organizationId: 'ORG',
	organizationApiKey: 'ORGKEY',
};

describe('KeenApi.authenticate', () => {
	const credential = new KeenApi();

	it('uses the hinted key kind and removes the hint from the request', async () => {
		const result = await credential.authenticate(credentials, {
			method: 'GET',
			url: 'https://api.keen.io/3.0/projects/PID/queries/saved/x',
			headers: { [CREDENTIAL_HINT_HEADER]: 'read', Accept: 'application/json' },
		});
		expect(result.headers).toEqual({ Accept: 'application/json', Authorization: 'READ' });
	});

	it('infers the key kind from method and URL without a hint (HTTP Request node)', async () => {
		const write = await credential.authenticate(credentials, {
			method: 'POST',
			baseURL: 'https://api.keen.io',
			url: '/3.0/projects/PID/events/signups',
		});
		const admin = await credential.authenticate(credentials, { method: 'DELETE', url: 'https://api.keen.io/3.0/projects/PID/events/x' });
		expect(write.headers).toEqual({ Authorization: 'WRITE' });
		expect(admin.headers).toEqual({ Authorization: 'MASTER' });
	});

	it('fails without sending when no key can do the request, naming the keys that would', async () => {
		await expect(
			credential.authenticate({ ...credentials, organizationApiKey: '' }, {
				method: 'GET',
				url: 'https://api.keen.io/3.0/organizations/ORG/projects',
			}),
		).rejects.toThrow('needs the Organization API Key');
	});

	it('masks every key field', () => {
		const keyFields = credential.properties.filter((p) => p.name.endsWith('ApiKey'));
		expect(keyFields.map((p) => p.name).sort()).toEqual([
			'accessApiKey',
			'masterApiKey',
			'organizationApiKey',
			'readApiKey',
			'writeApiKey',
		]);
		for (const field of keyFields) expect(field.typeOptions?.password).toBe(true);
	});
});
