/**
 * The Keen test server in its own process for the benchmark, so the node's peak RSS is not
 * mixed with the server's. Body logging is off; the orchestrator controls it over IPC.
 * Run by bench/lib/processes.ts (fork with an IPC channel), not by hand.
 */
import { startKeenServer } from '../test/keen-server';
import { cpuMs } from './lib/case';
import { makeEvent } from './lib/events';
import type { ControlCommand, ControlReply, ControlRequest, ServerInfo, ServerStats } from './lib/protocol';

const SEED_CHUNK = 10_000;

async function main(): Promise<void> {
	if (!process.send) throw new Error('bench/server.ts must be started with an IPC channel (bench/run.ts does this)');
	const server = await startKeenServer({ port: 0, host: '127.0.0.1', logBodies: false });

	// CPU the server spent since the last `clear`: tells a server-bound run from a client-bound one.
	let cpuSinceClear = process.cpuUsage();
	const stats = (collection?: string): ServerStats => ({
		requests: server.requests.length,
		failedRequests: server.requests.reduce((n, entry) => (entry.status >= 400 || entry.status === 0 ? n + 1 : n), 0),
		events: server.eventCount(collection),
		peakRssMB: process.resourceUsage().maxRSS / 1024,
		cpuMs: Math.round(cpuMs(process.cpuUsage(cpuSinceClear))),
		eventsScanned: server.requests.reduce((n, entry) => n + (entry.eventsScanned ?? 0), 0),
	});

	const handle = (command: ControlCommand): ServerStats => {
		switch (command.cmd) {
			case 'clear':
				server.clearRequests();
				cpuSinceClear = process.cpuUsage();
				break;
			case 'dropCollection':
				server.project.store.deleteCollection(command.collection);
				break;
			case 'seed': {
				const span = command.toMs - command.fromMs;
				for (let start = 0; start < command.count; start += SEED_CHUNK) {
					const events = [];
					for (let i = start; i < Math.min(command.count, start + SEED_CHUNK); i++) {
						const ms = command.fromMs + Math.floor((i / command.count) * span);
						events.push({ ...makeEvent(i), keen: { timestamp: new Date(ms).toISOString() } });
					}
					if (command.receivedAsStamped) server.setNow(new Date(command.fromMs + Math.floor((Math.min(command.count, start + SEED_CHUNK) / command.count) * span)));
					server.ingest(command.collection, events);
				}
				server.setNow(null);
				break;
			}
			case 'stats':
				return stats(command.collection);
		}
		return stats('collection' in command ? command.collection : undefined);
	};

	process.on('message', (message: ControlRequest) => {
		let reply: ControlReply;
		try {
			reply = { id: message.id, result: handle(message.command) };
		} catch (error) {
			reply = { id: message.id, error: (error as Error).message };
		}
		process.send?.(reply);
	});
	// The orchestrator going away (normally or not) ends the server too.
	process.on('disconnect', () => {
		void server.close().finally(() => process.exit(0));
	});

	const info: ServerInfo = {
		url: server.url,
		projectId: server.projectId,
		masterKey: server.masterKey,
		writeKey: server.writeKey,
		readKey: server.readKey,
		organizationId: server.organizationId,
		organizationKey: server.organizationKey,
	};
	process.send({ ready: info });
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
