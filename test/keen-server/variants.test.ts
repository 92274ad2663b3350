import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { startKeenServer, type KeenServer, type KeenServerVariants } from './index';
import { call, projectUrl } from './test-client';
import { DEFAULT_VARIANTS, STRICT_VARIANTS, resolveVariants, variantFromFlag, variantsFromEnvironment } from './variants';

const COUNT_QUERY = { analysis_type: 'count', event_collection: 'purchases', timeframe: 'this_30_days' };
const NOW = new Date('2024-05-10T12:00:00Z');

/** A server with one switch set (the others at their defaults, whatever KEEN_LOCAL_VARIANTS says). */
async function serverWith(variants: Partial<KeenServerVariants>): Promise<KeenServer> {
	const server = await startKeenServer({ variants, now: () => NOW });
	server.ingest('purchases', [
		{ user: 'a', step: 'view', keen: { timestamp: '2024-05-10T10:00:00Z' } },
		{ user: 'a', step: 'buy', keen: { timestamp: '2024-05-10T09:00:00Z' } },
		{ user: 'b', step: 'view', keen: { timestamp: '2024-05-10T10:00:00Z' } },
		{ user: 'b', step: 'buy', keen: { timestamp: '2024-05-10T11:00:00Z' } },
		// Future-dated, inside today's unit but after "now".
		{ user: 'c', step: 'view', keen: { timestamp: '2024-05-10T18:00:00Z' } },
	]);
	return server;
}

const servers: KeenServer[] = [];
async function open(variants: Partial<KeenServerVariants>): Promise<KeenServer> {
	const server = await serverWith(variants);
	servers.push(server);
	return server;
}
afterEach(async () => {
	await Promise.all(servers.splice(0).map((server) => server.close()));
});

const master = (server: KeenServer) => ({ key: server.masterKey });
const read = (server: KeenServer) => ({ key: server.readKey });

