/**
 * Imported FIRST by every case that runs n8n-core: n8n-core reads its config (user folder,
 * log level) when loaded. Same preparation as the jest setup of the harness.
 */
import { prepareN8nEnvironment, removeN8nUserFolder } from '../../test/harness/test-env';

prepareN8nEnvironment();

export async function cleanupN8n(): Promise<void> {
	// Loaded here, after the environment is set: it loads n8n-core.
	const { shutdownN8nCore } = require('../../test/harness/teardown') as typeof import('../../test/harness/teardown');
	shutdownN8nCore();
	removeN8nUserFolder();
}
