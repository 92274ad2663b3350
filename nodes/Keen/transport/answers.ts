import { isPlainObject } from '../helpers/json';
import type { AnswerShape } from './routes';

/** How much of an unexpected answer an error shows: enough to recognise a login page or a proxy's text. */
export const ANSWER_PREVIEW_CHARS = 100;

/** What each shape is, for the error that says what was expected. */
const EXPECTED: Record<AnswerShape, string> = {
	result: 'a JSON object with "result"',
	object: 'a JSON object',
	array: 'a JSON array',
	datasetPage: 'a JSON object with a "datasets" list',
	none: 'no body, or JSON',
	objectOrNone: 'no body, or a JSON object',
};

const SHAPE_HOLDS: Record<AnswerShape, (body: unknown) => boolean> = {
	result: (body) => isPlainObject(body) && 'result' in body,
	object: isPlainObject,
	array: Array.isArray,
	datasetPage: (body) => isPlainObject(body) && Array.isArray(body.datasets),
	none: () => true,
	objectOrNone: isPlainObject,
};

function isEmpty(body: unknown): boolean {
	return body === undefined || body === null || body === '' || (Buffer.isBuffer(body) && body.length === 0);
}

/** The start of a body as text, on one line. */
export function answerPreview(body: unknown): string {
	const text = typeof body === 'string' ? body : Buffer.isBuffer(body) ? body.toString('utf8') : JSON.stringify(body) ?? String(body);
	const line = text.replace(/\s+/g, ' ').trim();
	return line.length > ANSWER_PREVIEW_CHARS ? `${line.slice(0, ANSWER_PREVIEW_CHARS)}…` : line;
}

/**
 * Why a successful (2xx) answer is not what the route declares, or undefined when it is. The HTTP
 * client leaves a body it could not parse as JSON as text, so HTML, plain text and cut-off JSON
 * all arrive as strings; JSON under another content type is refused too (a proxy's page).
 */
export function answerProblem(shape: AnswerShape, contentType: string | undefined, body: unknown): string | undefined {
	if (isEmpty(body)) return shape === 'none' || shape === 'objectOrNone' ? undefined : `expected ${EXPECTED[shape]}, got an empty body`;
	if (!/\bjson\b/i.test(contentType ?? '')) return `expected ${EXPECTED[shape]}, got content of type ${contentType || '(none)'}`;
	if (typeof body === 'string' || Buffer.isBuffer(body)) return `expected ${EXPECTED[shape]}, got text that is not valid JSON`;
	return SHAPE_HOLDS[shape](body) ? undefined : `expected ${EXPECTED[shape]}, got ${Array.isArray(body) ? 'a JSON array' : isPlainObject(body) ? 'a JSON object without the expected fields' : `the JSON value ${answerPreview(body)}`}`;
}
