/**
 * The engine tests of the operations where Keen's sources disagree (issue 11), again against the
 * local server's strictest variants (test/keen-server/README.md): test/harness/strict-keen.ts sets
 * KEEN_LOCAL_VARIANTS=strict, so every server these files start without explicit variants runs
 * strict, and the same assertions must hold against either answer.
 */
const base = require('./jest.config');

/** @type {import('jest').Config} */
module.exports = {
	...base,
	displayName: 'strict Keen',
	setupFiles: ['<rootDir>/test/harness/strict-keen.ts'],
	testMatch: [
		'<rootDir>/test/engine/savedQuery/**/*.test.ts',
		'<rootDir>/test/engine/cachedDataset/**/*.test.ts',
		'<rootDir>/test/engine/project/**/*.test.ts',
		'<rootDir>/test/engine/accessKey/getAll*.test.ts',
		'<rootDir>/test/engine/query/{listResources,funnel,simpleAnalyses}.test.ts',
		'<rootDir>/test/engine/trigger/savedQueryResult.test.ts',
	],
};
