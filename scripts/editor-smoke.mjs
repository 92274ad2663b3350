/*
 * The walk of `npm run editor:smoke`, run by scripts/editor-smoke.sh once n8n (fresh database) and the local Keen
 * server are up: a headless Chromium (Debian's, driven by playwright-core) signs in, builds Manual Trigger → Keen
 * Count → Keen Chart → Render from the node creator, executes them and checks what the editor shows against the
 * local Keen server, looks at Record Many's JSON default, then opens the Keen Trigger's three events and fetches a
 * test event of each, and fails the credential Test on purpose. Screenshots go to $SHOTS; one JSON summary line goes
 * to stdout; exit 0 only when every check held. docs/real-n8n.md › The editor in a real browser.
 *
 * Checks named "[editor branch] …" test what issue 24's node changes bring (node version 1.1, chart titles, no
 * Request Options on Chart → Render, empty JSON defaults, the trigger's timeframe picker and threshold, the credential
 * Test's text); they fail on a tree without those changes.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { chromium, selectors } from 'playwright-core';

const env = process.env;
const N8N_URL = env.N8N_URL;
const keen = JSON.parse(env.KEEN_INFO);
const SHOTS = env.SHOTS;
const SMOKE_DIR = env.SMOKE_DIR;
// Only for this throw-away database on 127.0.0.1 (n8n wants 8+ characters, a number and a capital letter).
const OWNER = { email: 'owner@editor-smoke.local', firstName: 'Editor', lastName: 'Smoke', password: 'EditorSmoke1' };
const COLLECTION = 'purchases';
const FILTER = { property: 'country', operator: 'eq', value: 'US' };
const SAVED_QUERY = 'purchases-by-country';
// Bounds: one UI action or wait, a node execution (n8n and the task runner share 2 busy cores), the whole walk.
const ACTION_MS = Number(env.EDITOR_SMOKE_ACTION_MS ?? 30_000);
const EXECUTE_MS = Number(env.EDITOR_SMOKE_EXECUTE_MS ?? 120_000);
const WALK_MS = Number(env.EDITOR_SMOKE_WALK_MS ?? 900_000);
const EDITOR_BRANCH = '[editor branch]';

const started = Date.now();
const checks = [];
const screenshots = [];
const note = (text) => process.stderr.write(`   ${text}\n`);

function check(name, ok, detail = '') {
	checks.push({ name, ok: Boolean(ok), ...(detail === '' ? {} : { detail: String(detail).slice(0, 300) }) });
	note(`${ok ? 'ok  ' : 'FAIL'} ${name}${detail === '' ? '' : `: ${String(detail).slice(0, 300)}`}`);
}

// ---- the local Keen server, asked directly

async function keenRequest(method, path, key, body) {
	const response = await fetch(`${keen.url}/3.0/projects/${keen.projectId}${path}`, {
		method,
		headers: { Authorization: key, 'Content-Type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
		signal: AbortSignal.timeout(ACTION_MS),
	});
	const text = await response.text();
	if (!response.ok) throw new Error(`Keen ${method} ${path}: ${response.status} ${text}`);
	return text === '' ? undefined : JSON.parse(text);
}

// ---- n8n: the owner account, through its REST API (the sign-in itself goes through the editor)

async function setUpOwner() {
	const response = await fetch(`${N8N_URL}/rest/owner/setup`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify(OWNER),
		signal: AbortSignal.timeout(ACTION_MS),
	});
	// 400 when an owner exists already (a rerun against a kept database): signing in tells whether it is ours.
	if (!response.ok && response.status !== 400) throw new Error(`POST /rest/owner/setup: ${response.status} ${await response.text()}`);
}

// ---- the browser

const CHROMIUM_ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

/** Chromium with a fresh profile; its pid goes to $SMOKE_DIR/chromium.pid so that the shell stops it in any case. */
async function launchBrowser() {
	const profile = join(SMOKE_DIR, 'chromium-profile');
	rmSync(profile, { recursive: true, force: true });
	mkdirSync(profile, { recursive: true });
	const context = await chromium.launchPersistentContext(profile, {
		executablePath: env.CHROMIUM,
		headless: true,
		args: CHROMIUM_ARGS,
		viewport: { width: 1440, height: 900 },
		timeout: ACTION_MS * 2,
	});
	const pid = browserPid(profile);
	if (pid) writeFileSync(join(SMOKE_DIR, 'chromium.pid'), `${pid}\n`);
	context.setDefaultTimeout(ACTION_MS);
	return { context, pid };
}

