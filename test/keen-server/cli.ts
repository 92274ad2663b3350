import { startKeenServer, type KeenServerOptions } from './index';

const USAGE = 'Usage: keen:local [--port N] [--seed N] [--data FILE]';

/** `--port 8765 --seed 500 --data demo.json` → server options; unknown flags are an error. */
function parseArgs(argv: string[]): KeenServerOptions {
	const options: KeenServerOptions = { port: 0 };
	for (let i = 0; i < argv.length; i += 2) {
		const [flag, value] = [argv[i], argv[i + 1]];
		if (value === undefined) throw new Error(`${flag} needs a value. ${USAGE}`);
		if (flag === '--port' || flag === '--seed') {
			const number = Number(value);
			if (!Number.isInteger(number) || number < 0) throw new Error(`${flag} must be a non-negative integer. ${USAGE}`);
			options[flag === '--port' ? 'port' : 'seed'] = number;
		} else if (flag === '--data') options.dataFile = value;
		else throw new Error(`Unknown option ${flag}. ${USAGE}`);
	}
	return options;
}

/** Prints exactly one JSON line with the URL and keys, then serves until SIGINT/SIGTERM. */
async function main(): Promise<void> {
	const server = await startKeenServer(parseArgs(process.argv.slice(2)));
	const { url, projectId, masterKey, writeKey, readKey, organizationId, organizationKey } = server;
	process.stdout.write(JSON.stringify({ url, projectId, masterKey, writeKey, readKey, organizationId, organizationKey }) + '\n');
	const stop = () => {
		server.close().then(
			() => process.exit(0),
			(error) => {
				process.stderr.write(`keen-server: ${(error as Error).message}\n`);
				process.exit(1);
			},
		);
	};
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
}

main().catch((error) => {
	process.stderr.write(`keen-server: ${(error as Error).message}\n`);
	process.exit(1);
});
