import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { startKeenServer, type KeenServer } from './index';
import { call, projectUrl } from './test-client';

describe('keen-server: fault injection and request log', () => {
	let server: KeenServer;

	beforeEach(async () => {
		server = await startKeenServer();
	});
	afterEach(() => server.close());

	const record = (body: unknown = { a: 1 }) => call(server, 'POST', projectUrl(server, 'events', 'x'), { key: server.writeKey, body });

	it('answers injected statuses for `count` matching requests, 429 with Retry-After', async () => {
		server.faults.add({ method: 'POST', path: /\/events\/x$/, count: 1, kind: 'status', status: 429, retryAfter: 2 });
		server.faults.add({ path: projectUrl(server, 'events', 'x'), count: 1, kind: 'status', status: 503 });
		const limited = await record();
		expect([limited.status, limited.headers['retry-after'], limited.body.error_code]).toEqual([429, '2', 'RateLimitExceededError']);
		expect((await record()).status).toBe(503);
		expect((await record()).status).toBe(201);
		expect(server.eventCount('x')).toBe(1);
	});

	it('picks probabilistic faults from a seeded PRNG, reproducibly', async () => {
		const pattern = async (target: KeenServer) => {
			target.faults.add({ probability: 0.5, kind: 'status', status: 500 });
			const statuses: number[] = [];
			for (let i = 0; i < 20; i++) statuses.push((await call(target, 'GET', '/timezones')).status);
			return statuses;
		};
		const first = await pattern(server);
		const other = await startKeenServer();
		expect(await pattern(other)).toEqual(first);
		expect(first).toContain(500);
		expect(first).toContain(200);
		await other.close();
	});

	it('stalls a request, then answers it', async () => {
		server.faults.add({ count: 1, kind: 'stall', ms: 150 });
		const started = Date.now();
		expect((await record()).status).toBe(201);
		expect(Date.now() - started).toBeGreaterThanOrEqual(140);
	});

	it('drops the connection without handling the request', async () => {
		server.faults.add({ count: 1, kind: 'drop' });
		await expect(record()).rejects.toThrow();
		expect(server.eventCount('x')).toBe(0);
		expect(server.requests[0]).toMatchObject({ status: 0, fault: 'drop' });
	});

	it('handles the request and then drops the connection; a retry with the same token is not stored twice', async () => {
		server.faults.add({ count: 1, kind: 'dropAfterProcessing' });
		const event = { a: 1, keen: { uniqueness_token: 'retry-1' } };
		await expect(record(event)).rejects.toThrow();
		expect(server.eventCount('x')).toBe(1);
		expect((await record(event)).status).toBe(201);
		expect(server.eventCount('x')).toBe(1);
		expect(server.requests.map((entry) => [entry.status, entry.fault])).toEqual([
			[201, 'dropAfterProcessing'],
			[201, undefined],
		]);
	});

	it('logs method, path, query, key kind, parsed body and status; clear() and clearRequests() reset', async () => {
		server.faults.add({ kind: 'status', status: 500 });
		server.faults.clear();
		await record({ n: 1 });
		await call(server, 'GET', projectUrl(server, 'events'), { apiKey: server.readKey, query: { include_schema: 'true' } });
		expect(server.requests).toEqual([
			{ method: 'POST', path: projectUrl(server, 'events', 'x'), query: {}, keyKind: 'write', body: { n: 1 }, status: 201 },
			{ method: 'GET', path: projectUrl(server, 'events'), query: { include_schema: 'true' }, keyKind: 'read', body: undefined, status: 200 },
		]);
		server.clearRequests();
		expect(server.requests).toEqual([]);
	});

	it('does not keep bodies when logBodies is false', async () => {
		await server.close();
		server = await startKeenServer({ logBodies: false });
		await record({ n: 1 });
		expect(server.requests[0].body).toBeUndefined();
	});
});

describe('keen-server CLI', () => {
	it('prints exactly one JSON line and stops on SIGTERM', async () => {
		const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', join(__dirname, 'cli.ts'), '--port', '0', '--seed', '50'], { stdio: ['ignore', 'pipe', 'pipe'] });
		let stdout = '';
		child.stdout.on('data', (chunk: Buffer) => {
			stdout += chunk.toString();
		});
		while (!stdout.includes('\n')) await once(child.stdout, 'data');
		const info = JSON.parse(stdout);
		expect(Object.keys(info)).toEqual(['url', 'projectId', 'masterKey', 'writeKey', 'readKey', 'organizationId', 'organizationKey']);
		expect(info.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
		const schema = await fetch(`${info.url}/3.0/projects/${info.projectId}/events?api_key=${info.readKey}`);
		expect(schema.status).toBe(200);
		child.kill('SIGTERM');
		const [code] = await once(child, 'exit');
		expect(code).toBe(0);
		expect(stdout.split('\n').filter((line) => line.length > 0)).toHaveLength(1);
	});
});