/** The pid of the Chromium this process started with `profile` (its child whose command line names that folder). */
function browserPid(profile) {
	const lines = execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(process.pid)], { encoding: 'utf8' }).split('\n');
	const line = lines.find((entry) => entry.includes(`--user-data-dir=${profile}`));
	return line ? Number(line.trim().split(/\s+/)[0]) : undefined;
}

async function shot(page, name) {
	const file = join(SHOTS, `${name}.png`);
	await page.screenshot({ path: file, timeout: ACTION_MS });
	screenshots.push(file);
}

// ---- editor helpers (n8n marks its elements with data-test-id)

selectors.setTestIdAttribute('data-test-id');
const byId = (scope, id) => scope.getByTestId(id);

/**
 * Searches the open node creator for Keen, clicks it, then the action (or trigger event) named `action`; with
 * `shotName`, a screenshot of the list first.
 */
async function pickFromNodeCreator(page, action, shotName) {
	const creator = byId(page, 'node-creator');
	await byId(page, 'node-creator-search-bar').fill('Keen');
	await creator.getByText('Keen', { exact: true }).first().click();
	const item = creator.getByText(action, { exact: true });
	// The Actions section may start folded (when the trigger's events are listed first); it renders a moment after
	// the node is clicked, so its header is clicked only when the item did not show, and again if that folded it.
	for (let attempt = 1; ; attempt++) {
		try {
			await item.waitFor({ timeout: ACTION_MS / 6 });
			break;
		} catch (error) {
			if (attempt === 4) throw error;
			await creator.getByText(/^Actions \(\d+\)$/).click();
		}
	}
	if (shotName) {
		await item.scrollIntoViewIfNeeded();
		await shot(page, shotName);
	}
	await item.click();
	await byId(page, 'ndv').waitFor();
}

/** Opens the "From list" resource locator of parameter `name` and picks `value`; returns every entry listed. */
async function pickFromList(page, name, value) {
	await byId(byId(page, `resource-locator-${name}`), 'rlc-input').click();
	const items = byId(page, 'rlc-item');
	await items.first().waitFor();
	const listed = (await items.allInnerTexts()).map((text) => text.trim());
	await items.filter({ hasText: new RegExp(`^${value}$`) }).click();
	return listed;
}

/** Clicks a dropdown until an option matching `expected` shows (three tries). */
async function openOptions(page, dropdown, expected) {
	const option = page.getByRole('option').filter({ hasText: expected }).first();
	for (let attempt = 1; ; attempt++) {
		await dropdown.click();
		try {
			await option.waitFor({ timeout: ACTION_MS / 3 });
			return option;
		} catch (error) {
			if (attempt === 3) throw error;
			await page.keyboard.press('Escape');
		}
	}
}

async function pickOption(page, name, option) {
	await (await openOptions(page, byId(page, `parameter-input-${name}`), option)).click();
}

/**
 * Clicks Execute step (or Fetch Test Event) and waits for n8n's toast: "Node executed successfully", or the error's.
 * Toasts left from an earlier run are closed first, so the one read is this run's.
 */
async function executeStep(page) {
	const toasts = page.locator('.el-notification');
	for (const close of await toasts.locator('.el-notification__closeBtn').all()) await close.click().catch(() => undefined);
	await toasts.first().waitFor({ state: 'detached', timeout: ACTION_MS }).catch(() => undefined);
	await byId(page, 'node-execute-button').click();
	await toasts.first().waitFor({ timeout: EXECUTE_MS });
	const toast = (await toasts.first().innerText()).replace(/\s+/g, ' ').trim();
	return { ok: /executed successfully/i.test(toast), toast };
}

/** The output panel's table: its column names and rows of cell texts (n8n adds an empty last column). */
async function outputTable(page) {
	const output = byId(page, 'output-panel');
	await byId(output, 'radio-button-table').click();
	const table = byId(output, 'ndv-data-container').locator('table');
	await table.waitFor();
	const { heads, rows } = await table.evaluate((element) => ({
		heads: [...element.querySelectorAll('thead th')].map((th) => th.innerText.trim()),
		rows: [...element.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.innerText.trim())),
	}));
	return rows.map((row) => Object.fromEntries(heads.map((head, i) => [head, row[i]]).filter(([head]) => head !== '')));
}

const parameterNames = async (page) => (await byId(page, 'node-parameters').innerText()).split('\n').map((line) => line.trim());

