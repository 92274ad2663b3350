import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { findOperation } from './registry';
import { runOperation } from './runOperation';

/** Resource and operation are fixed per node (noDataExpression), so item 0 speaks for all items. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const spec = findOperation(resource, operation);
	if (!spec) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" of resource "${resource}" is not supported`);
	}
	return await runOperation(this, spec);
}
