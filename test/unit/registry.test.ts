import { NodeHelpers, type INodeProperties } from 'n8n-workflow';

import { Keen } from '../../nodes/Keen/Keen.node';
import { KeenTrigger } from '../../nodes/KeenTrigger/KeenTrigger.node';
import { OPERATIONS, findOperation, nodeProperties } from '../../nodes/Keen/actions/registry';
import { RESOURCE_DISPLAY_NAMES } from '../../nodes/Keen/actions/resources';
import type { KeenOperation, RawParams } from '../../nodes/Keen/actions/types';
import { inferKeyKind } from '../../nodes/Keen/transport/keyPolicy';

/** Every operation of the node's spec (issue 3), by resource; Chart → Render draws results without Keen (issue 16). */
const EXPECTED: Record<string, string[]> = {
	event: ['record', 'recordMany'],
	collection: ['get', 'getAll', 'getProperty', 'delete', 'deleteEvents', 'deleteProperty'],
	query: [
		'count',
		'countUnique',
		'minimum',
		'maximum',
		'sum',
		'average',
		'median',
		'percentile',
		'selectUnique',
		'standardDeviation',
		'funnel',
		'multiAnalysis',
		'listResources',
	],
	extraction: ['extract', 'extractCsv'],
	savedQuery: ['create', 'get', 'getAll', 'getResult', 'update', 'delete', 'setCaching'],
	cachedDataset: ['create', 'get', 'getAll', 'getResults', 'delete'],
	accessKey: ['create', 'get', 'getAll', 'update', 'revoke', 'unrevoke', 'delete'],
	project: ['create', 'get', 'getAll', 'update'],
	chart: ['render'],
};

/** Every field of the operation holds a plain name, so its path can be built without real input (guards live in `validate`, not in `path`). */
function namedParams(spec: KeenOperation): RawParams {
	return Object.fromEntries(spec.properties.map((property) => [property.name, `x_${property.name}`]));
}

