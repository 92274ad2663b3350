import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let userFolder: string | undefined;

/**
 * Must run before n8n-core reads its config. n8n-core writes instance settings (with an
 * encryption key) under N8N_USER_FOLDER, by default the developer's home; and its logger prints
 * every expected node error. Values already set in the environment win, for debugging.
 */
export function prepareN8nEnvironment(): void {
	if (!process.env.N8N_USER_FOLDER) {
		userFolder = mkdtempSync(join(tmpdir(), 'n8n-nodes-keen-jest-'));
		process.env.N8N_USER_FOLDER = userFolder;
	}
	process.env.N8N_LOG_LEVEL ??= 'silent';
}

export function removeN8nUserFolder(): void {
	if (!userFolder) return;
	rmSync(userFolder, { recursive: true, force: true });
	if (process.env.N8N_USER_FOLDER === userFolder) delete process.env.N8N_USER_FOLDER;
	userFolder = undefined;
}
