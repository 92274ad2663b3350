import type { IDataObject } from 'n8n-workflow';

import type { KeenOperation } from '../types';
import { keenPath } from '../../helpers/path';
import { ROUTES } from '../../transport/routes';

/** docs/keen-api.md §5.5: a flat object of `<analysis>_url` → path; one item per entry reads better in a workflow. */
export const listResources: KeenOperation = {
	resource: 'query',
	value: 'listResources',
	name: 'List Query Resources',
	action: 'List query resources',
	description: 'List the analysis endpoints the project offers, one item per analysis with its URL path',
	routes: [ROUTES.listQueryResources],
	path: () => keenPath('queries'),
	properties: [],
	toItems: (response) => {
		const entries = typeof response === 'object' && response !== null ? Object.entries(response as IDataObject) : [];
		return entries.map(([name, url]) => ({ analysis: name.replace(/_url$/, ''), url }));
	},
};
