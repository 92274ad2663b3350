/**
 * The tests of dates written without a UTC offset, again on a machine whose local zone is not UTC
 * (`npm test` runs it with TZ=Asia/Kathmandu, UTC+05:45): such dates must still be read as UTC.
 */
const base = require('./jest.config');

/** @type {import('jest').Config} */
module.exports = {
	...base,
	displayName: 'local zone',
	testMatch: [
		'<rootDir>/test/engine/reliability/localZone.test.ts',
		'<rootDir>/test/unit/helpers/timeframe.test.ts',
		'<rootDir>/test/unit/helpers/eventValidation.test.ts',
		'<rootDir>/test/unit/helpers/chart/data.test.ts',
		'<rootDir>/test/engine/trigger/newEvent.test.ts',
	],
};