/** "Keen node version 1.1 (Latest)" in the node's Settings tab → "1.1". */
async function nodeVersion(page) {
	await byId(page, 'tab-settings').click();
	const text = await byId(page, 'ndv').innerText();
	await byId(page, 'tab-params').click();
	return /Keen(?: Trigger)? node version ([\d.]+)/.exec(text)?.[1];
}

async function closeNdv(page) {
	await byId(page, 'ndv-close-button').click();
	await byId(page, 'ndv').waitFor({ state: 'hidden' });
}

async function openNewWorkflow(page) {
	await page.goto(`${N8N_URL}/workflow/new`, { waitUntil: 'domcontentloaded', timeout: EXECUTE_MS });
	await byId(page, 'canvas-add-button').click({ timeout: EXECUTE_MS });
}

// ---- the walk

async function signIn(page) {
	await page.goto(`${N8N_URL}/signin`, { waitUntil: 'domcontentloaded', timeout: EXECUTE_MS });
	// The first load of the editor's bundles is slow on a busy machine.
	await page.locator('[data-test-id=emailOrLdapLoginId] input').fill(OWNER.email, { timeout: EXECUTE_MS });
	await page.locator('[data-test-id=password] input').fill(OWNER.password);
	await shot(page, '01-sign-in');
	await byId(page, 'form-submit-button').click();
	await page.waitForURL(/\/home\/|\/workflow/, { timeout: EXECUTE_MS });
	check('signed in as the owner', true, page.url());
}

/** Manual Trigger → Count (collection from the list, one filter row) → Chart → Render; returns the count shown. */
async function countAndChart(page) {
	await openNewWorkflow(page);
	await pickFromNodeCreator(page, 'Count events', '02-node-creator-keen');
	const params = byId(page, 'node-parameters');
	const operation = await byId(params, 'parameter-input-operation').locator('input').inputValue();
	check('the Keen node was added from the node creator as Query → Count', operation === 'Count' && (await byId(params, 'resource-locator-collection').isVisible()), `Operation: ${operation}`);
	const version = await nodeVersion(page);
	check(`${EDITOR_BRANCH} a new Keen node is version 1.1`, version === '1.1', `version ${version}`);

	const listed = await pickFromList(page, 'collection', COLLECTION);
	check('the collection list shows the local Keen collections', ['pageviews', 'purchases', 'signups'].every((name) => listed.includes(name)), listed.join(', '));

	const filters = byId(params, 'fixed-collection-filters');
	await byId(filters, 'fixed-collection-add').click();
	// The list loads the collection's schema from Keen; a click while the row is still being laid out can miss.
	await openOptions(page, byId(filters, 'parameter-input-propertyName'), /^price/);
	const properties = (await page.getByRole('option').allInnerTexts()).map((text) => text.split('\n')[0].trim());
	check(`the filter row's property list holds ${COLLECTION}' properties`, properties.includes(FILTER.property) && properties.includes('price'), properties.join(', '));
	await page.getByRole('option').filter({ hasText: new RegExp(`^${FILTER.property}`) }).first().click();
	await byId(filters, 'parameter-input-value').locator('input').fill(FILTER.value);
	const run = await executeStep(page);
	check('Count ran with Execute step', run.ok, run.toast);
	const rows = await outputTable(page);
	const { result: expected } = await keenRequest('POST', '/queries/count', keen.readKey, {
		event_collection: COLLECTION,
		timeframe: 'this_7_days',
		timezone: 'UTC',
		filters: [{ property_name: FILTER.property, operator: FILTER.operator, property_value: FILTER.value }],
	});
	check('the output table shows the count a direct query to Keen gives', rows.length === 1 && rows[0].value === String(expected), `table ${JSON.stringify(rows)}, Keen ${expected}`);
	await shot(page, '03-count-executed');
	await closeNdv(page);

	// Chart → Render after Count, from the output's + on the canvas.
	await page.locator('[data-test-id="canvas-node-output-handle"][data-node-name="Count events"] [data-test-id="canvas-handle-plus"]').first().click();
	await pickFromNodeCreator(page, 'Render a chart image of a result');
	check(`${EDITOR_BRANCH} Chart → Render shows no Request Options`, !(await parameterNames(page)).includes('Request Options'));
	// SVG first: its <title> holds the title and subtitle the renderer drew.
	await pickOption(page, 'format', /^SVG/);
	const svgRun = await executeStep(page);
	check('Chart → Render ran after Count', svgRun.ok, svgRun.toast);
	await byId(byId(page, 'output-panel'), 'radio-button-binary').click();
	const [download] = await Promise.all([page.waitForEvent('download'), byId(page, 'ndv-download-binary-data').click()]);
	const svg = await readFile(await download.path(), 'utf8');
	const title = /<title>([^<]*)<\/title>/.exec(svg)?.[1] ?? '';
	check(`${EDITOR_BRANCH} the chart's title names the analysis and the collection`, /count/i.test(title) && title.includes(COLLECTION), title);
	check(`${EDITOR_BRANCH} the chart's subtitle names the timeframe and the timezone`, /7 days/i.test(title) && /UTC/.test(title), title);
	// Then the PNG a user gets by default, viewed in the output panel.
	await pickOption(page, 'format', /^PNG/);
	const pngRun = await executeStep(page);
	await byId(byId(page, 'output-panel'), 'radio-button-binary').click();
	await byId(page, 'ndv-view-binary-data').click();
	await byId(page, 'output-panel').locator('img').first().waitFor();
	check('the PNG chart shows in the output panel', pngRun.ok, pngRun.toast);
	await shot(page, '04-chart-render');
	await closeNdv(page);
	await shot(page, '05-canvas-count-chart');
	await recordManyDefaults(page);
}

