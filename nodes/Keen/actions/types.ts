import type {
	IBinaryData,
	IDataObject,
	INode,
	INodeProperties,
} from 'n8n-workflow';

import type { KeenPath } from '../helpers/path';
import type { AutoTokenScope } from '../helpers/uniqueness';
import type { KeenRoute } from '../transport/routes';
import type { KeenRequest, KeyKind } from '../transport/types';

export type ResourceValue =
	| 'event'
	| 'chart'
	| 'collection'
	| 'query'
	| 'extraction'
	| 'savedQuery'
	| 'cachedDataset'
	| 'accessKey'
	| 'project';

/**
 * The raw parameter values of one item as n8n returns them (paramReader.ts: hidden fields at their
 * default, resource locators unwrapped), unchecked: an expression can give any value, so whoever
 * reads one checks it (the adapters in queryInputs.ts, the helpers' validators).
 */
export type RawParams = IDataObject;

/** One input item as a batched operation gets it: its index, its parameters and its JSON. */
export interface BatchItem {
	index: number;
	params: RawParams;
	json: IDataObject;
}

/** What an operation's hooks may use: requests, binary data, hints, the run's identity and the node (for errors). */
export interface RunContext {
	/** Sends one request; its route must be one the spec declares, whose key kind and scope it takes. */
	request(request: Omit<KeenRequest, 'keyKind' | 'scope' | 'operationName'> & { keyKind?: KeyKind }): Promise<unknown>;
	/** Prepares binary data (Extract to CSV). */
	prepareBinary(data: Buffer, fileName: string, mimeType: string): Promise<IBinaryData>;
	/** Whether an AI agent runs the node as its tool (the Keen Tool): results and errors are written for a model. */
	readonly asTool: boolean;
	/** In a tool run, at most this many result items reach the model ("Max Items for the Model"); 0: all of them, or no tool run. */
	readonly toolMaxItems: number;
	/** A note for the workflow's user, shown as an execution hint above the output. */
	addHint(message: string): void;
	/** A value loaded once per execution of the node and shared by all its items (the schema that explains empty results). */
	once<T>(key: string, load: () => Promise<T>): Promise<T>;
	/** Who is running, for Auto uniqueness tokens: this execution, workflow, node and run of the node. */
	runScope(): AutoTokenScope;
	/** The node, for the errors an operation builds. */
	readonly node: INode;
	/**
	 * Replaces the per-item outputs with one item for the whole run: `json`, plus the runner's count
	 * of items and the failed ones (continue on fail), which the item is paired with.
	 */
	summariseRun(json: IDataObject): void;
}

/** An output of one operation for one input item. */
export interface OperationOutput {
	json: IDataObject;
	binary?: Record<string, IBinaryData>;
}

/** Per input item outcome of a batched operation. */
export type ItemOutcome =
	| { index: number; outputs: OperationOutput[] }
	| { index: number; error: Error };

/** Where a batch operation sends each item's outcome as soon as it is known (the runner's collector). */
export type ReportOutcome = (outcome: ItemOutcome) => void;

/**
 * One Keen operation, declared once: its UI fields, routes (and so its key kind) and how its answer becomes items.
 * Simple operations send their one route, built by `path`, with optionally `qs`/`body`/`toItems`;
 * multi-request ones give `run`; operations that send many items in one request give `runBatch`.
 */
export interface KeenOperation {
	resource: ResourceValue;
	value: string;
	/** Dropdown label, e.g. "Get Many". */
	name: string;
	/** Sentence-case action text, e.g. "Get many saved queries". */
	action: string;
	description: string;
	/**
	 * Every Keen route the operation sends to (transport/routes.ts), its main one first: the main
	 * route's key kind is the operation's (README's Key column). Empty only for Chart → Render.
	 */
	routes: readonly KeenRoute[];
	/** The fields, without displayOptions for resource/operation: the registry scopes them. */
	properties: INodeProperties[];
	/** Guards checked before anything is built or sent (a typed confirmation, say); throws KeenInputError. */
	validate?: (params: RawParams) => void;
	/** The path of a simple operation's route, built with `keenPath` (helpers/path.ts). */
	path?: (params: RawParams) => KeenPath;
	qs?: (params: RawParams) => IDataObject | undefined;
	/** `reader` (given by the runner) says who reads the answer: a workflow, or a model that gets at most `toolMaxItems` items. */
	body?: (params: RawParams, reader?: Pick<RunContext, 'asTool' | 'toolMaxItems'>) => unknown;
	/**
	 * Turns Keen's answer into output items; default: an object → one item, an array → one item per element.
	 * `body` is what `body(params)` built and was sent, so the answer can be read against it without rebuilding it;
	 * `run` tells the node's version and whether a model runs it.
	 */
	toItems?: (response: unknown, params: RawParams, body: unknown, run: RunContext) => IDataObject[];
	/** For operations of several requests (paginated Get Many, fetch-merge-put). */
	run?: (ctx: RunContext, params: RawParams, itemIndex: number) => Promise<OperationOutput[]>;
	/**
	 * For operations whose items share requests (Record, Record Many): `report` gets one outcome per
	 * input item, in any order, as soon as it is known (the runner builds output items meanwhile);
	 * resolves once every item has one.
	 */
	runBatch?: (ctx: RunContext, items: BatchItem[], report: ReportOutcome) => Promise<void>;
	/**
	 * Whether an empty or null-grouped result of this item is explained with one look at the project's
	 * schema (actions/resultNotes.ts); such a spec declares `ROUTES.listCollections` among its routes.
	 */
	explainsEmptyResult?: (params: RawParams) => boolean;
	/** What a model is told the items are when it gets only some of them; default "items". */
	itemNoun?: string;
}
