import { hintFor } from '../../../nodes/Keen/transport/errors';

describe('hintFor', () => {
	it.each([
		['refresh_rate must be 0 (not cached) or an integer number of seconds from 14400 to 86400; got 172800.', /0 \(no caching\) or 14400 to 86400 seconds \(4 to 24 hours\)/],
		['refresh_rate must be between 3,600 and 86,400', /3600 to 86400 seconds \(1 to 24 hours\)/],
		['Invalid refresh_rate.', /14400 to 86400 seconds \(4 to 24 hours\) is accepted by every Keen version/],
	])('a refused refresh rate (%s) gets a hint naming the range', (message, hint) => {
		expect(hintFor(400, 'BadRequestError', message)).toMatch(hint);
	});

	it('other messages keep the code or status hint', () => {
		expect(hintFor(400, 'TimeframeDefinitionError', 'bad timeframe')).toMatch(/one timeframe/);
		expect(hintFor(400, undefined, 'bad')).toMatch(/rejected the request/);
		expect(hintFor(401, 'InvalidApiKeyError', 'refresh_rate 1 2')).toMatch(/Check the keys/);
	});
});
