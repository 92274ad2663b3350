import type { KeenServer } from '../keen-server';

/** The parts of a started Keen test server that credentials are made from. */
export type KeenServerKeys = Pick<
	KeenServer,
	'url' | 'projectId' | 'masterKey' | 'writeKey' | 'readKey' | 'organizationId' | 'organizationKey'
>;

export interface KeenCredentialData {
	baseUrl: string;
	projectId: string;
	masterApiKey: string;
	writeApiKey: string;
	readApiKey: string;
	organizationId: string;
	organizationApiKey: string;
	accessApiKey?: string;
}

/** keenApi credential data pointing at a local Keen server; overrides replace or blank single fields. */
export function keenCredentials(
	server: KeenServerKeys,
	overrides: Partial<KeenCredentialData> = {},
): KeenCredentialData {
	return {
		baseUrl: server.url,
		projectId: server.projectId,
		masterApiKey: server.masterKey,
		writeApiKey: server.writeKey,
		readApiKey: server.readKey,
		organizationId: server.organizationId,
		organizationApiKey: server.organizationKey,
		...overrides,
	};
}
