import { eventsToCsv } from '../../../nodes/Keen/helpers/csv';

describe('eventsToCsv', () => {
	it.each([
		['no events', [], undefined, ''],
		['flat', [{ a: 1, b: 'x' }], undefined, 'a,b\r\n1,x\r\n'],
		['nested → dot paths', [{ keen: { id: 'k1', timestamp: 't' }, user: { id: 7 } }], undefined, 'keen.id,keen.timestamp,user.id\r\nk1,t,7\r\n'],
		['columns in order of first appearance, gaps empty', [{ a: 1 }, { b: 2, a: 3 }], undefined, 'a,b\r\n1,\r\n3,2\r\n'],
		['given columns first', [{ a: 1, b: 2 }], ['b', 'a'], 'b,a\r\n2,1\r\n'],
		['comma quoted', [{ a: 'x,y' }], undefined, 'a\r\n"x,y"\r\n'],
		['quote doubled', [{ a: 'say "hi"' }], undefined, 'a\r\n"say ""hi"""\r\n'],
		['line break quoted', [{ a: 'l1\nl2', b: 'r\r' }], undefined, 'a,b\r\n"l1\nl2","r\r"\r\n'],
		['list as JSON', [{ tags: ['a', 'b'] }], undefined, 'tags\r\n"[""a"",""b""]"\r\n'],
		['null, boolean, empty object', [{ a: null, b: false, c: {} }], undefined, 'a,b,c\r\n,false,{}\r\n'],
		['header with comma quoted', [{ 'a,b': 1 }], undefined, '"a,b"\r\n1\r\n'],
	])('%s', (_name, events, columns, expected) => expect(eventsToCsv(events, columns)).toBe(expected));

	// Issue 22.5: what a spreadsheet would run as a formula (OWASP: =, +, -, @, tab, carriage return first) is text.
	it.each([
		['=', { a: '=1+1' }, "'=1+1"],
		['+', { a: '+1' }, "'+1"],
		['-', { a: '-1+2' }, "'-1+2"],
		['text "-5" stays text', { a: '-5' }, "'-5"],
		['@', { a: '@SUM(A1)' }, "'@SUM(A1)"],
		['tab', { a: '\t=1' }, "'\t=1"],
		['carriage return', { a: '\r=1' }, '"\'\r=1"'],
		['quoted when it needs quotes', { a: '=HYPERLINK("http://x","y")' }, '"\'=HYPERLINK(""http://x"",""y"")"'],
		['a number is untouched', { a: -5 }, '-5'],
		['a formula sign later in the text is untouched', { a: 'a=b' }, 'a=b'],
		['a list is JSON, untouched', { a: ['=1'] }, '"[""=1""]"'],
	])('neutralises a formula: %s', (_name, event, expected) => expect(eventsToCsv([event])).toBe(`a\r\n${expected}\r\n`));

	it('neutralises column names too, and writes everything raw when asked', () => {
		expect(eventsToCsv([{ '=cmd': '=1', n: -1 }])).toBe("'=cmd,n\r\n'=1,-1\r\n");
		expect(eventsToCsv([{ '=cmd': '=1', n: -1 }], undefined, { rawFormulas: true })).toBe('=cmd,n\r\n=1,-1\r\n');
	});

	// Its speed is measured by the benchmark (npm run bench), not asserted here: timed tests are flaky on shared machines.
	it('converts 100,000 events', () => {
		const events = Array.from({ length: 100_000 }, (_, i) => ({
			keen: { id: `id-${i}`, timestamp: '2024-05-01T00:00:00.000Z', created_at: '2024-05-01T00:00:01.000Z' },
			user: { id: i, name: i % 10 === 0 ? 'Smith, "J"' : 'bob', plan: { tier: 'pro' } },
			price: i / 100,
			tags: ['a', 'b'],
		}));
		const csv = eventsToCsv(events);
		const lines = csv.split('\r\n');
		expect(lines[0]).toBe('keen.id,keen.timestamp,keen.created_at,user.id,user.name,user.plan.tier,price,tags');
		expect(lines).toHaveLength(100_002);
		expect(lines[1]).toBe('id-0,2024-05-01T00:00:00.000Z,2024-05-01T00:00:01.000Z,0,"Smith, ""J""",pro,0,"[""a"",""b""]"');
	});
});
