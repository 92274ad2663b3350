import { createRequire } from 'node:module';

import { SSHClientsManager } from 'n8n-core/dist/execution-engine/ssh-clients-manager';

/**
 * n8n-core ships its own nested @n8n/di (0.17.0; the hoisted copy is 0.16.0), so a plain
 * `import '@n8n/di'` would inspect a different, empty Container. Resolve it from n8n-core.
 */
export function n8nCoreContainer(): typeof import('@n8n/di').Container {
	const requireFromCore = createRequire(require.resolve('n8n-core'));
	return (requireFromCore('@n8n/di') as typeof import('@n8n/di')).Container;
}

/**
 * Stops what n8n-core creates lazily through its DI container and would otherwise outlive a
 * test file: SSHClientsManager's cleanup interval (not unref'd in n8n-core 1.x, so jest never
 * exits) and the process 'exit' listener it adds, once per test file.
 */
export function shutdownN8nCore(): void {
	const container = n8nCoreContainer();
	if (container.has(SSHClientsManager)) container.get(SSHClientsManager).onShutdown();
}
