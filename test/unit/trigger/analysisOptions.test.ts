import { KeenTrigger } from '../../../nodes/KeenTrigger/KeenTrigger.node';
import { SIMPLE_ANALYSES } from '../../../nodes/Keen/actions/query/simpleAnalyses';

/** Issue 23 "each rule lives once": Metric Threshold offers the Keen node's analyses, from its table. */
describe("Keen Trigger → Metric Threshold's Analysis", () => {
	const field = new KeenTrigger().description.properties.find((property) => property.name === 'analysisType');
	const values = (field?.options ?? []).map((option) => (option as { value: string }).value);

	it("offers every analysis of the node's table whose answer is one number, by Keen's name", () => {
		expect(values.sort()).toEqual(SIMPLE_ANALYSES.filter((row) => row.analysis !== 'select_unique').map((row) => row.analysis).sort());
	});

	it('lists them alphabetically, as n8n lists options', () => {
		const names = (field?.options ?? []).map((option) => option.name);
		expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
	});
});
