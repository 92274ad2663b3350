import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { KeenInputError } from '../helpers/errors';
import { mergeDefinition } from '../helpers/mergeDefinition';
import { afterNameOf, collectPages, resultLimit, takeUpTo } from '../helpers/pagination';
import { keenPath, type KeenPath } from '../helpers/path';
import { limitField, returnAllField } from './common.descriptions';
import type { KeenRoute } from '../transport/routes';
import type { KeenOperation, RawParams, ResourceValue, RunContext } from './types';

/** A Keen resource addressed by name or ID under one path: saved queries, datasets, access keys, projects. */
export interface NamedResource {
	resource: ResourceValue;
	/** Singular noun in UI text, e.g. "saved query". */
	noun: string;
	plural: string;
	/** The resource locator of one resource; its name is the parameter the ID is read from. */
	locator: INodeProperties;
	/** Segments of the collection's path, e.g. `['queries', 'saved']`; one resource is `<basePath>/<id>`. */
	basePath: readonly string[];
	/** What the user enters to pick one: an access key or a project by its ID, the others by name. */
	addressedBy: 'ID' | 'name';
	/** Field of the Delete output that echoes the ID, e.g. `query_name`. */
	idField?: string;
	/** Fields left out of outputs because they hold keys (a project's `apiKeys` may be the credential's own). */
	withheld?: readonly string[];
}

/** A row as output: without the resource's withheld fields. */
export function outputRow(target: NamedResource, row: IDataObject): IDataObject {
	if (!target.withheld?.length) return row;
	const copy = { ...row };
	for (const field of target.withheld) delete copy[field];
	return copy;
}

/** The noun with its indefinite article: "a saved query", "an access key". */
function withArticle(noun: string): string {
	return `${/^[aeiou]/i.test(noun) ? 'an' : 'a'} ${noun}`;
}

/** The resource's ID from the locator; a blank one would turn the path into the list's (and a DELETE into a mistake). */
export function resourceId(target: NamedResource, params: RawParams): string {
	const id = String(params[target.locator.name] ?? '').trim();
	if (id === '') {
		throw new KeenInputError(
			`No ${target.noun} given`,
			target.locator.name,
			`Pick ${withArticle(target.noun)} from the list or enter its ${target.addressedBy}.`,
		);
	}
	return id;
}

/** `/<basePath>/<id>/<suffix>`; `id` comes from `field` (by default the locator), which a refused ID is reported against. */
export function resourcePath(target: NamedResource, id: string, suffix: readonly string[] = [], field = target.locator.name): KeenPath {
	return keenPath(...target.basePath, { value: id, field }, ...suffix);
}

/** The path of the resource's list. */
function listPath(target: NamedResource): KeenPath {
	return keenPath(...target.basePath);
}

/**
 * Fetch, merge, write back: Keen replaces the whole definition on write (docs/keen-api.md §8.1, §10),
 * so the stored one is read first and the changes merged into it (helpers/mergeDefinition.ts).
 */
export async function mergeUpdate(
	ctx: RunContext,
	request: { path: KeenPath; method: 'PUT' | 'POST'; changes: IDataObject; editableFields: readonly string[] },
): Promise<unknown> {
	const stored = (await ctx.request({ method: 'GET', path: request.path })) as IDataObject;
	const body = mergeDefinition(stored ?? {}, request.changes, request.editableFields);
	return await ctx.request({ method: request.method, path: request.path, body });
}

interface SpecText {
	/** The Keen route the operation sends (transport/routes.ts); its key kind is the operation's. */
	route: KeenRoute;
	description: string;
}

/** The spec of an operation on one resource picked with its locator (Get, Delete). */
function byLocator(
	target: NamedResource,
	{ route, description }: SpecText,
	operation: Pick<KeenOperation, 'value' | 'name' | 'toItems'>,
): KeenOperation {
	return {
		resource: target.resource,
		action: `${operation.name} ${withArticle(target.noun)}`,
		description,
		routes: [route],
		properties: [target.locator],
		path: (params) => resourcePath(target, resourceId(target, params)),
		...operation,
	};
}

export function getOperation(target: NamedResource, text: SpecText): KeenOperation {
	return byLocator(target, text, {
		value: 'get',
		name: 'Get',
		toItems: (response) => [outputRow(target, (response ?? {}) as IDataObject)],
	});
}

export function deleteOperation(target: NamedResource, text: SpecText): KeenOperation {
	return byLocator(target, text, {
		value: 'delete',
		name: 'Delete',
		// Keen answers 204 without a body (docs/keen-api.md §2.3).
		toItems: (_response, params) => [
			{ deleted: true, ...(target.idField ? { [target.idField]: resourceId(target, params) } : {}) },
		],
	});
}

/** How a Get Many reads its list: up to `limit` rows (all when undefined). */
export type ListReader = (ctx: RunContext, target: NamedResource, limit: number | undefined) => Promise<IDataObject[]>;

function rowsOf(value: unknown): IDataObject[] {
	return Array.isArray(value) ? (value as IDataObject[]) : [];
}

/** Lists Keen answers as one JSON array (saved queries §8.3, access keys §10, projects §11). */
export const wholeList: ListReader = async (ctx, target, limit) =>
	takeUpTo(rowsOf(await ctx.request({ method: 'GET', path: listPath(target) })), limit);

/** Lists paged with `limit` + `after_name` and a `next_page_url` (cached datasets, docs/keen-api.md §9.4). */
export function afterNamePages(listField: string, maxPageSize: number): ListReader {
	return async (ctx, target, limit) =>
		await collectPages(
			async (afterName, pageSize) => {
				const response = (await ctx.request({
					method: 'GET',
					path: listPath(target),
					qs: { limit: pageSize, ...(afterName ? { after_name: afterName } : {}) },
				})) as IDataObject | null;
				return { rows: rowsOf(response?.[listField]), next: afterNameOf(response?.next_page_url) };
			},
			limit,
			maxPageSize,
		);
}

/**
 * Lists paged with `page` + `per_page` (access keys, docs/keen-api.md §10 [3P], UNCONFIRMED): pages
 * until one comes back short. A server that ignores the parameters answers the same page again;
 * a repeated first row ends the list instead of looping.
 */
export function pageNumberPages(idField: string, maxPageSize: number): ListReader {
	return async (ctx, target, limit) => {
		const seen = new Set<unknown>();
		// Page N starts at (N−1)·per_page, so every page must ask for the size of the first one;
		// a smaller last page would repeat rows of the one before.
		let perPage: number | undefined;
		return await collectPages(
			async (page, pageSize) => {
				perPage ??= pageSize;
				const number = Number(page ?? 1);
				const rows = rowsOf(await ctx.request({ method: 'GET', path: listPath(target), qs: { page: number, per_page: perPage } }));
				if (rows.length && seen.has(rows[0][idField])) return { rows: [] };
				for (const row of rows) seen.add(row[idField]);
				return { rows, next: rows.length === perPage ? String(number + 1) : undefined };
			},
			limit,
			maxPageSize,
		);
	};
}

export function getManyOperation(
	target: NamedResource,
	{ route, description, readList = wholeList }: SpecText & { readList?: ListReader },
): KeenOperation {
	return {
		resource: target.resource,
		value: 'getAll',
		name: 'Get Many',
		action: `Get many ${target.plural}`,
		description,
		routes: [route],
		properties: [returnAllField, limitField],
		run: async (ctx, params) => {
			const rows = await readList(ctx, target, resultLimit(params.returnAll, params.limit));
			return rows.map((row) => ({ json: outputRow(target, row) }));
		},
	};
}
