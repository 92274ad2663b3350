#!/usr/bin/env bash
# `npm run queue:smoke`: the package in n8n's queue mode on this machine — n8n main (EXECUTIONS_MODE=queue,
# DB_TYPE=postgresdb) and two `n8n worker` processes, all loading the package from one nodes folder, with Redis,
# PostgreSQL and the local Keen server. The checks are in scripts/queue-smoke.mjs; README › Queue mode and scaling.
#
# Reuses scripts/dev.sh's Node 24 / n8n install. Installs Redis and PostgreSQL from Debian's packages when they are
# missing (needs root and apt-get), and runs its own instances on 127.0.0.1 with data in $N8N_KEEN_DEV_HOME/queue/
# (the packages' system services are not used). Ports, with n8n's own variable names where it has one:
#   DB_POSTGRESDB_PORT (5432)  QUEUE_BULL_REDIS_PORT (6379)  N8N_PORT (5678)  N8N_RUNNERS_BROKER_PORT (5679)
#   KEEN_LOCAL_PORT (8765)     QUEUE_WORKER_PORTS ("5680 5681 5682 5683": each worker's health port, then its runner broker port)
# Everything it starts is stopped by process id when it ends; it exits 0 only when every check held.
set -euo pipefail

# shellcheck source=dev.sh
source "$(dirname "${BASH_SOURCE[0]}")/dev.sh"

QUEUE_DIR="$HOME_DIR/queue"
PG_PORT="${DB_POSTGRESDB_PORT:-5432}"
REDIS_PORT="${QUEUE_BULL_REDIS_PORT:-6379}"
WORKER_PORTS="${QUEUE_WORKER_PORTS:-5680 5681 5682 5683}"
PG_DATABASE="n8n_keen_queue_smoke"
PG_PID="" REDIS_PID=""

# Stops what this script started: n8n processes left by queue-smoke.mjs, Redis, PostgreSQL (fast shutdown), Keen.
queue_exit() {
	local rc=$?
	if [ -f "$QUEUE_DIR/n8n.pids" ]; then
		while read -r pid; do [ -n "$pid" ] && kill "$pid" 2>/dev/null || true; done <"$QUEUE_DIR/n8n.pids"
		rm -f "$QUEUE_DIR/n8n.pids"
	fi
	if [ -n "$REDIS_PID" ]; then kill "$REDIS_PID" 2>/dev/null || true; wait "$REDIS_PID" 2>/dev/null || true; fi
	if [ -n "$PG_PID" ]; then kill -INT "$PG_PID" 2>/dev/null || true; wait "$PG_PID" 2>/dev/null || true; fi
	stop_keen
	if [ "$rc" != 0 ]; then printf '\n== FAILED (exit %s) at step: %s\n' "$rc" "$STEP" >&2; fi
	return "$rc"
}
trap queue_exit EXIT

pg_bin() { find /usr/lib/postgresql -maxdepth 3 -path '*/bin/postgres' 2>/dev/null | sort -V | tail -n 1 | xargs -r dirname; }

install_services() {
	local missing=()
	command -v redis-server >/dev/null || missing+=(redis-server)
	[ -n "$(pg_bin)" ] || missing+=(postgresql)
	[ "${#missing[@]}" = 0 ] && return
	step "Installing ${missing[*]} from Debian's packages (apt-get update, then apt-get install)"
	if [ "$(id -u)" != 0 ]; then
		echo "Installing packages needs root; run as root or install ${missing[*]} yourself" >&2
		exit 1
	fi
	apt-get update
	DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
}

# PostgreSQL refuses to run as root. As root, run it as the `postgres` user the Debian package created, keeping only
# the capability to traverse directories, so that a data folder under /root/.cache (mode 700 on /root) is reachable
# without changing any permission on the machine. (An array, not a function, so that `&` gives postgres's own PID.)
AS_POSTGRES=()
if [ "$(id -u)" = 0 ]; then
	AS_POSTGRES=(setpriv --reuid=postgres --regid=postgres --init-groups --inh-caps=+dac_read_search --ambient-caps=+dac_read_search)
fi

