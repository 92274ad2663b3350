import { NodeHelpers, type INodeProperties } from 'n8n-workflow';

import { Keen } from '../../nodes/Keen/Keen.node';
import { KeenTrigger } from '../../nodes/KeenTrigger/KeenTrigger.node';
import { OPERATIONS, findOperation, nodeProperties } from '../../nodes/Keen/actions/registry';
import { RESOURCE_DISPLAY_NAMES } from '../../nodes/Keen/actions/resources';
import type { KeenOperation, RawParams } from '../../nodes/Keen/actions/types';
import { keyKindOfUrl } from '../../nodes/Keen/transport/keyPolicy';
import { matchesRoute, ROUTE_LIST, ROUTES, routeText } from '../../nodes/Keen/transport/routes';

/** The operations that send nothing to Keen (they draw what they receive): the only specs without routes. */
const SENDS_NOTHING = ['chart.render'];

const opName = (spec: KeenOperation) => `${spec.resource}.${spec.value}`;

/** Every field of the operation holds a plain name, so its path can be built without real input (guards live in `validate`, not in `path`). */
function namedParams(spec: KeenOperation): RawParams {
	return Object.fromEntries(spec.properties.map((property) => [property.name, `x_${property.name}`]));
}

describe('operation registry', () => {
	it('declares every operation once, and at least one per resource', () => {
		expect(new Set(OPERATIONS.map(opName)).size).toBe(OPERATIONS.length);
		for (const resource of Object.keys(RESOURCE_DISPLAY_NAMES)) expect(OPERATIONS.some((spec) => spec.resource === resource)).toBe(true);
	});

	it('dispatches every pair and nothing else', () => {
		for (const spec of OPERATIONS) expect(findOperation(spec.resource, spec.value)).toBe(spec);
		expect(findOperation('query', 'nope')).toBeUndefined();
		expect(findOperation('toString', 'constructor')).toBeUndefined();
	});

	it('gives every operation a request, a runner or a batch runner', () => {
		for (const spec of OPERATIONS) {
			const ways = [spec.path, spec.run, spec.runBatch].filter(Boolean);
			expect({ op: opName(spec), ways: ways.length }).toEqual({ op: opName(spec), ways: 1 });
		}
	});

	it('declares the routes of every operation that sends a request, each from the route table', () => {
		for (const spec of OPERATIONS) {
			const declared = { op: opName(spec), routes: spec.routes.length > 0, known: spec.routes.every((route) => ROUTE_LIST.includes(route)) };
			expect(declared).toEqual({ op: opName(spec), routes: !SENDS_NOTHING.includes(opName(spec)), known: true });
		}
	});

	it("builds a simple operation's path as an instance of its route", () => {
		for (const spec of OPERATIONS.filter((s) => s.path)) {
			const [route] = spec.routes;
			expect({ op: opName(spec), matches: matchesRoute(route, route.method, route.scope, spec.path!(namedParams(spec))) }).toEqual({ op: opName(spec), matches: true });
		}
	});

	it('declares the schema route beside every explained result (actions/resultNotes.ts)', () => {
		const explaining = OPERATIONS.filter((spec) => spec.explainsEmptyResult);
		expect(explaining.length).toBeGreaterThan(0);
		for (const spec of explaining) expect({ op: opName(spec), schema: spec.routes.includes(ROUTES.listCollections) }).toEqual({ op: opName(spec), schema: true });
	});

	it('sends the key kind the credential finds for every route an operation uses (no hint header: the HTTP Request node)', () => {
		for (const spec of OPERATIONS) {
			for (const route of spec.routes) {
				const prefix = route.scope === 'organization' ? '/3.0/organizations/ORG' : '/3.0/projects/PID';
				const url = `https://api.keen.io${prefix}${route.template.replace(/\{[^}]+\}/g, 'x_name')}`;
				expect({ op: opName(spec), route: routeText(route), kind: keyKindOfUrl(route.method, url) }).toEqual({ op: opName(spec), route: routeText(route), kind: route.keyKind });
			}
		}
	});

	it('scopes every field to its own resource and operation', () => {
		const properties = nodeProperties();
		const shared = ['toolDescriptionNotice', 'resource', 'operation', 'requestOptions', 'toolMaxItems'];
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
		for (const resource of Object.keys(RESOURCE_DISPLAY_NAMES)) {
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
