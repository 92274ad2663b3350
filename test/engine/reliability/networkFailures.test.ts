import { createServer, type Server, type Socket } from 'node:net';

import { keenCredentials, runNode, runPoll } from '../../harness';

/*
 * Issue 22.4: a request that gets no HTTP answer says what happened — a timeout (with the limit and
 * where to change it), a refused connection, a reset, a host name that does not resolve, a failed
 * TLS handshake — each with its own hint, and none calls a server "offline" (n8n's own wording,
 * also for a timeout against a server that accepted the connection).
 */

interface TcpServer {
	url: string;
	port: number;
	close(): Promise<void>;
}

/** A TCP server on 127.0.0.1 that hands each connection to `onSocket`; closing it ends the connections it holds. */
async function tcpServer(onSocket: (socket: Socket) => void): Promise<TcpServer> {
	const sockets = new Set<Socket>();
	const server: Server = createServer((socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
		socket.on('error', () => {});
		onSocket(socket);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const port = (server.address() as { port: number }).port;
	return {
		url: `http://127.0.0.1:${port}`,
		port,
		close: async () => {
			for (const socket of sockets) socket.destroy();
			await new Promise((resolve) => server.close(resolve));
		},
	};
}

const KEYS = {
	projectId: 'p1',
	masterKey: 'MASTERKEY-0123456789abcdef',
	writeKey: 'WRITEKEY-0123456789abcdef',
	readKey: 'READKEY-0123456789abcdef',
	organizationId: 'o1',
	organizationKey: 'ORGKEY-0123456789abcdef',
};
const TIMEOUT_MS = 1000;
const REQUEST_OPTIONS = { requestOptions: { maxRetries: 1, retryDelay: 1, timeout: TIMEOUT_MS } };

/** Collection → Get Many against `url`: the error's message and hint. */
async function failure(url: string): Promise<{ message: string; hint: string }> {
	const result = await runNode({ credentials: { ...keenCredentials({ ...KEYS, url }) }, parameters: { resource: 'collection', operation: 'getAll', ...REQUEST_OPTIONS } });
	expect(result.status).toBe('error');
	const message = String(result.error?.message);
	const hint = String((result.error as { description?: string }).description);
	expect(`${message} ${hint}`).not.toMatch(/offline/i);
	return { message, hint };
}

const servers: TcpServer[] = [];
afterAll(async () => {
	for (const server of servers) await server.close();
});
async function started(onSocket: (socket: Socket) => void): Promise<TcpServer> {
	const server = await tcpServer(onSocket);
	servers.push(server);
	return server;
}

describe('a request that gets no answer says what happened', () => {
	it('a server that accepts and never answers: a timeout, with the limit and where to change it', async () => {
		const silent = await started(() => {});
		const { message, hint } = await failure(silent.url);
		expect(message).toBe(`Collection → Get Many: no answer from 127.0.0.1:${silent.port} within ${TIMEOUT_MS} ms (2 attempts) (item 0)`);
		expect(hint).toContain(`Raise the node's Request Options → Timeout (now ${TIMEOUT_MS} ms)`);
	});

	it('the trigger words a timeout the same way', async () => {
		const silent = await started(() => {});
		const parameters = { event: 'newEvent', collection: { __rl: true, mode: 'list', value: 'orders' }, ...REQUEST_OPTIONS };
		const error = await runPoll({ credentials: { ...keenCredentials({ ...KEYS, url: silent.url }) }, parameters }).then(
			() => undefined,
			(thrown: unknown) => thrown as { message: string; description?: string },
		);
		expect(error?.message).toContain(`no answer from 127.0.0.1:${silent.port} within ${TIMEOUT_MS} ms (2 attempts)`);
		expect(error?.description).toContain('Request Options → Timeout');
		expect(`${error?.message} ${error?.description}`).not.toMatch(/offline/i);
	});

	it('a server that resets the connection: a reset, not an outage', async () => {
		const resetting = await started((socket) => socket.once('data', () => socket.resetAndDestroy()));
		const { message, hint } = await failure(resetting.url);
		expect(message).toBe(`Collection → Get Many: the connection to 127.0.0.1:${resetting.port} was closed before an answer came (2 attempts) (item 0)`);
		expect(hint).toMatch(/reset the connection/);
	});

	it('a closed port: the connection was refused, check host and port', async () => {
		const closed = await tcpServer(() => {});
		await closed.close();
		const { message, hint } = await failure(closed.url);
		expect(message).toBe(`Collection → Get Many: 127.0.0.1:${closed.port} refused the connection (2 attempts) (item 0)`);
		expect(hint).toMatch(/check the host and port of the API URL/);
	});

	it('a host name that does not resolve: names the host name', async () => {
		const { message, hint } = await failure('http://keen-api.invalid');
		expect(message).toBe('Collection → Get Many: the host name "keen-api.invalid" could not be resolved (1 attempt) (item 0)');
		expect(hint).toMatch(/Check the host name in the API URL/);
	});

	it('https:// to a plain-HTTP server: a TLS failure, with the hint to use http://', async () => {
		const plain = await started((socket) => socket.once('data', () => socket.end('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n')));
		const { message, hint } = await failure(`https://127.0.0.1:${plain.port}`);
		expect(message).toMatch(new RegExp(`^Collection → Get Many: the secure \\(TLS\\) connection to 127\\.0\\.0\\.1:${plain.port} failed: .+ \\(1 attempt\\) \\(item 0\\)$`));
		expect(message).not.toMatch(/deps\/openssl|0A00010B/);
		expect(hint).toMatch(/must start with http:\/\//);
	});
});