/** Record Many added after them, Event Content switched to JSON: what the JSON holds before the user types (not run). */
async function recordManyDefaults(page) {
	await byId(page, 'node-creator-plus-button').click();
	await pickFromNodeCreator(page, 'Record many events');
	await pickOption(page, 'eventSource', /^JSON/);
	const field = byId(page, 'node-parameters').locator('.parameter-item').filter({ has: page.locator('.cm-content') }).first();
	const json = await field.evaluate((item) => {
		const content = item.querySelector('.cm-content').cloneNode(true);
		for (const placeholder of content.querySelectorAll('.cm-placeholder')) placeholder.remove();
		return content.textContent.trim();
	});
	check(`${EDITOR_BRANCH} Record Many's Event JSON starts empty, not with a sample event`, json === '' || json.replace(/\s/g, '') === '{}', json);
	await shot(page, '06-record-many-json');
	await closeNdv(page);
}

/** The Keen Trigger from the node creator, and a test event for each of its three events. */
async function trigger(page) {
	await keenRequest('PUT', `/queries/saved/${SAVED_QUERY}`, keen.masterKey, {
		refresh_rate: 0,
		query: { analysis_type: 'count', event_collection: COLLECTION, timeframe: 'this_30_days', group_by: ['country'] },
	});
	await openNewWorkflow(page);
	await pickFromNodeCreator(page, 'On new event');

	await pickFromList(page, 'collection', COLLECTION);
	let run = await executeStep(page);
	let rows = await outputTable(page);
	check('Keen Trigger → New Event fetched test events', run.ok && rows.length > 0 && rows.every((row) => row.keen !== undefined || row.price !== undefined), `${run.toast}; ${rows.length} item(s)`);
	await shot(page, '07-trigger-new-event');

	await pickOption(page, 'event', /^Saved Query Result/);
	await pickFromList(page, 'savedQuery', SAVED_QUERY);
	run = await executeStep(page);
	rows = await outputTable(page);
	const { result } = await keenRequest('GET', `/queries/saved/${SAVED_QUERY}/result`, keen.readKey);
	const sorted = (list) => list.map((row) => `${row.country}=${row.value}`).sort().join(' ');
	const expected = sorted(result.map((group) => ({ country: group.country, value: String(group.result) })));
	check('Keen Trigger → Saved Query Result fetched the saved query\'s rows', run.ok && sorted(rows) === expected, `${run.toast}; table ${sorted(rows)}; Keen ${expected}`);
	await shot(page, '08-trigger-saved-query');

	await pickOption(page, 'event', /^Metric Threshold/);
	// Switching events clears the collection (n8n drops the hidden parameter's value).
	await pickFromList(page, 'collection', COLLECTION);
	const threshold = await byId(page, 'parameter-input-threshold').locator('input').inputValue();
	check(`${EDITOR_BRANCH} the trigger's Threshold shows 0 as typed`, threshold === '0', `shows "${threshold}"`);
	check(`${EDITOR_BRANCH} the trigger's Timeframe offers the node's picker`, await timeframeIsPicker(page));
	run = await executeStep(page);
	rows = await outputTable(page);
	check('Keen Trigger → Metric Threshold fetched a test event', run.ok && rows.length > 0 && rows[0].analysis === 'count' && rows[0].value !== undefined, `${run.toast}; ${JSON.stringify(rows)}`);
	await shot(page, '09-trigger-metric-threshold');
	await credentialTest(page);
}

