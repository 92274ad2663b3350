#!/usr/bin/env bash
# `npm run editor:smoke`: the package in the real n8n editor, clicked through by a headless Chromium. Starts the real
# n8n 2.x of `npm run dev` (scripts/dev.sh's install, reused) with a fresh user folder and the local Keen server (500
# sample events), then runs scripts/editor-smoke.mjs: sign in, add the Keen node from the node creator, Count with a
# collection from the list and a filter row, compare with a direct query, Chart → Render after it, the Keen Trigger's
# three events. Screenshots go to docs/screenshots/editor/ (EDITOR_SMOKE_SHOTS to change); one JSON summary line.
#
# Installs Debian's `chromium` package with apt-get when /usr/bin/chromium is missing (needs root); the browser is
# driven by the playwright-core devDependency, which never downloads a browser of its own.
# Ports as in dev.sh: N8N_PORT (5678), N8N_RUNNERS_BROKER_PORT (5679), KEEN_LOCAL_PORT (8765).
# n8n, the Keen server and Chromium are stopped by process id when it ends; it exits 0 only when every check held.
set -euo pipefail

# shellcheck source=dev.sh
source "$(dirname "${BASH_SOURCE[0]}")/dev.sh"

CHROMIUM="${EDITOR_SMOKE_CHROMIUM:-/usr/bin/chromium}"
SMOKE_DIR="$HOME_DIR/editor-smoke"
SHOTS="${EDITOR_SMOKE_SHOTS:-$REPO/docs/screenshots/editor}"

# Chromium's pid is written by editor-smoke.mjs as soon as it is launched, so that it is stopped even if the
# script dies; then n8n, the Keen server (dev.sh's on_exit).
editor_exit() {
	local rc=$?
	if [ -f "$SMOKE_DIR/chromium.pid" ]; then
		kill "$(cat "$SMOKE_DIR/chromium.pid")" 2>/dev/null || true
		rm -f "$SMOKE_DIR/chromium.pid"
	fi
	# on_exit reads the exit status from $?; errexit must be off for that, or `(exit 1)` would end the handler here.
	set +e
	(exit "$rc")
	on_exit
}
trap editor_exit EXIT

install_chromium() {
	if [ -x "$CHROMIUM" ]; then return; fi
	step "Installing Debian's chromium package (apt-get update, then apt-get install chromium): $CHROMIUM is missing"
	if [ "$(id -u)" != 0 ]; then
		echo "Installing packages needs root; run as root or install chromium yourself (apt-get install chromium)" >&2
		exit 1
	fi
	apt-get update
	DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium
	[ -x "$CHROMIUM" ] || { echo "No $CHROMIUM after apt-get install chromium" >&2; exit 1; }
}

install_all
install_chromium
# A fresh n8n user folder (database, owner) and fresh Keen data on every run, so that what the editor lists and counts
# is this run's; `npm run dev`'s own user folder is left alone.
rm -rf "$SMOKE_DIR"
mkdir -p "$SMOKE_DIR"
HOME_DIR="$SMOKE_DIR"
USER_DIR="$SMOKE_DIR/user"
mkdir -p "$USER_DIR"
link_package
n8n_env
# Plain http on 127.0.0.1: the sign-in cookie must not be marked Secure; no personalisation survey after signing in.
export N8N_SECURE_COOKIE=false N8N_PERSONALIZATION_ENABLED=false
start_keen
import_credential
step "Starting n8n on http://127.0.0.1:$N8N_PORT (a fresh database: its migrations take a while)"
N8N_READY_SECONDS="${N8N_READY_SECONDS:-300}" start_n8n editor-smoke-n8n
step "The editor walk in headless Chromium (scripts/editor-smoke.mjs; screenshots in $SHOTS)"
mkdir -p "$SHOTS"
N8N_URL="http://127.0.0.1:$N8N_PORT" KEEN_INFO="$KEEN_INFO" CHROMIUM="$CHROMIUM" SHOTS="$SHOTS" SMOKE_DIR="$SMOKE_DIR" \
	node "$REPO/scripts/editor-smoke.mjs"
