import { NodeApiError, NodeOperationError, type INode } from 'n8n-workflow';

import { KeenInputError } from '../helpers/errors';

/**
 * The one mapping of a failure to the error the user sees, for the Keen node (per item) and the
 * Keen Trigger (per poll, no item): an input error names the field by its display name (and the
 * item) and carries the hint; Keen's answers and the node's own errors are kept as they are;
 * anything else becomes a NodeOperationError naming the node.
 */
export function userError(
	node: INode,
	error: Error,
	displayName: (field: string) => string,
	itemIndex?: number,
): NodeApiError | NodeOperationError {
	if (error instanceof KeenInputError) {
		const where = `${itemIndex === undefined ? '' : `item ${itemIndex}, `}field "${displayName(error.field)}"`;
		return new NodeOperationError(node, `${error.message} (${where})`, { ...(itemIndex === undefined ? {} : { itemIndex }), description: error.hint });
	}
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(node, error, itemIndex === undefined ? {} : { itemIndex });
}
