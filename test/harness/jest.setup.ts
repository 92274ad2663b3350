/* Wired into jest.config.js as setupFilesAfterEnv; runs before every test file. */
import { prepareN8nEnvironment, removeN8nUserFolder } from './test-env';
import { shutdownN8nCore } from './teardown';

prepareN8nEnvironment();

afterAll(() => {
	shutdownN8nCore();
	removeN8nUserFolder();
});
