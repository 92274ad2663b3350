import {
	ICredentialsHelper,
	NodeHelpers,
	type ICredentialDataDecryptedObject,
	type ICredentials,
	type ICredentialType,
	type IDataObject,
	type IHttpRequestOptions,
	type INode,
	type INodeParameters,
	type INodeProperties,
	type IRequestOptionsSimplified,
	type Workflow,
} from 'n8n-workflow';

/**
 * Stand-in for n8n's CLI CredentialsHelper: it serves plaintext credential data and applies the
 * credential type's own `authenticate` exactly as n8n does, so the node's requests carry what
 * a real n8n would send. Nothing is encrypted or stored.
 */
export class TestCredentialsHelper extends ICredentialsHelper {
	constructor(
		private readonly credentialType: ICredentialType,
		private readonly data: IDataObject,
	) {
		super();
	}

	getParentTypes(name: string): string[] {
		return name === this.credentialType.name ? (this.credentialType.extends ?? []) : [];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const options = requestOptions as IHttpRequestOptions;
		const authenticate = typeName === this.credentialType.name ? this.credentialType.authenticate : undefined;
		if (authenticate === undefined) return options;
		if (typeof authenticate === 'function') return await authenticate(credentials, options);
		if (authenticate.type !== 'generic' || !workflow || !node) return options;
		const properties = authenticate.properties as GenericAuthProperties;
		return applyGenericAuthentication(properties, credentials, options, workflow, node);
	}

	async preAuthentication(): Promise<undefined> {
		return undefined;
	}

	async runPreAuthentication(): Promise<undefined> {
		return undefined;
	}

	async getCredentials(): Promise<ICredentials> {
		throw new Error('The test credentials helper only serves decrypted data');
	}

	// Like n8n, fill in property defaults for fields the stored data leaves out (e.g. baseUrl).
	async getDecrypted(
		_additionalData: unknown,
		_nodeCredentials: unknown,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		if (type !== this.credentialType.name) {
			throw new Error(`No test credentials of type "${type}"`);
		}
		const withDefaults = NodeHelpers.getNodeParameters(
			this.credentialType.properties,
			structuredClone(this.data) as INodeParameters,
			true,
			false,
			null,
			null,
		);
		return { ...withDefaults, ...structuredClone(this.data) } as ICredentialDataDecryptedObject;
	}

	async updateCredentials(): Promise<void> {}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties(type: string): INodeProperties[] {
		return type === this.credentialType.name ? this.credentialType.properties : [];
	}
}

type GenericAuthProperties = Record<string, Record<string, string>>;

/**
 * Generic authenticate, as n8n's CLI applies it: every key and value is an expression that
 * only sees `$credentials`, and the result overwrites what the node put in that section.
 */
function applyGenericAuthentication(
	properties: GenericAuthProperties,
	credentials: ICredentialDataDecryptedObject,
	options: IHttpRequestOptions,
	workflow: Workflow,
	node: INode,
): IHttpRequestOptions {
	const resolve = (value: string): unknown =>
		workflow.expression.getSimpleParameterValue(node, value, 'internal', { $credentials: credentials }, undefined, '');
	// headers, qs, body and auth are all plain objects on the request, so treat them alike.
	const result: Record<string, unknown> = { ...options };
	for (const [section, entries] of Object.entries(properties)) {
		const target: IDataObject = { ...(result[section] as IDataObject | undefined) };
		for (const [key, value] of Object.entries(entries)) {
			target[String(resolve(key))] = resolve(value) as IDataObject[string];
		}
		result[section] = target;
	}
	return result as unknown as IHttpRequestOptions;
}
