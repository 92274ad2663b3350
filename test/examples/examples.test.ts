import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { commonPollingParameters } from 'n8n-core/dist/nodes-loader/constants';
import {
	NodeHelpers,
	type INode,
	type INodeProperties,
	type INodePropertyCollection,
	type INodeTypeDescription,
	type NodeParameterValueType,
} from 'n8n-workflow';

import { KEEN_NODE_TYPE, KEEN_TOOL_TYPE, KEEN_TRIGGER_TYPE, loadExamples, type ExampleWorkflow } from '../../examples/workflows';
import { keenToolDescription } from '../harness/run-tool';
import { findOperation } from '../../nodes/Keen/actions/registry';
import { Keen } from '../../nodes/Keen/Keen.node';
import { KeenTrigger } from '../../nodes/KeenTrigger/KeenTrigger.node';

/*
 * The examples are imported into n8n as they are, so every parameter they set must be one the
 * node shows for that resource/operation/event, with a value the field accepts. A renamed field
 * or option fails here instead of silently vanishing from an imported workflow.
 */

/** The n8n nodes the examples may use besides ours (from n8n-nodes-base and n8n's AI nodes, present in every n8n). */
const BASE_NODE_TYPES = [
	'n8n-nodes-base.code',
	'n8n-nodes-base.manualTrigger',
	'n8n-nodes-base.scheduleTrigger',
	'n8n-nodes-base.stickyNote',
	'n8n-nodes-base.webhook',
	'@n8n/n8n-nodes-langchain.agent',
	'@n8n/n8n-nodes-langchain.lmChatOpenAi',
	'@n8n/n8n-nodes-langchain.mcpTrigger',
	'n8n-nodes-base.slack',
	'n8n-nodes-base.emailSend',
];

/** Descriptions as n8n loads them: polling nodes get n8n's Poll Times field (n8n-core's DirectoryLoader). */
function loadedDescription(description: INodeTypeDescription): INodeTypeDescription {
	const properties = description.polling ? [...commonPollingParameters, ...description.properties] : description.properties;
	return { ...description, properties };
}

const DESCRIPTIONS: Record<string, INodeTypeDescription> = {
	[KEEN_NODE_TYPE]: loadedDescription(new Keen().description),
	[KEEN_TOOL_TYPE]: keenToolDescription(new Keen().description),
	[KEEN_TRIGGER_TYPE]: loadedDescription(new KeenTrigger().description),
};
const KEEN_TYPES = [KEEN_NODE_TYPE, KEEN_TOOL_TYPE];

const isExpression = (value: unknown) => typeof value === 'string' && value.startsWith('=');

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optionValues(property: INodeProperties): unknown[] {
	return (property.options ?? []).map((option) => (option as { value: unknown }).value);
}

/** Problems of one value against its field: unknown options, unknown collection keys, malformed locators. */
function valueProblems(property: INodeProperties, value: unknown, path: string): string[] {
	if (isExpression(value)) return [];
	const dynamic = property.typeOptions?.loadOptionsMethod !== undefined;
	switch (property.type) {
		case 'options':
			return dynamic || optionValues(property).includes(value) ? [] : [`${path}: ${JSON.stringify(value)} is not an option`];
		case 'multiOptions':
			if (!Array.isArray(value)) return [`${path}: expected a list`];
			return dynamic ? [] : value.filter((v) => !optionValues(property).includes(v)).map((v) => `${path}: ${JSON.stringify(v)} is not an option`);
		case 'resourceLocator': {
			const modes = (property.modes ?? []).map((mode) => mode.name);
			if (!isObject(value) || value.__rl !== true || !modes.includes(String(value.mode))) return [`${path}: not a resource locator with a mode of ${modes.join('/')}`];
			return String(value.value ?? '').trim() === '' ? [`${path}: empty`] : [];
		}
		case 'collection': {
			if (!isObject(value)) return [`${path}: expected an object`];
			const fields = (property.options ?? []) as INodeProperties[];
			return Object.entries(value).flatMap(([key, inner]) => {
				const field = fields.find((candidate) => candidate.name === key);
				return field ? valueProblems(field, inner, `${path}.${key}`) : [`${path}.${key}: no such option`];
			});
		}
		case 'fixedCollection': {
			if (!isObject(value)) return [`${path}: expected an object`];
			const groups = (property.options ?? []) as INodePropertyCollection[];
			return Object.entries(value).flatMap(([key, entries]) => {
				const group = groups.find((candidate) => candidate.name === key);
				if (!group) return [`${path}.${key}: no such group`];
				const list = Array.isArray(entries) ? entries : [entries];
				return list.flatMap((entry, index) =>
					isObject(entry)
						? Object.entries(entry).flatMap(([name, inner]) => {
								const field = group.values.find((candidate) => candidate.name === name);
								return field ? valueProblems(field, inner, `${path}.${key}[${index}].${name}`) : [`${path}.${key}[${index}].${name}: no such field`];
							})
						: [`${path}.${key}[${index}]: expected an object`],
				);
			});
		}
		case 'string':
		case 'json':
		case 'dateTime':
			return typeof value === 'string' ? [] : [`${path}: expected text, got ${JSON.stringify(value)}`];
		case 'number':
			return typeof value === 'number' ? [] : [`${path}: expected a number, got ${JSON.stringify(value)}`];
		case 'boolean':
			return typeof value === 'boolean' ? [] : [`${path}: expected true or false, got ${JSON.stringify(value)}`];
		default:
			return [];
	}
}

