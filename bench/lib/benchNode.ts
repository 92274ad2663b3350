/** The description the bench-only nodes share: one main input and output, their own fields. */
import { NodeConnectionTypes, type INodeTypeDescription } from 'n8n-workflow';

export function benchNodeDescription(
	name: string,
	displayName: string,
	description: string,
	more: Pick<INodeTypeDescription, 'properties'> & Partial<Pick<INodeTypeDescription, 'credentials'>>,
): INodeTypeDescription {
	return {
		displayName,
		name,
		group: ['transform'],
		version: 1,
		description,
		defaults: { name: displayName },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		...more,
	};
}
