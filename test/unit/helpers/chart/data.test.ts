import type { IDataObject } from 'n8n-workflow';

import { chartInputs, fromAnswer, fromSimplifiedRows } from '../../../../nodes/Keen/helpers/chart';
import { formatDate, formatNumber, niceTicks, parseTimezone } from '../../../../nodes/Keen/helpers/chart/format';
import { resolveKind } from '../../../../nodes/Keen/helpers/chart/layout';
import { simplifyResult } from '../../../../nodes/Keen/helpers/simplify';
import * as fixtures from './fixtures';

const autoKind = (answer: IDataObject) => resolveKind(fromAnswer(answer).data, 'auto');

describe('chart data from Keen results', () => {
	it.each([
		['count (a saved query result)', fixtures.metricAnswer, 'metric'],
		['count, Simplify off, no query echoed', { result: 42 }, 'metric'],
		['standard deviation without a result (null)', { result: null }, 'metric'],
		['count by day (interval)', fixtures.lineAnswer, 'line'],
		['sum by country (group_by)', fixtures.barsAnswer, 'bars'],
		['group_by without the query', { result: [{ country: 'FR', result: 2 }, { country: 'DE', result: 5 }] }, 'bars'],
		['interval × group_by', fixtures.multiLineAnswer, 'line'],
		['funnel', fixtures.funnelAnswer, 'funnel'],
		['funnel, Simplify off: steps echoed', { result: [10, 4], steps: [{ event_collection: 'a' }, { event_collection: 'b' }] }, 'funnel'],
		['multi-analysis, plain', fixtures.multiAnalysisAnswer, 'table'],
		['multi-analysis by group without the query', { result: [{ country: 'FR', total: 40, buyers: 2 }] }, 'bars'],
		['multi-analysis by day without the query', { result: [{ timeframe: { start: '2024-05-01T00:00:00.000Z', end: '2024-05-02T00:00:00.000Z' }, value: { total: 4, buyers: 1 } }] }, 'line'],
		['cached dataset results', fixtures.datasetAnswer, 'line'],
		['select_unique', { result: ['FR', 'DE'] }, 'table'],
		['extraction', { result: [{ price: 1, keen: { timestamp: '2024-05-01T00:00:00.000Z' } }] }, 'table'],
		['an empty group_by result', { result: [] }, 'table'],
	])('%s → Auto draws %s', (_, answer, kind) => {
		expect(autoKind(answer as IDataObject)).toBe(kind);
	});

	it('reads a multi-line result as one series per group, in the order Keen gave them', () => {
		const { data } = fromAnswer(fixtures.multiLineAnswer);
		expect(data.shape).toBe('xy');
		if (data.shape !== 'xy') return;
		expect(data.series.map((s) => s.name)).toEqual(['web', 'ios', 'android']);
		expect(data.series[0].values.slice(0, 3)).toEqual([200, 230, 260]);
		expect(data.labels).toHaveLength(10);
	});

	it('gives the same chart data for an answer and for the rows Simplify makes of it', () => {
		for (const answer of [fixtures.lineAnswer, fixtures.barsAnswer, fixtures.multiLineAnswer, fixtures.datasetAnswer]) {
			const query = (answer.query ?? fromAnswerQuery(answer)) as IDataObject;
			const rows = simplifyResult(String(query.analysis_type ?? 'count'), query, answer);
			expect(fromSimplifiedRows(rows).data).toEqual(fromAnswer(answer).data);
		}
		const funnelRows = simplifyResult('funnel', fixtures.funnelAnswer.query as IDataObject, fixtures.funnelAnswer);
		expect(fromSimplifiedRows(funnelRows).data).toEqual(fromAnswer(fixtures.funnelAnswer).data);
	});

	it('keeps what the saved query says: name, timeframe, timezone', () => {
		expect(fromAnswer(fixtures.metricAnswer).context).toEqual({
			analysis: 'count',
			name: 'Purchases this week',
			collection: 'purchases',
			timeframe: 'this_7_days',
			timezone: 'US/Pacific',
		});
	});

	it("reads what was asked from version 1.1 rows, keeping it out of the chart's data", () => {
		const query = fixtures.barsAnswer.query as IDataObject;
		const rows = simplifyResult('sum', query, fixtures.barsAnswer);
		const asked = { analysis_type: 'sum', event_collection: 'purchases', target_property: 'price', timeframe: 'this_30_days', timezone: 'UTC' };
		const input = fromSimplifiedRows(rows.map((row) => ({ ...row, query: asked })));
		expect(input.data).toEqual(fromSimplifiedRows(rows).data);
		expect(input.context).toEqual({ analysis: 'sum', collection: 'purchases', target: 'price', timeframe: 'this_30_days', timezone: 'UTC' });
		// A group property named "query" is data, not what was asked.
		expect(fromSimplifiedRows([{ query: 'q1', value: 1 }, { query: 'q2', value: 2 }]).context).toEqual({});
	});

	it('charts each Keen answer on its own and all Simplify rows together', () => {
		const groups = chartInputs([fixtures.metricAnswer, ...fixtures.lineRows, fixtures.funnelAnswer]);
		expect(groups.map((g) => g.items)).toEqual([[0], [fixtures.lineRows.length + 1], fixtures.lineRows.map((_, i) => i + 1)]);
		expect(groups.map((g) => g.input.data.shape)).toEqual(['metric', 'funnel', 'xy']);
	});

	it('refuses a kind the result cannot be drawn as, naming the field and the way out', () => {
		expect(() => resolveKind(fromAnswer(fixtures.barsAnswer).data, 'metric')).toThrow(
			expect.objectContaining({ field: 'kind', message: expect.stringMatching(/metric chart needs a single number/) }),
		);
		expect(() => resolveKind(fromAnswer(fixtures.lineAnswer).data, 'funnel')).toThrow(/funnel's steps/);
		expect(resolveKind(fromAnswer(fixtures.funnelAnswer).data, 'bars')).toBe('bars');
		expect(resolveKind(fromAnswer(fixtures.metricAnswer).data, 'table')).toBe('table');
	});
});

/** The query an answer without one implies, as the simplified-rows path sees it. */
function fromAnswerQuery(answer: IDataObject): IDataObject {
	const first = (answer.result as IDataObject[])[0];
	const grouped = Array.isArray(first.value);
	return { analysis_type: 'count', interval: 'daily', ...(grouped ? { group_by: Object.keys((first.value as IDataObject[])[0]).filter((k) => k !== 'result') } : {}) };
}

describe('chart number and date formatting', () => {
	it.each([
		[1234567, '1,234,567'],
		[-1234.5, '-1,234.5'],
		[0.125, '0.13'],
		[999, '999'],
		[-0.001, '0'],
		[1e21, '1,000,000,000,000,000,000,000'],
	])('%p → %s', (value, text) => expect(formatNumber(value)).toBe(text));

	it('picks round axis ticks that cover the values', () => {
		expect(niceTicks(0, 48210.5, 5).ticks).toEqual([0, 10000, 20000, 30000, 40000, 50000]);
		expect(niceTicks(-3, 7, 5).ticks).toEqual([-4, -2, 0, 2, 4, 6, 8]);
		expect(niceTicks(0, 0, 4).ticks[0]).toBe(0);
	});

	it("shows Keen's UTC timestamps in the result's timezone", () => {
		const utc = '2026-11-01T08:00:00.000Z';
		expect(formatDate(utc, 'minute', 'US/Pacific')).toBe('Nov 1 01:00');
		expect(formatDate(utc, 'minute', -28800)).toBe('Nov 1 00:00');
		expect(formatDate(utc, 'day', 'Asia/Tokyo', true)).toBe('Nov 1, 2026');
		expect(formatDate('2026-11-01T23:30:00.000Z', 'day', 'Asia/Tokyo')).toBe('Nov 2');
		expect(formatDate(utc, 'month', undefined)).toBe('Nov 2026');
		// Without a zone, a timestamp written with an offset is shown in that offset.
		expect(formatDate('2026-11-01T00:00:00.000-05:00', 'minute', undefined)).toBe('Nov 1 00:00');
		// Without an offset it is UTC, whatever the machine's zone (the "local zone" run of npm test).
		expect(formatDate('2026-11-01T08:00:00', 'minute', undefined)).toBe('Nov 1 08:00');
	});

	it('reads timezone fields and names the field when one is unknown', () => {
		expect(parseTimezone('', 'options')).toBeUndefined();
		expect(parseTimezone('-28800', 'options')).toBe(-28800);
		expect(parseTimezone('Europe/Paris', 'options')).toBe('Europe/Paris');
		expect(() => parseTimezone('Mars/Olympus', 'options')).toThrow(expect.objectContaining({ field: 'options', message: expect.stringMatching(/Unknown timezone 'Mars\/Olympus'/) }));
	});
});
