import { EventStore } from './store';
import { createIdGenerator, randomHex } from './prng';
import type { KeenServerVariants } from './variants';

export type KeyKind = 'master' | 'write' | 'read' | 'access' | 'organization';

/** Access-key permissions of docs/keen-api.md §10 (`query_definition` is [3P] only but accepted). */
export const ACCESS_PERMISSIONS = ['writes', 'queries', 'saved_queries', 'cached_queries', 'datasets', 'schema', 'query_definition'] as const;
export type AccessPermission = (typeof ACCESS_PERMISSIONS)[number];

export interface AccessKey {
	key: string;
	project_id: string;
	name: string;
	is_active: boolean;
	permitted: AccessPermission[];
	options: Record<string, Record<string, unknown> | null>;
}

export interface SavedQuery {
	query_name: string;
	refresh_rate: number;
	query: Record<string, unknown>;
	metadata: Record<string, unknown>;
	created_date: string;
	last_modified_date: string;
	user_last_modified_date: string;
}

export interface Dataset {
	project_id: string;
	organization_id: string;
	dataset_name: string;
	display_name: string;
	query: Record<string, unknown>;
	index_by: string[];
	created_date: string;
	/** Wall-clock ms when bootstrapping ends, and how long it takes (variant `datasetBootstrapMs`); never answered. */
	ready_at?: number;
	bootstrap_ms?: number;
}

export interface Project {
	id: string;
	name: string;
	masterKey: string;
	writeKey: string;
	readKey: string;
	users: { email: string }[];
	store: EventStore;
	savedQueries: Map<string, SavedQuery>;
	datasets: Map<string, Dataset>;
	accessKeys: Map<string, AccessKey>;
}

/** What a key in a request resolves to. */
export interface ResolvedKey {
	kind: KeyKind;
	project: Project | null;
	accessKey: AccessKey | null;
}

/** An email extraction the server "sent" (docs/keen-api.md §7.9); kept for tests to inspect. */
export interface EmailExtraction {
	projectId: string;
	email: string;
	contentType: string;
	params: Record<string, unknown>;
	eventCount: number;
	/** The file that would have been attached: CSV or JSON text. */
	file: string;
	sentAt: string;
}

export interface Limits {
	eventBytes: number;
	batchBytes: number;
	refreshRateMin: number;
	refreshRateMax: number;
	/** Cached queries (refresh_rate > 0) allowed per project, reported by /limits (§5.6). */
	cachedQueries: number;
}

export interface ProjectSeed {
	id?: string;
	name?: string;
	masterKey?: string;
	writeKey?: string;
	readKey?: string;
	users?: { email: string }[];
}

/** All mutable server state: the organization, its projects and the index from raw key to owner. */
export class ServerState {
	readonly projects = new Map<string, Project>();
	readonly emailExtractions: EmailExtraction[] = [];
	readonly newEventId = createIdGenerator();
	private readonly keyIndex = new Map<string, ResolvedKey>();

	constructor(
		readonly organizationId: string,
		readonly organizationKey: string,
		readonly limits: Limits,
		readonly now: () => Date,
		readonly variants: Readonly<KeenServerVariants>,
	) {
		this.keyIndex.set(organizationKey, { kind: 'organization', project: null, accessKey: null });
	}

	createProject(seed: ProjectSeed): Project {
		const project: Project = {
			id: seed.id ?? randomHex(12),
			name: seed.name ?? 'Local Keen project',
			masterKey: seed.masterKey ?? randomHex(32),
			writeKey: seed.writeKey ?? randomHex(32),
			readKey: seed.readKey ?? randomHex(32),
			users: seed.users ?? [],
			store: new EventStore(),
			savedQueries: new Map(),
			datasets: new Map(),
			accessKeys: new Map(),
		};
		this.projects.set(project.id, project);
		this.keyIndex.set(project.masterKey, { kind: 'master', project, accessKey: null });
		this.keyIndex.set(project.writeKey, { kind: 'write', project, accessKey: null });
		this.keyIndex.set(project.readKey, { kind: 'read', project, accessKey: null });
		return project;
	}

	deleteProject(project: Project): void {
		this.projects.delete(project.id);
		for (const key of [project.masterKey, project.writeKey, project.readKey, ...project.accessKeys.keys()]) this.keyIndex.delete(key);
	}

	addAccessKey(project: Project, accessKey: AccessKey): void {
		project.accessKeys.set(accessKey.key, accessKey);
		this.keyIndex.set(accessKey.key, { kind: 'access', project, accessKey });
	}

	removeAccessKey(project: Project, key: string): void {
		project.accessKeys.delete(key);
		this.keyIndex.delete(key);
	}

	resolveKey(rawKey: string): ResolvedKey | undefined {
		return this.keyIndex.get(rawKey);
	}

	findProjectByName(name: string): Project | undefined {
		for (const project of this.projects.values()) if (project.name === name) return project;
		return undefined;
	}
}
