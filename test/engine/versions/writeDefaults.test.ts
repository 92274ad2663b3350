import type { INodeParameters } from 'n8n-workflow';

import { keenCredentials, runNode } from '../../harness';
import { byName, useKeenServer } from '../../harness/engine-test-kit';

/*
 * Issue 24, "no click writes sample data": on a new node (version 1.1) the JSON fields of the write
 * operations start empty, and Execute step on an untouched one sends nothing and says what to write.
 */

const server = useKeenServer();

const untouched: Array<{ what: string; parameters: INodeParameters; field: string }> = [
	{ what: 'Record, Event Content: JSON', parameters: { collection: byName('purchases'), eventSource: 'json' }, field: 'Event JSON' },
	{ what: 'Record Many, Event Content: JSON', parameters: { operation: 'recordMany', collection: byName('purchases'), eventSource: 'json' }, field: 'Event JSON' },
	{ what: 'Record Many, Batch JSON', parameters: { operation: 'recordMany', inputMode: 'batchJson' }, field: 'Batch JSON' },
	{ what: 'Saved Query → Create, Query JSON', parameters: { resource: 'savedQuery', operation: 'create', queryName: 'q', definitionMode: 'json' }, field: 'Query JSON' },
	{
		what: 'Cached Dataset → Create, Query JSON',
		parameters: { resource: 'cachedDataset', operation: 'create', datasetName: 'd', indexBy: 'country', definitionMode: 'json' },
		field: 'Query JSON',
	},
];

describe('A new Keen node sends no sample data', () => {
	it.each(untouched)('$what: untouched, it sends nothing and names the field to fill in', async ({ parameters, field }) => {
		const result = await runNode({ credentials: { ...keenCredentials(server()) }, parameters, items: [{ a: 1 }, { a: 2 }] });
		expect(result.status).toBe('error');
		expect(server().requests).toEqual([]);
		const error = result.error as { message: string; description?: string };
		expect(`${error.message} ${error.description ?? ''}`).toContain(`"${field}"`);
		expect(`${error.message} ${error.description ?? ''}`).toMatch(/is empty, so nothing was sent/);
	});
});
