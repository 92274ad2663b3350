import { existsSync } from 'node:fs';
import { join } from 'node:path';

import { loadDistPackage, PACKAGE_ROOT, type LoadedDistPackage } from './index';

// Loads what package.json declares; builds dist/ first when it is missing or stale (slow: tsc).
describe('loadDistPackage', () => {
	let loaded: LoadedDistPackage;

	beforeAll(async () => {
		loaded = await loadDistPackage();
	}, 180_000);

	it('loads the Keen node from dist with n8n-core PackageDirectoryLoader', () => {
		const keen = loaded.nodes.keen;

		expect(loaded.packageName).toBe('n8n-nodes-keen');
		expect(keen).toMatchObject({ className: 'Keen', sourcePath: 'dist/nodes/Keen/Keen.node.js' });
		expect(keen.description.codex?.categories).toEqual(expect.arrayContaining(['Analytics']));
		expect(keen.iconFiles).toHaveLength(2);
		for (const file of keen.iconFiles) expect(existsSync(file)).toBe(true);
	});

	it('loads the KeenTrigger polling node with the pollTimes field n8n injects', () => {
		const trigger = loaded.nodes.keenTrigger;

		expect(trigger).toMatchObject({ className: 'KeenTrigger', sourcePath: 'dist/nodes/KeenTrigger/KeenTrigger.node.js' });
		expect(trigger.description.properties[0].name).toBe('pollTimes');
	});

	it('loads the keenApi credential and links it to both nodes', () => {
		const credential = loaded.credentials.keenApi;

		expect(credential).toMatchObject({ className: 'KeenApi', sourcePath: 'dist/credentials/KeenApi.credentials.js' });
		expect(credential.supportedNodes.sort()).toEqual(['keen', 'keenTrigger']);
		expect(existsSync(join(PACKAGE_ROOT, credential.sourcePath))).toBe(true);
	});
});