describe('operation registry', () => {
	it('declares the 46 operations of Keen API 3.0 and Chart → Render, each once', () => {
		const actual = Object.fromEntries(
			Object.keys(EXPECTED).map((resource) => [
				resource,
				OPERATIONS.filter((spec) => spec.resource === resource).map((spec) => spec.value).sort(),
			]),
		);
		const expected = Object.fromEntries(Object.entries(EXPECTED).map(([r, ops]) => [r, [...ops].sort()]));
		expect(actual).toEqual(expected);
		expect(OPERATIONS).toHaveLength(47);
		expect(new Set(OPERATIONS.map((s) => `${s.resource}.${s.value}`)).size).toBe(47);
	});

	it('dispatches every pair and nothing else', () => {
		for (const spec of OPERATIONS) expect(findOperation(spec.resource, spec.value)).toBe(spec);
		expect(findOperation('query', 'nope')).toBeUndefined();
		expect(findOperation('toString', 'constructor')).toBeUndefined();
	});

	it('gives every operation a request, a runner or a batch runner, and a key kind', () => {
		for (const spec of OPERATIONS) {
			const ways = [spec.method && spec.path, spec.run, spec.runBatch].filter(Boolean);
			expect({ op: `${spec.resource}.${spec.value}`, ways: ways.length }).toEqual({ op: `${spec.resource}.${spec.value}`, ways: 1 });
			expect(['write', 'read', 'master', 'organization']).toContain(spec.keyKind);
		}
	});

	it('declares the key kind the credential would infer from method and path', () => {
		for (const spec of OPERATIONS.filter((s) => s.method && s.path)) {
			const prefix = spec.scope === 'organization' ? '/3.0/organizations/ORG' : '/3.0/projects/PID';
			const url = `https://api.keen.io${prefix}${spec.path!(namedParams(spec))}`;
			expect({ op: `${spec.resource}.${spec.value}`, kind: inferKeyKind(spec.method!, url) }).toEqual({
				op: `${spec.resource}.${spec.value}`,
				kind: spec.keyKind,
			});
		}
	});

	it('scopes every field to its own resource and operation', () => {
		const properties = nodeProperties();
		const shared = ['resource', 'operation', 'requestOptions', 'toolMaxItems'];
		const fields = properties.filter((p) => !shared.includes(p.name));
		expect(fields.length).toBeGreaterThan(46);
		for (const field of fields) {
			const show = field.displayOptions?.show ?? {};
			expect(show.resource).toHaveLength(1);
			expect(show.operation).toHaveLength(1);
			expect(findOperation(String(show.resource![0]), String(show.operation![0]))).toBeDefined();
		}
	});

	it('shows Request Options for every operation that sends a request, and not for Chart → Render', () => {
		const requestOptions = nodeProperties().find((p) => p.name === 'requestOptions')!;
		for (const spec of OPERATIONS) {
			const shown = NodeHelpers.displayParameter({ resource: spec.resource, operation: spec.value }, requestOptions, null, null);
			expect({ op: `${spec.resource}.${spec.value}`, shown }).toEqual({ op: `${spec.resource}.${spec.value}`, shown: spec.resource !== 'chart' });
		}
	});

	it("labels every Add button of the Keen node and the Keen Trigger in n8n's title case ('Add Option')", () => {
		const placeholders: string[] = [];
		const walk = (properties: readonly INodeProperties[]) => {
			for (const property of properties) {
				if (['collection', 'fixedCollection'].includes(property.type) && property.placeholder) placeholders.push(property.placeholder);
				for (const option of property.options ?? []) if ('displayName' in option) walk([option as INodeProperties]);
				for (const option of property.options ?? []) if ('values' in option) walk(option.values);
			}
		};
		walk(nodeProperties());
		walk(new KeenTrigger().description.properties);
		expect(placeholders.length).toBeGreaterThan(10);
		for (const placeholder of placeholders) expect(placeholder).toMatch(/^Add( [A-Z][\w-]*)+$/);
	});

	it('offers one alphabetised Operation dropdown per resource whose default is one of its options', () => {
		const properties = nodeProperties();
		const resourceField = properties.find((p) => p.name === 'resource')!;
		expect(resourceField.options!.map((o) => (o as { value: string }).value)).toEqual(Object.keys(RESOURCE_DISPLAY_NAMES));
		for (const resource of Object.keys(EXPECTED)) {
			const dropdown = properties.find((p) => p.name === 'operation' && p.displayOptions?.show?.resource?.[0] === resource)!;
			const names = dropdown.options!.map((o) => (o as { name: string }).name);
			expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
			expect(dropdown.options!.map((o) => (o as { value: string }).value)).toContain(dropdown.default);
			for (const option of dropdown.options as Array<{ action?: string }>) expect(option.action).toMatch(/^[A-Z][a-z]/);
		}
	});

	it('words the actions list so it reads in the dropdown order, with the right articles', () => {
		for (const spec of OPERATIONS) {
			const action = spec.action.toLowerCase();
			// The actions panel lists operations alphabetically by name: each action starts with its name's verb.
			expect({ op: spec.name, action }).toEqual({ op: spec.name, action: expect.stringMatching(new RegExp(`^${spec.name.split(' ')[0].toLowerCase()}`)) });
			expect({ op: spec.name, action }).not.toEqual({ op: spec.name, action: expect.stringMatching(/\ba [aeiou]|\ban [^aeiou\s]/) });
		}
		// Query has no shared verb: every action starts with the analysis's own name.
		for (const spec of OPERATIONS.filter((s) => s.resource === 'query')) expect(spec.action.toLowerCase().startsWith(spec.name.toLowerCase())).toBe(true);
		expect(findOperation('accessKey', 'get')!.action).toBe('Get an access key');
	});

	it('is the Keen node description', () => {
		const node = new Keen();
		expect(node.description.properties).toEqual(nodeProperties());
		expect(node.description.usableAsTool).toBe(true);
	});
});
