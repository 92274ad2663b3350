import { toRefreshRateSeconds } from '../../../nodes/Keen/helpers/refreshRate';
import { inputErrorOf } from '../support';

describe('toRefreshRateSeconds', () => {
	it.each([
		[0, 'seconds', 0],
		[0, 'hours', 0],
		[3_600, 'seconds', 3_600],
		[1, 'hours', 3_600],
		[3, 'hours', 10_800],
		[14_400, 'seconds', 14_400],
		[172_800, 'seconds', 172_800],
		[4, 'hours', 14_400],
		[48, 'hours', 172_800],
		[4.5, 'hours', 16_200],
		['86400', 'seconds', 86_400],
	] as const)('%p %s → %p seconds', (value, unit, expected) => {
		expect(toRefreshRateSeconds(value, unit)).toBe(expected);
	});

	it.each([
		[3_599, 'seconds'],
		[172_801, 'seconds'],
		[0.5, 'hours'],
		[49, 'hours'],
		[4, 'seconds'],
		[-1, 'seconds'],
		['soon', 'hours'],
		['', 'hours'],
		[Number.NaN, 'seconds'],
	] as const)('rejects %p %s, naming the field and the bounds', (value, unit) => {
		const error = inputErrorOf(() => toRefreshRateSeconds(value, unit, 'refreshRate'));
		expect(error.field).toBe('refreshRate');
		expect(error.hint).toMatch(/0 to turn caching off/);
	});
});