/** Every parameter the node sets must be a field shown with the node's other values (defaults filled in). */
function parameterProblems(node: INode, description: INodeTypeDescription): string[] {
	const values = NodeHelpers.getNodeParameters(description.properties, node.parameters, true, false, node, description) ?? {};
	return Object.entries(node.parameters).flatMap(([name, value]) => {
		const shown = description.properties.filter(
			(property) => property.name === name && NodeHelpers.displayParameter(values, property, node, description),
		);
		if (shown.length === 0) return [`${name}: not a field shown for these settings`];
		const problems = shown.map((property) => valueProblems(property, value as NodeParameterValueType, name));
		// Several declarations may share a name (one per operation); one that accepts the value is enough.
		return problems.some((list) => list.length === 0) ? [] : problems[0];
	});
}

const examples = loadExamples();

describe('examples/*.json', () => {
	it('are there: sample events, daily counts, percentile, funnel, saved query + trigger, CSV extraction, webhook', () => {
		const operations = examples.flatMap((workflow) =>
			workflow.nodes.filter((node) => KEEN_TYPES.includes(node.type)).map((node) => `${String(node.parameters.resource)}.${String(node.parameters.operation)}`),
		);
		expect(operations).toEqual(
			expect.arrayContaining(['event.recordMany', 'query.count', 'query.percentile', 'query.funnel', 'savedQuery.create', 'event.record']),
		);
		expect(operations.some((operation) => operation.startsWith('extraction.'))).toBe(true);
		expect(examples.some((workflow) => workflow.nodes.some((node) => node.type === KEEN_TRIGGER_TYPE))).toBe(true);
		expect(examples.some((workflow) => workflow.nodes.some((node) => node.type === KEEN_TOOL_TYPE))).toBe(true);
		// Example 10: the Keen Tools behind n8n's MCP Server Trigger, a saved query's result among them.
		const mcp = examples.find((workflow) => workflow.nodes.some((node) => node.type === '@n8n/n8n-nodes-langchain.mcpTrigger'));
		expect(mcp?.nodes.filter((node) => node.type === KEEN_TOOL_TYPE).map((node) => `${String(node.parameters.resource)}.${String(node.parameters.operation)}`)).toEqual(
			expect.arrayContaining(['query.count', 'extraction.extract', 'savedQuery.getResult']),
		);
	});

	describe.each(examples.map((workflow) => [workflow.file, workflow] as [string, ExampleWorkflow]))('%s', (_file, workflow) => {
		it('is an importable workflow: id, name, known node types, unique names, connections between its nodes', () => {
			expect(workflow.id).toMatch(/^[A-Za-z0-9]{1,36}$/);
			expect(workflow.name).toMatch(/^Keen: /);
			const names = workflow.nodes.map((node) => node.name);
			expect(new Set(names).size).toBe(names.length);
			for (const node of workflow.nodes) {
				expect([...BASE_NODE_TYPES, ...KEEN_TYPES, KEEN_TRIGGER_TYPE]).toContain(node.type);
				expect(node.position).toHaveLength(2);
			}
			for (const [from, outputs] of Object.entries(workflow.connections)) {
				expect(names).toContain(from);
				for (const connection of Object.values(outputs).flat(2)) expect(names).toContain(connection?.node);
			}
			const triggers = workflow.nodes.filter((node) => /trigger|webhook/i.test(node.type) && !node.type.endsWith('stickyNote'));
			expect(triggers.length).toBeGreaterThan(0);
		});

		it('refers to the Keen credential by type and name (Chart → Render needs none)', () => {
			for (const node of workflow.nodes.filter((n) => [...KEEN_TYPES, KEEN_TRIGGER_TYPE].includes(n.type))) {
				const expected = node.parameters.resource === 'chart' ? undefined : { keenApi: { id: expect.any(String), name: 'Keen account' } };
				expect({ node: node.name, credentials: node.credentials }).toEqual({ node: node.name, credentials: expected });
			}
		});

		it('sets only parameters the Keen nodes have, with accepted values and no missing required field', () => {
			for (const node of workflow.nodes.filter((n) => n.type in DESCRIPTIONS)) {
				const description = DESCRIPTIONS[node.type];
				if (KEEN_TYPES.includes(node.type)) {
					expect(findOperation(String(node.parameters.resource), String(node.parameters.operation))).toBeDefined();
				}
				expect({ node: node.name, problems: parameterProblems(node, description) }).toEqual({ node: node.name, problems: [] });
				expect({ node: node.name, issues: NodeHelpers.getNodeParametersIssues(description.properties, node, description) }).toEqual({
					node: node.name,
					issues: null,
				});
			}
		});

		it('carries a sticky note saying what it shows and how to run it', () => {
			const notes = workflow.nodes.filter((node) => node.type === 'n8n-nodes-base.stickyNote');
			expect(notes).toHaveLength(1);
			const content = String(notes[0].parameters.content);
			expect(content).toMatch(/^## \S/);
			expect(content).toContain('**How to run:**');
			// It names the Keen nodes it talks about, so a renamed node does not leave the note behind.
			for (const node of workflow.nodes.filter((n) => n.type === KEEN_NODE_TYPE)) expect(content).toContain(node.name);
		});

		it('runs every Keen Trigger branch in the editor on a fresh install: its output is pinned', () => {
			// Fetch Test Event polls Keen; on a fresh install the saved query or collection may not exist yet (issue 12).
			for (const trigger of workflow.nodes.filter((node) => node.type === KEEN_TRIGGER_TYPE)) {
				const pinned = workflow.pinData?.[trigger.name] ?? [];
				expect({ trigger: trigger.name, pinned: pinned.length > 0 }).toEqual({ trigger: trigger.name, pinned: true });
				const savedQuery = (trigger.parameters.savedQuery as { value?: string } | undefined)?.value;
				if (savedQuery) for (const row of pinned) expect(row.json).toMatchObject({ query_name: savedQuery, value: expect.any(Number) });
			}
		});

		it('describes each Keen Tool and each of its $fromAI arguments for the model (not "Set Automatically")', () => {
			// Left on Set Automatically a tool reads "Count events in Keen" to the model; an argument without a description is a bare name.
			for (const node of workflow.nodes.filter((n) => n.type === KEEN_TOOL_TYPE)) {
				expect({ node: node.name, descriptionType: node.parameters.descriptionType }).toEqual({ node: node.name, descriptionType: 'manual' });
				expect(String(node.parameters.toolDescription).length).toBeGreaterThan(40);
				const calls = [...JSON.stringify(node.parameters).matchAll(/\$fromAI\(\s*'([^']+)'\s*,\s*`([^`]*)`/g)];
				expect(calls.length).toBe((JSON.stringify(node.parameters).match(/\$fromAI\(/g) ?? []).length);
				for (const [, key, description] of calls) expect({ node: node.name, key, described: description.length > 10 }).toEqual({ node: node.name, key, described: true });
			}
		});

		it('is described in the README', () => {
			const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');
			expect(readme).toContain(`examples/${workflow.file}`);
		});
	});

	it('the checker itself catches a renamed field, an unknown option and an unknown collection key', () => {
		const description = DESCRIPTIONS[KEEN_NODE_TYPE];
		const count = examples.flatMap((w) => w.nodes).find((node) => node.parameters.operation === 'count') as INode;
		const broken = (parameters: Record<string, unknown>) => parameterProblems({ ...count, parameters: { ...count.parameters, ...parameters } as INode['parameters'] }, description);
		expect(broken({ groupByProperty: ['country'] })).toEqual(['groupByProperty: not a field shown for these settings']);
		expect(broken({ interval: 'fortnightly' })).toEqual(['interval: "fortnightly" is not an option']);
		expect(broken({ options: { sortBy: 'x' } })).toEqual(['options.sortBy: no such option']);
		expect(broken({ simplify: 'yes' })).toEqual(['simplify: expected true or false, got "yes"']);
	});
});
