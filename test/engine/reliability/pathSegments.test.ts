import type { INodeParameters, INodeProperties } from 'n8n-workflow';

import { OPERATIONS } from '../../../nodes/Keen/actions/registry';
import type { KeenOperation } from '../../../nodes/Keen/actions/types';
import { keenCredentials, runNode } from '../../harness';
import { startKeenServer, type KeenServer } from '../../keen-server';

/**
 * Issue 10.1 as an invariant over the registry: for every operation and every name-like field
 * (a resource locator, a field whose options load from Keen, a field named like a name), every
 * hostile value either fails its item with an error naming the field and sends nothing for it, or
 * reaches Keen as exactly the intended path segments. A new operation is covered without anyone
 * adding it here.
 */

/** Values that must never change which endpoint is reached: refused when they would land in a path. */
const REFUSED = ['..', '.', ' .. ', 'a/b', '../victim', 'a\\b', 'a?b=1', 'a#b', 'a\u0000b', 'line\nbreak', '%2e%2e', '%2E', '%2Fetc', '..%2F'];
/** Values that are legal names: sent percent-encoded, read back by Keen as themselves. */
const SENT = ['name with spaces', '50% off', 'a%20b', 'a.b', '..a', 'ünï名', "it's+~(x)"];
const MARKER = 'marker_name';

let server: KeenServer;
beforeAll(async () => {
	server = await startKeenServer({ port: 0 });
	server.ingest('purchases', [{ price: 10, product: { id: 'p1' } }]);
});
afterAll(async () => await server.close());

const rl = (value: string) => ({ __rl: true, mode: 'name', value });

/** Working values for the other fields, so a benign run reaches Keen and shows which paths the field lands in. */
const BASE: INodeParameters = {
	collection: rl('purchases'),
	targetProperty: 'price',
	propertyName: 'price',
	savedQuery: rl('sq1'),
	dataset: rl('ds1'),
	accessKey: rl('key1'),
	projectId: rl('project1'),
	confirmWithoutTyping: true,
	limitTimeframe: true,
	indexBy: 'product.id',
	timeframe: 'this_7_days',
	interval: 'daily',
	newName: 'renamed',
	updateFields: { keyName: 'renamed', projectName: 'renamed' },
	indexValue: 'p1',
	queryName: 'q1',
	datasetName: 'd1',
	displayName: 'D1',
	keyName: 'k1',
	projectName: 'p1',
	fileName: 'events.csv',
	binaryPropertyName: 'data',
	requestOptions: { retryDelay: 1, maxRetries: 0 },
};

function nameLike(property: INodeProperties): boolean {
	return property.type === 'resourceLocator' || Boolean(property.typeOptions?.loadOptionsMethod) || (property.type === 'string' && /Name$|^indexValue$/.test(property.name));
}

const CASES = OPERATIONS.flatMap((spec) => spec.properties.filter(nameLike).map((property) => ({ spec, property })));

function valueFor(property: INodeProperties, value: string) {
	return property.type === 'resourceLocator' ? rl(value) : value;
}

function segments(path: string): string[] {
	return path.split('/').slice(1).map((part) => decodeURIComponent(part));
}

/** Runs the operation once per value (one item each, continue on fail); the paths sent and each item's error. */
async function runWith(spec: KeenOperation, property: INodeProperties, values: string[]) {
	server.clearRequests();
	const result = await runNode({
		credentials: { ...keenCredentials(server) },
		parameters: { ...BASE, resource: spec.resource, operation: spec.value, [property.name]: valueFor(property, '={{ $json.v }}') },
		items: values.map((v) => ({ v })),
		continueOnFail: true,
	});
	const errors = new Map<number, string>();
	for (const item of result.items) {
		const paired = item.pairedItem as { item: number };
		if (typeof item.json.error === 'string') errors.set(paired.item, item.json.error);
	}
	return { paths: server.requests.map((request) => segments(request.path)), errors };
}

const reached: string[] = [];
let ran = 0;

describe.each(CASES.map(({ spec, property }) => [`${spec.resource}.${spec.value}`, property.name, spec, property] as const))(
	'%s, field %s',
	(_op, _field, spec, property) => {
		it('refuses every hostile name or sends exactly the intended segments', async () => {
			ran++;
			const benign = await runWith(spec, property, [MARKER]);
			const inPath = benign.paths.some((path) => path.includes(MARKER));
			if (inPath) reached.push(`${spec.resource}.${spec.value}.${property.name}`);
			const values = [...REFUSED, ...SENT];
			const hostile = await runWith(spec, property, values);

			// Every path sent is a benign path with the marker segment replaced by one of the values, whole.
			const allowed = new Set(
				values.flatMap((value) => benign.paths.map((path) => JSON.stringify(path.map((segment) => (segment === MARKER ? value : segment))))),
			);
			for (const path of hostile.paths) expect({ sent: path, allowed: allowed.has(JSON.stringify(path)) }).toEqual({ sent: path, allowed: true });
			if (!inPath) return;

			for (const value of REFUSED) {
				const index = values.indexOf(value);
				expect({ value, error: hostile.errors.get(index) }).toEqual({ value, error: expect.stringContaining(`(item ${index}, field "${property.displayName}")`) });
				expect(hostile.paths.filter((path) => path.includes(value))).toEqual([]);
			}
			// Legal names arrive as themselves: Keen received the segment exactly as typed.
			for (const value of SENT) expect({ value, onWire: hostile.paths.some((path) => path.includes(value)) }).toEqual({ value, onWire: true });
		});
	},
);

afterAll(() => {
	// The benign set-up must keep reaching Keen, or the invariant above would pass without checking paths.
	if (ran < CASES.length) return; // a filtered run (jest -t)
	expect(reached.sort()).toEqual(
		expect.arrayContaining([
			'collection.get.collection',
			'collection.getProperty.collection',
			'collection.getProperty.propertyName',
			'collection.delete.collection',
			'collection.deleteEvents.collection',
			'collection.deleteProperty.collection',
			'collection.deleteProperty.propertyName',
			'savedQuery.create.queryName',
			'savedQuery.get.savedQuery',
			'savedQuery.getResult.savedQuery',
			'savedQuery.update.savedQuery',
			'savedQuery.delete.savedQuery',
			'savedQuery.setCaching.savedQuery',
			'cachedDataset.create.datasetName',
			'cachedDataset.get.dataset',
			'cachedDataset.getResults.dataset',
			'cachedDataset.delete.dataset',
			'accessKey.get.accessKey',
			'accessKey.update.accessKey',
			'accessKey.revoke.accessKey',
			'accessKey.unrevoke.accessKey',
			'accessKey.delete.accessKey',
			'project.get.projectId',
			'project.update.projectId',
		]),
	);
});
