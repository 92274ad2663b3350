import type { IDataObject } from 'n8n-workflow';

import type { ChartKind } from '../../../../nodes/Keen/helpers/chart';
import * as fixtures from './fixtures';

/** One picture per chart kind: the golden images, the docs' gallery and the demo draw these. */
export const CHART_CASES: Array<{ name: string; answer: IDataObject; kind: ChartKind; drawn: string }> = [
	{ name: 'metric', answer: fixtures.metricAnswer, kind: 'auto', drawn: 'metric' },
	{ name: 'line', answer: fixtures.lineAnswer, kind: 'auto', drawn: 'line' },
	{ name: 'bars', answer: fixtures.barsAnswer, kind: 'auto', drawn: 'bars' },
	{ name: 'multi-line', answer: fixtures.multiLineAnswer, kind: 'auto', drawn: 'line' },
	{ name: 'stacked', answer: fixtures.multiLineAnswer, kind: 'stacked', drawn: 'stacked' },
	{ name: 'funnel', answer: fixtures.funnelAnswer, kind: 'auto', drawn: 'funnel' },
	{ name: 'table', answer: fixtures.multiAnalysisAnswer, kind: 'auto', drawn: 'table' },
];
