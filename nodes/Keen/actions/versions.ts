import type { INodeProperties } from 'n8n-workflow';

/*
 * Node versions, n8n's way (docs/architecture.md "Changing a default"): n8n saves only the values
 * that differ from a field's default, so a new default would silently change every saved workflow
 * that kept the old one. A changed field is declared twice under the same name, each copy shown for
 * its versions through a `@version` display condition; n8n fills in the default of the copy shown
 * for the node's typeVersion, so version 1 nodes keep version 1's defaults.
 */

/** The Keen node's versions; a new node gets the last one. */
export const KEEN_NODE_VERSIONS = [1, 1.1];
export const KEEN_NODE_DEFAULT_VERSION = 1.1;

/** The Keen Trigger's versions. */
export const KEEN_TRIGGER_VERSIONS = [1, 1.1];
export const KEEN_TRIGGER_DEFAULT_VERSION = 1.1;

function shownFor(field: INodeProperties, versions: NonNullable<NonNullable<INodeProperties['displayOptions']>['show']>['@version']): INodeProperties {
	return { ...field, displayOptions: { ...field.displayOptions, show: { ...field.displayOptions?.show, '@version': versions } } };
}

/** `field` as it is until `version`, and with `changes` from `version` on. */
export function changedIn(version: number, field: INodeProperties, changes: Partial<INodeProperties>): INodeProperties[] {
	return [shownFor(field, [{ _cnd: { lt: version } }]), shownFor({ ...field, ...changes }, [{ _cnd: { gte: version } }])];
}

/** Fields only nodes of `version` or later show (hidden ones give their default, so it must keep the old behaviour). */
export function since(version: number, fields: INodeProperties[]): INodeProperties[] {
	return fields.map((field) => shownFor(field, [{ _cnd: { gte: version } }]));
}

/** Fields only nodes before `version` show. */
export function until(version: number, fields: INodeProperties[]): INodeProperties[] {
	return fields.map((field) => shownFor(field, [{ _cnd: { lt: version } }]));
}
