import { buildExtractionBody, buildFunnelBody, buildMultiAnalysisBody, buildQueryBody } from '../../../nodes/Keen/helpers/queryBody';
import { buildQueryDefinition } from '../../../nodes/Keen/helpers/queryDefinition';

/* The builders take checked values and only write Keen's snake_case; reading parameters is tested in test/unit/actions/queryInputs.test.ts. */
const window = { start: '2024-05-01T00:00:00.000Z', end: '2024-05-08T00:00:00.000Z' };
const filter = { property_name: 'price', operator: 'gt', property_value: 10 };

describe('query builders from values', () => {
	it('a simple analysis writes what is given, one group as a name', () => {
		expect(
			buildQueryBody({
				collection: 'purchases',
				analysis: { type: 'percentile', targetProperty: 'price', percentile: 90 },
				timeframe: window,
				timezone: -28800,
				filters: [filter],
				interval: 'every_2_days',
				groupBy: ['country'],
				orderBy: [{ property: 'result', direction: 'DESC' }],
				limit: 5,
				includeMetadata: true,
			}),
		).toEqual({
			event_collection: 'purchases',
			target_property: 'price',
			percentile: 90,
			timeframe: window,
			timezone: -28800,
			filters: [filter],
			interval: 'every_2_days',
			group_by: 'country',
			order_by: [{ property_name: 'result', direction: 'DESC' }],
			limit: 5,
			include_metadata: true,
		});
	});

	it('leaves out what is not given (no empty filters, groups or timezone)', () => {
		expect(buildQueryBody({ collection: 'c', analysis: { type: 'count' }, timeframe: 'today', filters: [], groupBy: [] })).toEqual({
			event_collection: 'c',
			timeframe: 'today',
		});
	});

	it('a saved query definition says its analysis; its timeframe may be left out', () => {
		expect(buildQueryDefinition({ collection: 'c', analysis: { type: 'sum', targetProperty: 'p' }, groupBy: ['a', 'b'] })).toEqual({
			analysis_type: 'sum',
			event_collection: 'c',
			target_property: 'p',
			group_by: ['a', 'b'],
		});
	});

	it('a multi-analysis puts the analyses under their labels, the scope at the root', () => {
		expect(
			buildMultiAnalysisBody({
				collection: 'c',
				timeframe: 'today',
				analyses: [
					{ label: 'n', analysis: { type: 'count' } },
					{ label: 'p', analysis: { type: 'percentile', targetProperty: 'x', percentile: 50 } },
				],
			}),
		).toEqual({
			event_collection: 'c',
			analyses: { n: { analysis_type: 'count' }, p: { analysis_type: 'percentile', target_property: 'x', percentile: 50 } },
			timeframe: 'today',
		});
	});

	it('a funnel writes each step, its flags only when set', () => {
		expect(
			buildFunnelBody({
				timeframe: 'this_7_days',
				steps: [
					{ collection: 'a', actorProperty: 'u', filters: [], optional: false },
					{ collection: 'b', actorProperty: 'u', timeframe: window, filters: [filter], inverted: true, withActors: true },
				],
			}),
		).toEqual({
			timeframe: 'this_7_days',
			steps: [
				{ event_collection: 'a', actor_property: 'u' },
				{ event_collection: 'b', actor_property: 'u', timeframe: window, filters: [filter], inverted: true, with_actors: true },
			],
		});
	});

	it('an extraction by email', () => {
		expect(
			buildExtractionBody({ collection: 'c', timeframe: 'today', latest: 3, propertyNames: ['a'], email: { address: 'me@example.com', contentType: 'text/csv' } }),
		).toEqual({ event_collection: 'c', timeframe: 'today', latest: 3, property_names: ['a'], email: 'me@example.com', content_type: 'text/csv' });
	});
});
