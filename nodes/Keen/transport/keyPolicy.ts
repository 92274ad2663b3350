import { findRoute } from './routes';
import type { KeyKind } from './types';

/** The key fields of the keenApi credential. */
export interface KeenKeys {
	masterApiKey?: string;
	writeApiKey?: string;
	readApiKey?: string;
	accessApiKey?: string;
	organizationApiKey?: string;
}

type KeyField = keyof KeenKeys;

/**
 * Keys that can do each kind of work, least privileged first (docs/keen-api.md §1.2, §3).
 * An access key is scoped by its own `permitted` list, so it is tried before the master key.
 */
export const KEY_FIELDS_BY_KIND: Record<KeyKind, readonly KeyField[]> = {
	write: ['writeApiKey', 'accessApiKey', 'masterApiKey'],
	read: ['readApiKey', 'accessApiKey', 'masterApiKey'],
	master: ['masterApiKey'],
	organization: ['organizationApiKey'],
};

export const KEY_FIELD_LABELS: Record<KeyField, string> = {
	masterApiKey: 'Master API Key',
	writeApiKey: 'Write API Key',
	readApiKey: 'Read API Key',
	accessApiKey: 'Access API Key',
	organizationApiKey: 'Organization API Key',
};

/** Every key filled in: the secrets no error or output may show (helpers/redact.ts). */
export function keySecrets(keys: KeenKeys): string[] {
	return (Object.keys(KEY_FIELD_LABELS) as KeyField[]).map((field) => keys[field]).filter((key): key is string => typeof key === 'string' && key !== '');
}

/** Header through which the node tells the credential which kind of key a request needs; never sent to Keen. */
export const CREDENTIAL_HINT_HEADER = 'x-n8n-keen-key-kind';

const KEY_KINDS: readonly KeyKind[] = ['write', 'read', 'master', 'organization'];

export function isKeyKind(value: unknown): value is KeyKind {
	return typeof value === 'string' && (KEY_KINDS as readonly string[]).includes(value);
}

/** The field of the least-privileged key filled in that can do `kind`, or undefined. */
export function pickKeyField(kind: KeyKind, keys: KeenKeys): KeyField | undefined {
	return KEY_FIELDS_BY_KIND[kind].find((field) => {
		const key = keys[field];
		return typeof key === 'string' && key.trim() !== '';
	});
}

/** The least-privileged key filled in that can do `kind`, or undefined. */
export function pickKey(kind: KeyKind, keys: KeenKeys): string | undefined {
	const field = pickKeyField(kind, keys);
	return field === undefined ? undefined : String(keys[field]).trim();
}

/** "Write API Key, Access API Key or Master API Key" — for errors that say which keys would do. */
export function describeKeysFor(kind: KeyKind): string {
	const labels = KEY_FIELDS_BY_KIND[kind].map((field) => KEY_FIELD_LABELS[field]);
	return labels.length === 1 ? labels[0] : `${labels.slice(0, -1).join(', ')} or ${labels[labels.length - 1]}`;
}

/**
 * The kind of key a request needs, from its method and URL alone, so the credential also works
 * from n8n's HTTP Request node, where no hint is given. A route the table does not know gets the
 * most powerful key of its scope: the master key, or the organization key below /organizations/.
 */
export function keyKindOfUrl(method: string, url: string): KeyKind {
	const path = url.replace(/^[a-z]+:\/\/[^/]+/i, '').split('?')[0];
	const organization = /\/organizations\/[^/]*(\/.*)?$/.exec(path);
	if (organization) return findRoute(method, 'organization', organization[1] ?? '')?.keyKind ?? 'organization';
	const project = /\/projects\/[^/]+(\/.*)?$/.exec(path)?.[1] ?? '';
	return findRoute(method, 'project', project)?.keyKind ?? 'master';
}