/** The credential's Test with a wrong Read API Key (saved: this run's database is thrown away), from the trigger's NDV. */
async function credentialTest(page) {
	await byId(page, 'credential-edit-button').click();
	const modal = byId(page, 'editCredential-modal');
	await byId(modal, 'parameter-input-readApiKey').locator('input').fill('a-wrong-read-key');
	await byId(modal, 'credential-save-button').click();
	await modal.getByText(/Couldn.t connect/).waitFor({ timeout: EXECUTE_MS });
	// n8n folds a long message under "More details".
	const more = modal.getByText('More details');
	if (await more.waitFor({ timeout: 5000 }).then(() => true, () => false)) await more.click();
	const text = await modal.innerText();
	const message = text.slice(text.indexOf('Couldn'), text.indexOf('API URL')).replace(/\s+/g, ' ').trim();
	check('the credential Test fails with a wrong Read API Key', message.startsWith('Couldn'), message);
	// The key may be named in the message or, as n8n shows a rule's message as written, by a note in the form.
	const notes = text.match(/The Test checks the [A-Za-z ]*API Key/g) ?? [];
	const named = notes.length > 0 ? notes.join('; ') : message;
	const namesReadKeyOnly = notes.length > 0 ? notes.length === 1 && notes[0].endsWith('Read API Key') : message.includes('Read API Key');
	check(`${EDITOR_BRANCH} the failed credential Test names the key it tested, and only that one`, namesReadKeyOnly && !/if empty/i.test(message), named);
	await shot(page, '10-credential-test');
}

/** Whether Metric Threshold's Timeframe is a list of presets (or has a Timeframe Type beside it), not free text. */
async function timeframeIsPicker(page) {
	const params = byId(page, 'node-parameters');
	if (await byId(params, 'parameter-input-timeframeType').isVisible()) return true;
	const field = params.locator('.parameter-item').filter({ has: byId(page, 'input-label').getByText('Timeframe', { exact: true }) }).first();
	if (!(await field.isVisible())) return false;
	await field.locator('[data-test-id^=parameter-input-]').first().click();
	const listed = await page.getByRole('option').first().waitFor({ timeout: 3000 }).then(() => true, () => false);
	await page.keyboard.press('Escape');
	return listed;
}

async function walk(page) {
	await signIn(page);
	await countAndChart(page);
	await trigger(page);
	check('the walk ran to its end', true);
}

// ---- main

let exitCode = 1;
let browser;
try {
	await setUpOwner();
	browser = await launchBrowser();
	const page = browser.context.pages()[0] ?? (await browser.context.newPage());
	const timer = sleep(WALK_MS).then(() => {
		throw new Error(`the walk took longer than ${WALK_MS / 1000} s`);
	});
	await Promise.race([walk(page), timer]).catch(async (error) => {
		// What the editor showed when a step failed, beside the logs (not among the documented screenshots).
		await page.screenshot({ path: join(SMOKE_DIR, 'failed.png'), timeout: ACTION_MS }).catch(() => undefined);
		throw error;
	});
} catch (error) {
	check('the walk ran to its end', false, error instanceof Error ? error.message.split('\n')[0] : error);
} finally {
	if (browser) {
		await Promise.race([browser.context.close().catch(() => undefined), sleep(10_000)]);
		if (browser.pid) {
			try {
				process.kill(browser.pid);
			} catch {
				// already gone: closing the context ended it
			}
		}
		rmSync(join(SMOKE_DIR, 'chromium.pid'), { force: true });
	}
	const failed = checks.filter((c) => !c.ok);
	exitCode = checks.length > 0 && failed.length === 0 ? 0 : 1;
	process.stdout.write(
		`${JSON.stringify({
			ok: exitCode === 0,
			seconds: Math.round((Date.now() - started) / 1000),
			passed: checks.length - failed.length,
			failed: failed.map((c) => c.name),
			failedEditorBranch: failed.filter((c) => c.name.startsWith(EDITOR_BRANCH)).map((c) => c.name),
			checks,
			screenshots: screenshots.map((file) => file.slice(file.lastIndexOf('/') + 1)),
		})}\n`,
	);
}
process.exit(exitCode);
