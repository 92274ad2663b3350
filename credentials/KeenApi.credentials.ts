import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import {
	CREDENTIAL_HINT_HEADER,
	describeKeysFor,
	inferKeyKind,
	isKeyKind,
	pickKey,
} from '../nodes/Keen/transport/keyPolicy';

function secret(name: string, displayName: string, description: string): INodeProperties {
	return { displayName, name, type: 'string', typeOptions: { password: true }, default: '', description };
}

/** Removes the key-kind hint from the headers (whatever its case) and returns it. */
function takeKeyKindHint(headers: Record<string, unknown>): unknown {
	let hint: unknown;
	for (const name of Object.keys(headers)) {
		if (name.toLowerCase() === CREDENTIAL_HINT_HEADER) {
			hint = headers[name];
			delete headers[name];
		}
	}
	return hint;
}

export class KeenApi implements ICredentialType {
	name = 'keenApi';

	displayName = 'Keen API';

	icon: Icon = { light: 'file:../icons/keen.svg', dark: 'file:../icons/keen.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-keen/n8n-nodes-keen#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'API URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.keen.io',
			description: 'Base URL of the Keen API, without /3.0. Change it only for a Keen-compatible server.',
		},
		{
			displayName: 'Project ID',
			name: 'projectId',
			type: 'string',
			default: '',
			description: 'Found in Keen under Project → Access',
		},
		secret('masterApiKey', 'Master API Key', 'Needed for administration: saved queries, cached datasets, access keys, deletes and project info'),
		secret('writeApiKey', 'Write API Key', 'Used to record events'),
		secret('readApiKey', 'Read API Key', 'Used for queries, extractions, schema and saved-query results'),
		secret('accessApiKey', 'Access API Key', 'A custom access key; used for reads and writes its permissions allow when the read or write key is empty'),
		{
			displayName: 'Organization ID',
			name: 'organizationId',
			type: 'string',
			default: '',
			description: 'Needed only for the Project resource',
		},
		secret('organizationApiKey', 'Organization API Key', 'Needed only for the Project resource'),
	];

	/** Picks, per request, the least-privileged key that can do it (keen-api.md §1.3: raw key in Authorization). */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const headers = { ...(requestOptions.headers ?? {}) } as Record<string, unknown>;
		const hint = takeKeyKindHint(headers);
		const kind = isKeyKind(hint)
			? hint
			: inferKeyKind(requestOptions.method ?? 'GET', `${requestOptions.baseURL ?? ''}${requestOptions.url}`);
		const key = pickKey(kind, credentials);
		if (key === undefined) {
			throw new Error(`This Keen request needs the ${describeKeysFor(kind)}; fill one in in the Keen credential`);
		}
		return { ...requestOptions, headers: { ...headers, Authorization: key } };
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '=/3.0/projects/{{$credentials.projectId}}/events',
			method: 'GET',
		},
	};
}
