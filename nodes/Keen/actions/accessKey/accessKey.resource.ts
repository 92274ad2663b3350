import { accessKeyRlc } from '../common.descriptions';
import type { NamedResource } from '../resourceOperations';

/** Access keys live under /keys and are addressed by the key itself (docs/keen-api.md §10). */
export const ACCESS_KEY: NamedResource = {
	resource: 'accessKey',
	noun: 'access key',
	plural: 'access keys',
	locator: accessKeyRlc,
	basePath: ['keys'],
	addressedBy: 'ID',
};

/** docs/keen-api.md §10 [3P]: `per_page` is at most 200. */
export const ACCESS_KEY_PAGE_SIZE = 200;
