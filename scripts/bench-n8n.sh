#!/usr/bin/env bash
# `npm run bench:n8n`: the Record Many / HTTP Request comparisons inside the real n8n of `npm run dev`
# (bench/n8n.ts says what runs). Uses dev.sh's set-up: Node 24 + n8n 2.41.1 in $N8N_KEEN_DEV_HOME, the package
# copied in, the local Keen server on $KEEN_LOCAL_PORT and the "Keen account" credential. Arguments go to bench/n8n.ts
# (--quick, --only recordMany,httpBatches,httpPerItem). Results: bench/n8n-results.json and a Markdown table.
set -euo pipefail
BENCH_ARGS=("$@")
# shellcheck source=scripts/dev.sh
source "$(dirname "${BASH_SOURCE[0]}")/dev.sh" bench
setup
log "Running bench/n8n.ts (each case: n8n execute of a generated workflow)"
mkdir -p "$HOME_DIR/bench"
# Code nodes generating 500,000 events run longer than the task runner's default 300 s on a busy machine.
export N8N_RUNNERS_TASK_TIMEOUT="${N8N_RUNNERS_TASK_TIMEOUT:-3600}"
N8N="$N8N" BENCH_N8N_DIR="$HOME_DIR/bench" CREDENTIAL_ID="$CREDENTIAL_ID" KEEN_INFO="$KEEN_INFO" \
	"$REPO/node_modules/.bin/ts-node" --transpile-only "$REPO/bench/n8n.ts" "${BENCH_ARGS[@]}"
