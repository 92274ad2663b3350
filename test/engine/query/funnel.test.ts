import { rowsOf, run, sent } from '../../harness/engine-test-kit';
import { useQueryServer } from './queryFixture';

const server = useQueryServer();
const base = { resource: 'query', operation: 'funnel' };

describe('Query → Funnel', () => {
	it('POSTs the steps with the read key and gives one item per step', async () => {
		const s = server();
		const result = await run(s, {
			...base,
			steps: {
				step: [
					{ eventCollection: 'signups', actorProperty: 'user.id' },
					{ eventCollection: 'purchases', actorProperty: 'user.id', withActors: true, filtersJson: '[{"property_name":"price","operator":"gte","property_value":20}]' },
				],
			},
		});
		expect(result.status).toBe('success');
		expect(rowsOf(result)).toEqual([
			{ step: 1, event_collection: 'signups', actor_property: 'user.id', count: 3 },
			{ step: 2, event_collection: 'purchases', actor_property: 'user.id', count: 2, actors: expect.arrayContaining(['u1', 'u2']) },
		]);
		expect(sent(s)).toEqual([
			{
				method: 'POST',
				path: `/3.0/projects/${s.projectId}/queries/funnel`,
				query: {},
				keyKind: 'read',
				body: {
					timeframe: 'this_7_days',
					timezone: 'UTC',
					steps: [
						{ event_collection: 'signups', actor_property: 'user.id' },
						{
							event_collection: 'purchases',
							actor_property: 'user.id',
							filters: [{ property_name: 'price', operator: 'gte', property_value: 20 }],
							with_actors: true,
						},
					],
				},
			},
		]);
	});

	it("returns Keen's raw answer with Simplify off", async () => {
		const s = server();
		const result = await run(s, { ...base, simplify: false, steps: { step: [{ eventCollection: 'signups', actorProperty: 'user.id' }] } });
		expect(rowsOf(result)).toEqual([expect.objectContaining({ result: [3] })]);
	});

	it('names the step and the field for invalid step filters', async () => {
		const s = server();
		const result = await run(s, { ...base, steps: { step: [{ eventCollection: 'signups', actorProperty: 'user.id', filtersJson: '[{' }] } });
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/^Step 1: The filters could not be parsed as JSON .*\(item 0, field "Steps"\)/);
		expect(s.requests).toHaveLength(0);
	});
});
