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
	keyKindOfUrl,
	isKeyKind,
	pickKey,
} from '../nodes/Keen/transport/keyPolicy';

function secret(name: string, displayName: string, description: string, hint: string): INodeProperties {
	return { displayName, name, type: 'string', typeOptions: { password: true }, default: '', description, hint };
}

/** True in the Test's expressions when a key that can read is filled in (read, access or master). */
const CAN_READ = '($credentials.readApiKey || $credentials.accessApiKey || $credentials.masterApiKey)';

/**
 * The key the Test checks, in the order it picks one (see `test`): each with the fields that must be
 * empty and the one that must be filled for it to be the one.
 */
const TESTED_KEYS: Array<{ name: string; label: string; empty: string[] }> = [
	{ name: 'readApiKey', label: 'Read API Key', empty: [] },
	{ name: 'accessApiKey', label: 'Access API Key', empty: ['readApiKey'] },
	{ name: 'masterApiKey', label: 'Master API Key', empty: ['readApiKey', 'accessApiKey'] },
	{ name: 'writeApiKey', label: 'Write API Key', empty: ['readApiKey', 'accessApiKey', 'masterApiKey'] },
	{ name: 'organizationApiKey', label: 'Organization API Key', empty: ['readApiKey', 'accessApiKey', 'masterApiKey', 'writeApiKey'] },
];

/**
 * n8n shows a failed Test's rule message as written (one fixed text per status code), so the message
 * cannot name the key. The form does instead: exactly one of these notes is shown, naming the key
 * the Test checks with the keys filled in; the 401 message points to it.
 */
const TESTED_KEY_NOTES: INodeProperties[] = TESTED_KEYS.map(({ name, label, empty }) => ({
	displayName: `The Test checks the ${label}`,
	// Not ending in ApiKey: only key fields do.
	name: `testNote${name.charAt(0).toUpperCase()}${name.slice(1).replace(/ApiKey$/, '')}`,
	type: 'notice',
	default: '',
	displayOptions: {
		...(empty.length ? { show: Object.fromEntries(empty.map((field) => [field, ['']])) } : {}),
		hide: { [name]: [''] },
	},
}));

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

/**
 * Redirects are never followed, so a key cannot reach another host: n8n puts the Authorization
 * header back on a redirect to any origin unless told otherwise (n8n 2.x's
 * `sendCredentialsOnCrossOriginRedirect` defaults to true; older n8n 1.x has no such switch).
 * `disableFollowRedirect` stops n8n's request helper, `followRedirect` / `followAllRedirects` the
 * legacy one the HTTP Request node uses; the 3xx then reaches the caller, and the Keen nodes name
 * its Location. This runs for every request with this credential, its Test included.
 */
const NO_REDIRECTS = {
	disableFollowRedirect: true,
	followRedirect: false,
	followAllRedirects: false,
	sendCredentialsOnCrossOriginRedirect: false,
};

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
			required: true,
			description: 'Found in Keen under Project → Access',
		},
		// Least powerful first, so the key a workflow usually needs is the one pasted first (issue 12).
		secret('writeApiKey', 'Write API Key', 'Used to record events', 'Enough for workflows that only record events'),
		secret('readApiKey', 'Read API Key', 'Used for queries, extractions, schema and saved-query results', 'Enough for queries, extractions and the Keen Trigger'),
		secret(
			'accessApiKey',
			'Access API Key',
			'A custom access key; used for reads and writes its permissions allow when the read or write key is empty',
			'Optional: a scoped key made with Access Key → Create',
		),
		secret(
			'masterApiKey',
			'Master API Key',
			'Needed for administration: saved queries, cached datasets, access keys, deletes and project info',
			'Only for administration and deletes; it can do everything, so leave it empty when you do not need it',
		),
		{
			displayName: 'Organization ID',
			name: 'organizationId',
			type: 'string',
			default: '',
			description: 'Needed only for the Project resource',
		},
		secret('organizationApiKey', 'Organization API Key', 'Needed only for the Project resource', 'Only for the Project resource (organization projects)'),
		...TESTED_KEY_NOTES,
	];

	/** Picks, per request, the least-privileged key that can do it (docs/keen-api.md §1.3: raw key in Authorization). */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const headers = { ...(requestOptions.headers ?? {}) } as Record<string, unknown>;
		const hint = takeKeyKindHint(headers);
		const kind = isKeyKind(hint)
			? hint
			: keyKindOfUrl(requestOptions.method ?? 'GET', `${requestOptions.baseURL ?? ''}${requestOptions.url}`);
		const key = pickKey(kind, credentials);
		if (key === undefined) {
			throw new Error(`This Keen request needs the ${describeKeysFor(kind)}; fill one in in the Keen credential`);
		}
		return { ...requestOptions, ...NO_REDIRECTS, headers: { ...headers, Authorization: key } };
	}

	/**
	 * n8n runs one request for a credential's Test, and a node-level test function could send more
	 * only through the deprecated `helpers.request` with the key set by hand — both refused by n8n's
	 * verification rules. So the Test checks one key with a harmless request of its kind, the one
	 * most workflows use: a key that can read (read, else access, else master) lists the
	 * collections; a write-only credential sends a batch with an empty list of events, which records
	 * nothing (an empty body would not be sent); an
	 * organization-only one lists the organization's projects. Any other key is checked when an
	 * operation first uses it, and a refusal then names that key.
	 */
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: `={{ ${CAN_READ} || $credentials.writeApiKey ? "/3.0/projects/" + encodeURIComponent($credentials.projectId.trim()) + "/events" : "/3.0/organizations/" + encodeURIComponent(String($credentials.organizationId).trim()) + "/projects" }}`,
			method: `={{ !${CAN_READ} && $credentials.writeApiKey ? "POST" : "GET" }}` as IHttpRequestOptions['method'],
			body: `={{ !${CAN_READ} && $credentials.writeApiKey ? { "n8n_credential_test": [] } : undefined }}`,
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message: 'Keen refused the key the Test checked, the one named at the end of this form ("The Test checks the …"). Check that key and the Project ID.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						'Keen accepted the key the Test uses but not for this request: an Access API Key needs the "schema" permission (or fill in the Read API Key).',
				},
			},
			{ type: 'responseCode', properties: { value: 404, message: 'Keen does not know this Project ID (or Organization ID).' } },
			// n8n shows a rule's fixed text, so the Location itself is named only by the Keen nodes.
			...[301, 302, 303, 307, 308].map((value) => ({
				type: 'responseCode' as const,
				properties: {
					value,
					message: `The API URL answered ${value} with a redirect, which is not followed, so no key goes to another host. Put the address it redirects to in API URL (Keen's own is https://api.keen.io); a Keen node's error names that address.`,
				},
			})),
		],
	};
}
