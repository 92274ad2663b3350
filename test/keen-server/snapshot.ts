import { existsSync, readFileSync, writeFileSync, renameSync } from 'node:fs';
import type { AccessKey, Dataset, Project, SavedQuery, ServerState } from './state';

/** A project as saved to the data file: its plain fields, with maps and the store as arrays. */
interface ProjectSnapshot extends Pick<Project, 'id' | 'name' | 'masterKey' | 'writeKey' | 'readKey' | 'users'> {
	collections: Record<string, Record<string, unknown>[]>;
	savedQueries: SavedQuery[];
	datasets: Dataset[];
	accessKeys: AccessKey[];
}

export interface Snapshot {
	version: 1;
	organizationId: string;
	organizationKey: string;
	projects: ProjectSnapshot[];
}

export function readSnapshot(file: string): Snapshot | null {
	if (!existsSync(file)) return null;
	const snapshot = JSON.parse(readFileSync(file, 'utf8')) as Snapshot;
	if (snapshot.version !== 1) throw new Error(`${file} is not a keen-server snapshot (version ${String(snapshot.version)}).`);
	return snapshot;
}

/** Restores projects with their keys, events (uniqueness tokens re-claimed at keen.created_at), queries, datasets and access keys. */
export function restoreSnapshot(state: ServerState, snapshot: Snapshot): void {
	for (const saved of snapshot.projects) {
		const project = state.createProject(saved);
		for (const [collection, events] of Object.entries(saved.collections)) {
			for (const event of events) {
				const keen = event.keen as { timestamp: string; created_at: string };
				project.store.insert(collection, { ts: Date.parse(keen.timestamp), event }, Date.parse(keen.created_at));
			}
		}
		for (const query of saved.savedQueries) project.savedQueries.set(query.query_name, query);
		for (const dataset of saved.datasets) project.datasets.set(dataset.dataset_name, dataset);
		for (const accessKey of saved.accessKeys) state.addAccessKey(project, accessKey);
	}
}

/** Writes the whole state; through a temporary file so an interrupted save never truncates the demo's data. */
export function writeSnapshot(state: ServerState, file: string): void {
	const snapshot: Snapshot = {
		version: 1,
		organizationId: state.organizationId,
		organizationKey: state.organizationKey,
		projects: [...state.projects.values()].map((project) => ({
			id: project.id,
			name: project.name,
			masterKey: project.masterKey,
			writeKey: project.writeKey,
			readKey: project.readKey,
			users: project.users,
			collections: Object.fromEntries([...project.store.collections].map(([name, collection]) => [name, collection.events.map(({ event }) => event)])),
			savedQueries: [...project.savedQueries.values()],
			datasets: [...project.datasets.values()],
			accessKeys: [...project.accessKeys.values()],
		})),
	};
	const temporary = `${file}.tmp`;
	writeFileSync(temporary, JSON.stringify(snapshot));
	renameSync(temporary, file);
}