describe('server variants', () => {
	it('resolves strict, switches, flags and the environment variable', () => {
		expect(resolveVariants(undefined)).toEqual(DEFAULT_VARIANTS);
		expect(resolveVariants('strict')).toEqual(STRICT_VARIANTS);
		expect(resolveVariants({ strict: true, wrongKeyStatus: 403 })).toEqual({ ...STRICT_VARIANTS, wrongKeyStatus: 403 });
		expect(variantFromFlag('--wrong-key-status')).toBe('wrongKeyStatus');
		expect(variantFromFlag('--nope')).toBeUndefined();
		expect(variantsFromEnvironment('wrongKeyStatus=401,masterOnlyLists=true')).toEqual({ wrongKeyStatus: 401, masterOnlyLists: true });
		expect(variantsFromEnvironment(' strict ')).toBe('strict');
		expect(() => variantsFromEnvironment('wrongKeyStatus=402')).toThrow(/one of 403, 401/);
	});

	it.each([
		['explorer', [14_400, 172_800], [3_600, 172_801]],
		['docs', [3_600, 86_400], [3_599, 86_401]],
		['java', [14_400, 86_400], [3_600, 86_401]],
	] as const)('refreshRate %s accepts %p and refuses %p, naming its bounds', async (refreshRate, accepted, refused) => {
		const server = await open({ refreshRate });
		for (const rate of accepted) {
			expect((await call(server, 'PUT', projectUrl(server, 'queries', 'saved', 'q'), { ...master(server), body: { refresh_rate: rate, query: COUNT_QUERY } })).status).toBeLessThan(300);
		}
		for (const rate of refused) {
			const response = await call(server, 'PUT', projectUrl(server, 'queries', 'saved', 'q'), { ...master(server), body: { refresh_rate: rate, query: COUNT_QUERY } });
			expect([response.status, response.body.message]).toEqual([400, expect.stringContaining(`from ${accepted[0]} to ${accepted[1]}`)]);
		}
	});

	it.each(['empty', 'error'] as const)('a bootstrapping dataset reads Created → Bootstrapping → OK, results %s meanwhile', async (meanwhile) => {
		const server = await open({ datasetBootstrapMs: 600, datasetResultsWhileBootstrapping: meanwhile });
		const body = { query: { ...COUNT_QUERY, interval: 'daily' }, index_by: 'user' };
		const created = await call(server, 'PUT', projectUrl(server, 'datasets', 'd'), { ...master(server), body });
		expect(created.body).toMatchObject({ status: 'Created', last_scheduled_date: null, latest_subtimeframe_available: null });
		expect(created.body).not.toHaveProperty('ready_at');
		const results = () => call(server, 'GET', projectUrl(server, 'datasets', 'd', 'results'), { ...read(server), query: { index_by: 'a', timeframe: 'this_2_days' } });
		const early = await results();
		if (meanwhile === 'empty') expect([early.status, early.body]).toEqual([200, { result: [] }]);
		else expect([early.status, early.body.message]).toEqual([400, expect.stringContaining('still bootstrapping (status Created)')]);
		await new Promise((resolve) => setTimeout(resolve, 350));
		expect((await call(server, 'GET', projectUrl(server, 'datasets', 'd'), read(server))).body.status).toBe('Bootstrapping');
		await new Promise((resolve) => setTimeout(resolve, 350));
		expect((await call(server, 'GET', projectUrl(server, 'datasets', 'd'), read(server))).body).toMatchObject({ status: 'OK', milliseconds_behind: 0 });
		expect((await results()).body.result.length).toBeGreaterThan(0);
	});

	it('savedQueryReadOnlyEcho adds urls and project_id to definitions, which PUT still refuses', async () => {
		const server = await open({ savedQueryReadOnlyEcho: true });
		await call(server, 'PUT', projectUrl(server, 'queries', 'saved', 'q'), { ...master(server), body: { refresh_rate: 0, query: COUNT_QUERY } });
		const got = await call(server, 'GET', projectUrl(server, 'queries', 'saved', 'q'), master(server));
		expect(got.body).toMatchObject({ project_id: server.projectId, urls: { result: expect.stringContaining('/queries/saved/q/result') } });
		const putBack = await call(server, 'PUT', projectUrl(server, 'queries', 'saved', 'q'), { ...master(server), body: { refresh_rate: 0, query: COUNT_QUERY, urls: got.body.urls } });
		expect(putBack.status).toBe(400);
		const plain = await open({});
		await call(plain, 'PUT', projectUrl(plain, 'queries', 'saved', 'q'), { ...master(plain), body: { refresh_rate: 0, query: COUNT_QUERY } });
		expect((await call(plain, 'GET', projectUrl(plain, 'queries', 'saved', 'q'), master(plain))).body).not.toHaveProperty('urls');
	});

	it.each([
		[{ masterOnlyLists: true, wrongKeyStatus: 403 }, 401, 'AdminOnlyEndpointError'],
		[{ masterOnlyLists: true, wrongKeyStatus: 401 }, 401, 'InvalidApiKeyError'],
		[{ masterOnlyLists: false }, 200, undefined],
	] as const)('%p: the read key on the dataset list and /queries → %p %p', async (variants, status, errorCode) => {
		const server = await open(variants);
		for (const path of [projectUrl(server, 'datasets'), projectUrl(server, 'queries')]) {
			const response = await call(server, 'GET', path, read(server));
			expect([response.status, response.body.error_code]).toEqual([status, errorCode]);
			expect((await call(server, 'GET', path, master(server))).status).toBe(200);
		}
	});

	it.each([
		[403, 'InsufficientKeyPermissionsError'],
		[401, 'InvalidApiKeyError'],
	] as const)('wrongKeyStatus %p: a write key running a query gets %p', async (wrongKeyStatus, errorCode) => {
		const server = await open({ wrongKeyStatus });
		const response = await call(server, 'POST', projectUrl(server, 'queries', 'count'), { key: server.writeKey, body: COUNT_QUERY });
		expect([response.status, response.body.error_code]).toEqual([wrongKeyStatus, errorCode]);
	});

	it.each([
		['merge', [{ email: 'a@example.com' }]],
		['replace', []],
	] as const)('projectUpdate %s: a rename without users leaves users %p', async (projectUpdate, users) => {
		const server = await open({ projectUpdate });
		const org = `/3.0/organizations/${server.organizationId}/projects/${server.projectId}`;
		const key = { key: server.organizationKey };
		await call(server, 'POST', org, { ...key, body: { name: 'first', users: [{ email: 'a@example.com' }] } });
		const renamed = await call(server, 'POST', org, { ...key, body: { name: 'second' } });
		expect([renamed.status, renamed.body.name, renamed.body.users]).toEqual([200, 'second', users]);
		const usersOnly = await call(server, 'POST', org, { ...key, body: { users: [] } });
		expect(usersOnly.status).toBe(projectUpdate === 'merge' ? 200 : 400);
	});

	it.each([
		['time', [3, 1]],
		['any', [3, 2]],
	] as const)('funnelOrder %s: view then buy counts %p', async (funnelOrder, result) => {
		const server = await open({ funnelOrder });
		const step = (value: string) => ({ event_collection: 'purchases', actor_property: 'user', timeframe: 'this_1_days', filters: [{ property_name: 'step', operator: 'eq', property_value: value }] });
		// a bought before viewing: counted only when order does not matter; c (future view) never buys.
		const response = await call(server, 'POST', projectUrl(server, 'queries', 'funnel'), { ...read(server), body: { steps: [step('view'), step('buy')] } });
		expect(response.body.result).toEqual(result);
	});

	it.each([
		['unitEnd', 5],
		['now', 4],
	] as const)('thisUnitsEnd %s: this_1_days counts %p events (one is future-dated)', async (thisUnitsEnd, count) => {
		const server = await open({ thisUnitsEnd });
		const response = await call(server, 'POST', projectUrl(server, 'queries', 'count'), { ...read(server), body: { ...COUNT_QUERY, timeframe: 'this_1_days' } });
		expect(response.body.result).toBe(count);
	});

	it.each([
		['paged', 1],
		['ignored', 3],
	] as const)('accessKeyPaging %s: per_page=1 answers %p keys', async (accessKeyPaging, count) => {
		const server = await open({ accessKeyPaging });
		for (const name of ['k1', 'k2', 'k3']) {
			await call(server, 'POST', projectUrl(server, 'keys'), { ...master(server), body: { name, is_active: true, permitted: ['queries'], options: {} } });
		}
		const response = await call(server, 'GET', projectUrl(server, 'keys'), { ...master(server), query: { page: '2', per_page: '1' } });
		expect(response.body).toHaveLength(count);
	});
});

