import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';

import type { KeenPath } from '../helpers/path';

/** Which of Keen's keys an operation needs; the credential picks the least-privileged one filled in. */
export type KeyKind = 'write' | 'read' | 'master' | 'organization';

/** Project endpoints live under /3.0/projects/{projectId}, organization ones under /3.0/organizations/{organizationId}. */
export type KeenScope = 'project' | 'organization';

/** One request to Keen. `path` is relative to the scope prefix, e.g. `/events/purchases`, built by `keenPath`. */
export interface KeenRequest {
	method: IHttpRequestMethods;
	path: KeenPath;
	keyKind: KeyKind;
	scope?: KeenScope;
	qs?: IDataObject;
	/** A JSON value, or JSON the caller serialised already as a string or Buffer (sent unchanged). */
	body?: unknown;
	/** Name of the operation, used in errors ("Query → Count needs the read key …"). */
	operationName?: string;
	/** Return the raw body as a string (CSV extraction). */
	textResponse?: boolean;
}
