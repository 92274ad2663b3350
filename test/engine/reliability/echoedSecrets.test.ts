import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';

import { LoggerProxy, type INodeParameters, type Logger } from 'n8n-workflow';

import { collectStrings, runNode, runPoll, type KeenCredentialData, type OnErrorSetting } from '../../harness';

/*
 * Issue 10 case 4: servers that echo request data back — the Authorization header in a JSON
 * error, an HTML error page listing the headers, a per-event refusal naming the key, a network
 * error whose text holds the key — must not put the key, nor any piece of it of 8 or more
 * characters, into an error, an output item or n8n's log.
 */

type Echo = (req: IncomingMessage, res: ServerResponse, key: string) => void;

const KEYS = {
	masterApiKey: 'm4st3r-e8c2f1a9d7b3e6c0a5f4d2b1c9e8a7f6',
	writeApiKey: 'wr1te-0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c',
	readApiKey: 'r3ad-a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6',
	organizationApiKey: '0rg-7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a29',
};

/** The pieces of 8 characters of every key: none of them may appear anywhere. */
const PIECES = Object.values(KEYS).flatMap((key) => Array.from({ length: key.length - 7 }, (_, i) => key.slice(i, i + 8)));

function leaks(texts: string[]): string[] {
	return texts.filter((text) => PIECES.some((piece) => text.includes(piece))).map((text) => text.slice(0, 300));
}

const ECHOES: Record<string, Echo> = {
	'a JSON 400 quoting the Authorization header': (req, res, key) => {
		res.writeHead(400, { 'Content-Type': 'application/json' });
		res.end(JSON.stringify({ message: `Bad request. Headers received: {"Authorization": "${key}"}; key starts ${key.slice(0, 12)}…`, error_code: 'BadRequestError' }));
	},
	'an HTML 500 page listing the headers': (req, res, key) => {
		res.writeHead(500, { 'Content-Type': 'text/html' });
		res.end(`<html><body><h1>Internal Server Error</h1><pre>authorization: ${key}\nhost: ${req.headers.host}</pre></body></html>`);
	},
	'a per-event refusal naming the key': (req, res, key) => {
		res.writeHead(200, { 'Content-Type': 'application/json' });
		res.end(JSON.stringify({ echoes: [{ success: false, error: { name: 'InvalidEventError', description: `The key ${key} may not write "echoes"` } }] }));
	},
	// The HTTP client's error names the host (n8n then rewords it): the key may only ever reach the cause.
	'a network error whose text holds the key (redirect to a host named after it)': (req, res, key) => {
		res.writeHead(302, { Location: `http://${key}.invalid/` });
		res.end();
	},
};

let server: Server;
const answerCount: Echo = (req, res) => {
	res.writeHead(200, { 'Content-Type': 'application/json' });
	res.end('{"result": 1}');
};
let echo: Echo = answerCount;
const logged: unknown[] = [];
const capture = (level: string) => (message: string, meta?: object) => void logged.push({ level, message, meta });
const silentLogger = { error: () => {}, warn: () => {}, info: () => {}, debug: () => {} } as unknown as Logger;

beforeAll(async () => {
	server = createServer((req, res) => {
		req.resume();
		req.on('end', () => echo(req, res, String(req.headers.authorization ?? '')));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	// As in secrets.test.ts: n8n's DI logger takes over LoggerProxy during the first run; capture after it.
	await runNode({ credentials: credentials(), parameters: count, scanForSecrets: false });
	LoggerProxy.init({ error: capture('error'), warn: capture('warn'), info: capture('info'), debug: capture('debug') } as unknown as Logger);
});
afterAll(async () => {
	LoggerProxy.init(silentLogger);
	server.closeAllConnections();
	await new Promise((resolve) => server.close(resolve));
});

function credentials(): Record<string, unknown> {
	const data: KeenCredentialData = { baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, projectId: 'echo-project', organizationId: 'echo-org', ...KEYS };
	return { ...data };
}

const byName = (value: string) => ({ __rl: true, mode: 'name', value });
const count: INodeParameters = { resource: 'query', operation: 'count', collection: byName('echoes') };
const record: INodeParameters = { resource: 'event', operation: 'record', collection: byName('echoes') };
const NO_RETRY = { requestOptions: { maxRetries: 0, retryDelay: 1 } };

function errorTexts(error: unknown): string[] {
	if (!error) return [];
	const { message, description, stack, cause } = error as Error & { description?: unknown };
	return [String(message), String(description), String(stack), inspect(cause, { depth: 8 }), inspect(error, { depth: 12, showHidden: true })];
}

describe('no piece of a key in errors, items or logs when the server echoes it (issue 10 case 4)', () => {
	describe.each(['stopWorkflow', 'continueErrorOutput'] as OnErrorSetting[])('Keen node, on error: %s', (onError) => {
		it.each(Object.keys(ECHOES))('%s', async (name) => {
			echo = ECHOES[name];
			logged.length = 0;
			const parameters = { ...(name.includes('per-event') ? record : count), ...NO_RETRY };
			const result = await runNode({ credentials: credentials(), parameters, items: [{ n: 1 }], onError, scanForSecrets: false });
			const failed = [...result.items, ...result.errorItems].filter((item) => item.json.error !== undefined);
			if (onError === 'stopWorkflow') expect(result.status).toBe('error');
			else expect(failed).toHaveLength(1);
			const errors = [result.error, ...failed.map((item) => item.error)];
			// n8n words network errors itself, so only the errors carrying the server's text show the redaction.
			if (!name.includes('network')) expect(errors.some((error) => /redacted/.test(String((error as Error | undefined)?.message) + String((error as { description?: unknown } | undefined)?.description)))).toBe(true);
			expect(leaks([...errors.flatMap(errorTexts), ...collectStrings([result.items, result.errorItems]), ...collectStrings(logged), ...logged.map((entry) => inspect(entry, { depth: 12 }))])).toEqual([]);
		});
	});

	it.each(Object.keys(ECHOES).filter((name) => !name.includes('per-event')))('Keen Trigger: %s', async (name) => {
		echo = ECHOES[name];
		const parameters: INodeParameters = { event: 'newEvent', collection: byName('echoes'), ...NO_RETRY };
		const error = await runPoll({ credentials: credentials(), parameters }).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(Error);
		expect(leaks(errorTexts(error))).toEqual([]);
	});
});