describe('keen-server CLI variants', () => {
	/** Starts the CLI with `args`; resolves with its JSON line (or its exit code and stderr when it fails). */
	async function startCli(args: string[]) {
		const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', join(__dirname, 'cli.ts'), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
		child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		const exited = once(child, 'exit');
		while (!stdout.includes('\n') && child.exitCode === null) await Promise.race([once(child.stdout, 'data'), exited]);
		return { child, info: stdout ? JSON.parse(stdout) : undefined, exited, stderr: () => stderr };
	}

	it('--port 0 --strict prints the usual JSON line and serves the strict behaviours', async () => {
		const { child, info, exited } = await startCli(['--port', '0', '--strict']);
		try {
			expect(Object.keys(info)).toEqual(['url', 'projectId', 'masterKey', 'writeKey', 'readKey', 'organizationId', 'organizationKey']);
			const datasets = await fetch(`${info.url}/3.0/projects/${info.projectId}/datasets`, { headers: { Authorization: info.readKey } });
			expect([datasets.status, ((await datasets.json()) as { error_code: string }).error_code]).toEqual([401, 'InvalidApiKeyError']);
			const saved = await fetch(`${info.url}/3.0/projects/${info.projectId}/queries/saved/q`, {
				method: 'PUT',
				headers: { Authorization: info.masterKey, 'Content-Type': 'application/json' },
				body: JSON.stringify({ refresh_rate: 172_800, query: COUNT_QUERY }),
			});
			expect(saved.status).toBe(400);
		} finally {
			child.kill('SIGTERM');
			await exited;
		}
	});

	it('a switch flag overrides the strict set, and a bad value stops with the allowed ones', async () => {
		const started = await startCli(['--port', '0', '--strict', '--wrong-key-status', '403']);
		try {
			const datasets = await fetch(`${started.info.url}/3.0/projects/${started.info.projectId}/datasets`, { headers: { Authorization: started.info.readKey } });
			expect(((await datasets.json()) as { error_code: string }).error_code).toBe('AdminOnlyEndpointError');
		} finally {
			started.child.kill('SIGTERM');
			await started.exited;
		}
		const bad = await startCli(['--port', '0', '--wrong-key-status', '402']);
		const [code] = await bad.exited;
		expect(code).toBe(1);
		expect(bad.stderr()).toMatch(/wrongKeyStatus must be one of 403, 401/);
	});
});
