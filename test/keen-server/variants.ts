/**
 * Switches for the points where Keen's sources disagree (issue 11): each option is a plausible
 * behaviour of the real Keen, so the node can be tested against either answer. README.md has the
 * table of sources; DEFAULT_VARIANTS is what the server always did, STRICT_VARIANTS the hardest
 * combination for a client.
 */
export interface KeenServerVariants {
	/**
	 * Non-zero `refresh_rate` bounds (docs/keen-api.md §8.2): `explorer` 4–48 h (14,400–172,800 s),
	 * `docs` 1–24 h (3,600–86,400 s, Keen's docs quoted in 2017), `java` 4–24 h (14,400–86,400 s,
	 * found "empirically" by the Java SDK).
	 */
	refreshRate: 'explorer' | 'docs' | 'java';
	/**
	 * Wall-clock milliseconds a new cached dataset bootstraps before its results exist (§9.1):
	 * first half `Created`, then `Bootstrapping`, then `OK`, the dates null until then. 0 = ready at once.
	 */
	datasetBootstrapMs: number;
	/** What dataset results answer while bootstrapping: an empty `result` list, or a 400 error. */
	datasetResultsWhileBootstrapping: 'empty' | 'error';
	/** Saved-query definitions also carry `urls` and `project_id` — read-only fields the PUT refuses (§8.3). */
	savedQueryReadOnlyEcho: boolean;
	/** Dataset list and definition and `GET /queries` need the master key (Ruby gem, Python client) instead of the read key. */
	masterOnlyLists: boolean;
	/** Status for a valid key of the wrong kind: 403 InsufficientKeyPermissionsError, or 401 InvalidApiKeyError. */
	wrongKeyStatus: 401 | 403;
	/** Project update without `users` (or `name`): `merge` keeps what was omitted, `replace` clears the users. */
	projectUpdate: 'merge' | 'replace';
	/** Funnel: `time` = each step's event at or after the previous step's; `any` = any order within the timeframes. */
	funnelOrder: 'time' | 'any';
	/** `this_N_units` ends at the end of the current unit (`unitEnd`, future-dated events count) or at `now`. */
	thisUnitsEnd: 'unitEnd' | 'now';
	/** Access-key list: `paged` reads `page`/`per_page`; `ignored` answers every key whatever is asked (Keen's clients never send them). */
	accessKeyPaging: 'paged' | 'ignored';
}

export const DEFAULT_VARIANTS: Readonly<KeenServerVariants> = Object.freeze({
	refreshRate: 'explorer',
	datasetBootstrapMs: 0,
	datasetResultsWhileBootstrapping: 'empty',
	savedQueryReadOnlyEcho: false,
	masterOnlyLists: false,
	wrongKeyStatus: 403,
	projectUpdate: 'merge',
	funnelOrder: 'time',
	thisUnitsEnd: 'unitEnd',
	accessKeyPaging: 'paged',
});

/** The strictest answer to every point; bootstrapping is kept short so tests can wait it out. */
export const STRICT_VARIANTS: Readonly<KeenServerVariants> = Object.freeze({
	refreshRate: 'java',
	datasetBootstrapMs: 1_500,
	datasetResultsWhileBootstrapping: 'empty',
	savedQueryReadOnlyEcho: true,
	masterOnlyLists: true,
	wrongKeyStatus: 401,
	projectUpdate: 'replace',
	funnelOrder: 'time',
	thisUnitsEnd: 'now',
	accessKeyPaging: 'ignored',
});

export const REFRESH_RATE_BOUNDS: Record<KeenServerVariants['refreshRate'], { min: number; max: number }> = {
	explorer: { min: 14_400, max: 172_800 },
	docs: { min: 3_600, max: 86_400 },
	java: { min: 14_400, max: 86_400 },
};

/** Allowed values of each enumerated switch, for the CLI and the environment variable. */
const CHOICES: { [K in keyof KeenServerVariants]: readonly KeenServerVariants[K][] | 'ms' } = {
	refreshRate: ['explorer', 'docs', 'java'],
	datasetBootstrapMs: 'ms',
	datasetResultsWhileBootstrapping: ['empty', 'error'],
	savedQueryReadOnlyEcho: [false, true],
	masterOnlyLists: [false, true],
	wrongKeyStatus: [403, 401],
	projectUpdate: ['merge', 'replace'],
	funnelOrder: ['time', 'any'],
	thisUnitsEnd: ['unitEnd', 'now'],
	accessKeyPaging: ['paged', 'ignored'],
};

export const VARIANT_NAMES = Object.keys(CHOICES) as (keyof KeenServerVariants)[];

/** `--wrong-key-status` → `wrongKeyStatus`. */
export function variantFromFlag(flag: string): keyof KeenServerVariants | undefined {
	const camel = flag.replace(/^--/, '').replace(/-([a-z])/g, (_match, letter: string) => letter.toUpperCase());
	return (VARIANT_NAMES as string[]).includes(camel) ? (camel as keyof KeenServerVariants) : undefined;
}

/** A switch's value from text (`true`, `401`, `java`, `1500`); an error names the allowed ones. */
export function parseVariantValue(name: keyof KeenServerVariants, text: string): KeenServerVariants[keyof KeenServerVariants] {
	const choices = CHOICES[name];
	if (choices === 'ms') {
		const ms = Number(text);
		if (!Number.isInteger(ms) || ms < 0) throw new Error(`${name} must be a non-negative integer number of milliseconds.`);
		return ms;
	}
	const value = choices.find((choice) => String(choice) === text);
	if (value === undefined) throw new Error(`${name} must be one of ${choices.join(', ')}; got "${text}".`);
	return value;
}

/**
 * The variants a server runs with: `strict` or an object of switches over the defaults (or over
 * the strict set when it says `strict: true`).
 */
export function resolveVariants(input: 'strict' | (Partial<KeenServerVariants> & { strict?: boolean }) | undefined): KeenServerVariants {
	if (input === 'strict') return { ...STRICT_VARIANTS };
	const { strict, ...switches } = input ?? {};
	return { ...(strict ? STRICT_VARIANTS : DEFAULT_VARIANTS), ...switches };
}

/**
 * KEEN_LOCAL_VARIANTS, read when startKeenServer is given no `variants`: `strict`, or
 * comma-separated `name=value` pairs (`wrongKeyStatus=401,masterOnlyLists=true`). It lets the
 * test command run unchanged test files against another combination.
 */
export function variantsFromEnvironment(text: string | undefined): 'strict' | Partial<KeenServerVariants> | undefined {
	if (!text?.trim()) return undefined;
	if (text.trim() === 'strict') return 'strict';
	const switches: Record<string, unknown> = {};
	for (const pair of text.split(',')) {
		const [rawName, value = ''] = pair.split('=').map((part) => part.trim());
		const name = (VARIANT_NAMES as string[]).includes(rawName) ? (rawName as keyof KeenServerVariants) : undefined;
		if (!name) throw new Error(`KEEN_LOCAL_VARIANTS: unknown switch "${rawName}" (known: strict, ${VARIANT_NAMES.join(', ')}).`);
		switches[name] = parseVariantValue(name, value);
	}
	return switches as Partial<KeenServerVariants>;
}
