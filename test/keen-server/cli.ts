import { startKeenServer, type KeenServerOptions, type KeenServerVariants } from './index';
import { parseVariantValue, variantFromFlag, VARIANT_NAMES } from './variants';

const VARIANT_FLAGS = VARIANT_NAMES.map((name) => `--${name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)} V`).join(' ');
const USAGE = `Usage: keen:local [--port N] [--seed N | --empty] [--data FILE] [--strict] [${VARIANT_FLAGS}]`;

/** Sample events a new project gets unless told otherwise: enough for every list and chart in the editor. */
const DEFAULT_SEED = 500;

/**
 * `--port 8765 --seed 500 --data demo.json --strict --wrong-key-status 403` → server options:
 * the project starts with DEFAULT_SEED sample events (`--seed N` sets how many, `--empty` none);
 * `--strict` starts from the strictest variants, a variant flag sets one switch (README table);
 * unknown flags are an error.
 */
function parseArgs(argv: string[]): KeenServerOptions {
	const options: KeenServerOptions = { port: 0, seed: DEFAULT_SEED };
	const variants: Partial<KeenServerVariants> & { strict?: boolean } = {};
	for (let i = 0; i < argv.length; i += 2) {
		const flag = argv[i];
		if (flag === '--strict' || flag === '--empty') {
			if (flag === '--strict') variants.strict = true;
			else options.seed = 0;
			i--;
			continue;
		}
		const value = argv[i + 1];
		if (value === undefined) throw new Error(`${flag} needs a value. ${USAGE}`);
		const variant = variantFromFlag(flag);
		if (flag === '--port' || flag === '--seed') {
			const number = Number(value);
			if (!Number.isInteger(number) || number < 0) throw new Error(`${flag} must be a non-negative integer. ${USAGE}`);
			options[flag === '--port' ? 'port' : 'seed'] = number;
		} else if (flag === '--data') options.dataFile = value;
		else if (variant) Object.assign(variants, { [variant]: parseVariantValue(variant, value) });
		else throw new Error(`Unknown option ${flag}. ${USAGE}`);
	}
	if (Object.keys(variants).length > 0) options.variants = variants;
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
