import { run, sent } from '../../harness/engine-test-kit';
import { useQueryServer } from './queryFixture';

const server = useQueryServer();

/** Step Filters and Step Timeframe set by expressions that return an array / object, not JSON text. */
describe('Query → Funnel with step fields from expressions', () => {
	it('sends the step filters and timeframe', async () => {
		const s = server();
		const filter = { property_name: 'price', operator: 'gt', property_value: 15 };
		const timeframe = { start: '2024-05-01T00:00:00.000Z', end: '2024-05-10T00:00:00.000Z' };
		const result = await run(s, {
			resource: 'query',
			operation: 'funnel',
			steps: {
				step: [
					{ eventCollection: 'signups', actorProperty: 'user.id' },
					{
						eventCollection: 'purchases',
						actorProperty: 'user.id',
						filtersJson: `={{ ${JSON.stringify([filter])} }}`,
						timeframe: `={{ ${JSON.stringify(timeframe)} }}`,
					},
				],
			},
		});
		expect(result.error).toBeUndefined();
		expect(sent(s)[0].body).toMatchObject({
			steps: [
				{ event_collection: 'signups', actor_property: 'user.id' },
				{ event_collection: 'purchases', actor_property: 'user.id', filters: [filter], timeframe },
			],
		});
		expect(result.items.map((i) => i.json.count)).toEqual([3, 2]);
	});
});
