import { REDACTED, secretRedactor } from '../../../nodes/Keen/helpers/redact';

const KEY = '0123456789abcdef0123456789abcdef';
const OTHER = 'Zz9-wrong-key-Qq';

describe('secretRedactor', () => {
	const redactor = secretRedactor([KEY, OTHER, '', undefined, 'abc']);

	it.each<[string, string, string]>([
		['a whole key', `Authorization: ${KEY}`, `Authorization: ${REDACTED}`],
		['two keys and text around them', `a ${KEY} b ${OTHER} c`, `a ${REDACTED} b ${REDACTED} c`],
		['a piece of 8 characters', `key starts 01234567 …`, `key starts ${REDACTED} …`],
		['a piece cut at both ends', `…89abcdef0123…`, `…${REDACTED}…`],
		['two overlapping pieces merge into one', `x${KEY.slice(2, 12)}${KEY.slice(10, 20)}y`, `x${REDACTED}y`],
		['a key repeated back to back', `${KEY}${KEY}`, REDACTED],
		['7 characters of a key stay', 'id 0123456 ok', 'id 0123456 ok'],
		['a short "secret" (under 4 characters) is not one', 'abc abc', 'abc abc'],
		['text without any', 'nothing to see', 'nothing to see'],
		['a key inside a URL-ish string', `https://x/?api_key=${KEY}&a=1`, `https://x/?api_key=${REDACTED}&a=1`],
		['only the text, at the very end', `…${KEY.slice(-8)}`, `…${REDACTED}`],
	])('%s', (_name, input, expected) => {
		expect(redactor.text(input)).toBe(expected);
	});

	it('redacts values deeply (names too), copying only what changed', () => {
		const untouched = { a: [1, 'x', { b: true }] };
		const input = { ok: untouched, bad: [`k=${KEY}`], [`x${KEY}`]: 1 };
		const output = redactor.value(input);
		expect(output).toEqual({ ok: untouched, bad: [`k=${REDACTED}`], [`x${REDACTED}`]: 1 });
		expect(output.ok).toBe(untouched);
		expect(input.bad[0]).toBe(`k=${KEY}`);
		expect(redactor.value(untouched)).toBe(untouched);
	});

	it('redacts an error in place: message, stack, description, cause, context and other fields', () => {
		const cause = new Error(`socket ${KEY}`);
		const error = Object.assign(new Error(`Keen said ${KEY}`), {
			description: `header ${OTHER}`,
			cause,
			context: { data: { headers: { authorization: KEY } } },
			messages: [`again ${KEY}`],
			node: { parameters: { untouched: true } },
		});
		expect(redactor.error(error)).toBe(error);
		const text = JSON.stringify({ ...error, message: error.message, stack: error.stack, causeMessage: cause.message, causeStack: cause.stack });
		expect(text).not.toContain(KEY.slice(0, 8));
		expect(text).not.toContain(OTHER.slice(0, 8));
		expect(error.message).toBe(`Keen said ${REDACTED}`);
		expect(error.context).toEqual({ data: { headers: { authorization: REDACTED } } });
	});

	// Issue 22.7: the cases no test pinned.
	it('a secret of exactly 4 characters is one (3 are not)', () => {
		expect(secretRedactor(['abcd']).text('x abcd y')).toBe(`x ${REDACTED} y`);
		expect(secretRedactor(['abc']).text('x abc y')).toBe('x abc y');
	});

	it("redacts an error's stack that was read (and so written out) before redaction", () => {
		const error = new Error(`Keen said ${KEY}`);
		expect(error.stack).toContain(KEY);
		redactor.error(error);
		expect(error.stack).not.toContain(KEY.slice(0, 8));
		expect(error.stack).toContain(`Keen said ${REDACTED}`);
	});

	it("redacts Errors and class instances nested in an error's fields, in objects and lists", () => {
		class Response {
			headers = { authorization: KEY };
			constructor(public data: string) {}
		}
		const nested = new Error(`inner ${KEY}`);
		const listed = new Error(`listed ${OTHER}`);
		const error = Object.assign(new Error('outer'), { details: { inner: nested }, errors: [listed], response: new Response(`echo ${KEY}`) });
		redactor.error(error);
		expect(nested.message).toBe(`inner ${REDACTED}`);
		expect(nested.stack).not.toContain(KEY.slice(0, 8));
		expect(listed.message).toBe(`listed ${REDACTED}`);
		expect(error.response.data).toBe(`echo ${REDACTED}`);
		expect(error.response.headers).toEqual({ authorization: REDACTED });
	});

	it('survives a cause cycle', () => {
		const error = new Error(KEY) as Error & { cause?: unknown };
		error.cause = error;
		expect(redactor.error(error).message).toBe(REDACTED);
	});

	it('without secrets, changes nothing', () => {
		const none = secretRedactor([]);
		const value = { a: KEY };
		expect(none.value(value)).toBe(value);
		expect(none.text(KEY)).toBe(KEY);
	});
});