start_postgres() {
	local bin data="$QUEUE_DIR/postgres"
	bin="$(pg_bin)"
	if [ ! -f "$data/PG_VERSION" ]; then
		step "Creating a PostgreSQL cluster in $data"
		mkdir -p "$data"
		[ "$(id -u)" = 0 ] && chown postgres:postgres "$data"
		"${AS_POSTGRES[@]}" "$bin/initdb" -D "$data" -U postgres --auth=trust -E UTF8 >"$QUEUE_DIR/initdb.log"
	fi
	step "Starting PostgreSQL on 127.0.0.1:$PG_PORT"
	# No Unix socket (only TCP on 127.0.0.1); fsync off: a throw-away test database.
	"${AS_POSTGRES[@]}" "$bin/postgres" -D "$data" -p "$PG_PORT" -c listen_addresses=127.0.0.1 -c unix_socket_directories= \
		-c fsync=off >"$QUEUE_DIR/postgres.log" 2>&1 &
	PG_PID=$!
	for _ in $(seq 1 120); do
		if "$bin/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" -U postgres; then break; fi
		kill -0 "$PG_PID" 2>/dev/null || { cat "$QUEUE_DIR/postgres.log" >&2; exit 1; }
		sleep 0.5
	done
	"$bin/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" -U postgres || { echo "PostgreSQL did not start; see $QUEUE_DIR/postgres.log" >&2; exit 1; }
	# A fresh database each run, so that every count below is this run's.
	"$bin/psql" -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres \
		-c "DROP DATABASE IF EXISTS $PG_DATABASE" -c "CREATE DATABASE $PG_DATABASE" >/dev/null
}

start_redis() {
	step "Starting Redis on 127.0.0.1:$REDIS_PORT"
	mkdir -p "$QUEUE_DIR/redis"
	# No snapshots: the queue starts empty on every run.
	redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --dir "$QUEUE_DIR/redis" --save '' --appendonly no \
		--logfile "$QUEUE_DIR/redis.log" &
	REDIS_PID=$!
	for _ in $(seq 1 60); do
		if [ "$(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null)" = PONG ]; then return; fi
		kill -0 "$REDIS_PID" 2>/dev/null || { cat "$QUEUE_DIR/redis.log" >&2; exit 1; }
		sleep 0.5
	done
	echo "Redis did not answer; see $QUEUE_DIR/redis.log" >&2
	exit 1
}

# One user folder per n8n process (each writes its own event log and config), one nodes folder for all: main's.
prepare_user_folders() {
	USER_DIR="$QUEUE_DIR/main"
	mkdir -p "$USER_DIR"
	link_package
	for worker in worker1 worker2; do
		mkdir -p "$QUEUE_DIR/$worker/.n8n"
		ln -sfn "$USER_DIR/.n8n/nodes" "$QUEUE_DIR/$worker/.n8n/nodes"
	done
}

install_all
install_services
mkdir -p "$QUEUE_DIR"
rm -f "$QUEUE_DIR"/*.log "$QUEUE_DIR/keen-local.json"
# The local Keen server keeps its data in $HOME_DIR; here, a fresh one in the queue folder.
HOME_DIR="$QUEUE_DIR"
start_postgres
start_redis
prepare_user_folders
n8n_env
# n8n's default pool of 2 PostgreSQL connections times out under 20 concurrent webhook calls on a busy machine.
export DB_TYPE=postgresdb DB_POSTGRESDB_HOST=127.0.0.1 DB_POSTGRESDB_PORT="$PG_PORT" DB_POSTGRESDB_USER=postgres \
	DB_POSTGRESDB_DATABASE="$PG_DATABASE" DB_POSTGRESDB_POOL_SIZE=10 EXECUTIONS_MODE=queue \
	QUEUE_BULL_REDIS_HOST=127.0.0.1 QUEUE_BULL_REDIS_PORT="$REDIS_PORT"
start_keen
import_credential
step "Queue mode: main and two workers; webhook load, one 100,000-event execution, the trigger across a main restart"
APP_DIR="$APP_DIR" N8N="$N8N" KEEN_INFO="$KEEN_INFO" QUEUE_DIR="$QUEUE_DIR" REPO="$REPO" CREDENTIAL_ID="$CREDENTIAL_ID" \
	QUEUE_WORKER_PORTS="$WORKER_PORTS" "$NODE24_BIN/node" "$REPO/scripts/queue-smoke.mjs"
