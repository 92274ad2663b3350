import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { IConnections, IDataObject, INode } from 'n8n-workflow';

/** The n8n node types of this package, as a workflow that uses the installed package names them. */
export const KEEN_NODE_TYPE = 'n8n-nodes-keen.keen';
export const KEEN_TRIGGER_TYPE = 'n8n-nodes-keen.keenTrigger';
/** The Keen node as an AI agent's tool: n8n derives this type from the node's `usableAsTool`. */
export const KEEN_TOOL_TYPE = 'n8n-nodes-keen.keenTool';

export const EXAMPLES_DIR = __dirname;

/** A workflow file as n8n exports and imports it (the fields the examples use). */
export interface ExampleWorkflow {
	id: string;
	name: string;
	nodes: INode[];
	connections: IConnections;
	/** Output pinned per node name (example 05's trigger, so that it runs before its saved query exists). */
	pinData?: Record<string, Array<{ json: IDataObject }>>;
	/** The file name, e.g. 02-daily-counts.json. */
	file: string;
}

export function exampleFiles(): string[] {
	return readdirSync(EXAMPLES_DIR)
		.filter((file) => file.endsWith('.json'))
		.sort();
}

export function loadExample(file: string): ExampleWorkflow {
	const workflow = JSON.parse(readFileSync(join(EXAMPLES_DIR, file), 'utf8')) as Omit<ExampleWorkflow, 'file'>;
	return { ...workflow, file };
}

export function loadExamples(): ExampleWorkflow[] {
	return exampleFiles().map(loadExample);
}

/** The one node of a type in an example; the demo and the tests rely on there being exactly one. */
export function nodeOfType(workflow: ExampleWorkflow, type: string): INode {
	const nodes = workflow.nodes.filter((node) => node.type === type);
	if (nodes.length !== 1) throw new Error(`${workflow.file} has ${nodes.length} nodes of type ${type}, expected 1`);
	return nodes[0];
}
