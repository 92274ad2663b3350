/**
 * The engine tests again, on n8n 1.x: n8n-core 1.122 and n8n-workflow 1.120 (the versions inside
 * n8n 1.123), installed under aliases. Mapping the module names makes the nodes, the harness and
 * n8n-core itself all load the 1.x packages, as they would inside an n8n 1.x install.
 */
const base = require('./jest.config');

/** @type {import('jest').Config} */
module.exports = {
	...base,
	displayName: 'n8n 1.x',
	roots: ['<rootDir>/test'],
	testMatch: ['<rootDir>/test/engine/**/*.test.ts', '<rootDir>/test/harness/**/*.test.ts', '<rootDir>/test/examples/demo.test.ts'],
	testPathIgnorePatterns: ['/node_modules/', 'dist-package\\.test\\.ts$'],
	moduleNameMapper: {
		'^n8n-workflow$': 'n8n-workflow-v1',
		'^n8n-workflow/(.*)$': 'n8n-workflow-v1/$1',
		'^n8n-core$': 'n8n-core-v1',
		'^n8n-core/(.*)$': 'n8n-core-v1/$1',
	},
};
