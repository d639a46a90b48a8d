#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server for the data-layer tests and prints the URL to use.
# Usage: eval "$(scripts/ci/postgres.sh)"   -> exports ATTUNE_TEST_PG_URL
# Installs Debian's postgresql if missing, runs as a non-root user on a loopback port with a fresh data dir.
# Diagnostics go to stderr; only the export line goes to stdout.
set -euo pipefail
PORT="${ATTUNE_TEST_PG_PORT:-54329}"
# Another server (an earlier run, a parallel checkout) may hold the port: take the next free one.
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for _ in $(seq 1 50); do port_busy "$PORT" || break; PORT=$((PORT + 1)); done
PGUSER_OS="${ATTUNE_TEST_PG_OSUSER:-postgres}"

bindir() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }
if [ -z "$(bindir)" ] || [ ! -x "$(bindir)/initdb" ]; then
  echo "postgres.sh: installing postgresql" >&2
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql) >/tmp/attune-pg-apt.log 2>&1 \
    || { echo "postgres.sh: apt-get install postgresql failed (see /tmp/attune-pg-apt.log)" >&2; exit 1; }
fi
BIN="$(bindir)"
id "$PGUSER_OS" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$PGUSER_OS"

DATA="$(mktemp -d /tmp/attune-pg.XXXXXX)"
chown "$PGUSER_OS" "$DATA"
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u "$PGUSER_OS" -- "$@"; else "$@"; fi; }

# Stop a server left behind by an earlier run of this script from the same checkout (not others').
STATE="/tmp/attune-pg.$(pwd | md5sum | cut -c1-8)"
if [ -f "$STATE" ]; then
  OLD="$(cat "$STATE")"
  [ -d "$OLD" ] && as_pg "$BIN/pg_ctl" -D "$OLD/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$OLD"
fi
echo "$DATA" >"$STATE"

as_pg "$BIN/initdb" -D "$DATA/data" -U attune --auth=trust -E UTF8 --locale=C.UTF-8 >"$DATA/initdb.log" 2>&1 \
  || { cat "$DATA/initdb.log" >&2; exit 1; }
as_pg "$BIN/pg_ctl" -D "$DATA/data" -l "$DATA/server.log" -w -t 60 \
  -o "-h 127.0.0.1 -p $PORT -k $DATA -c fsync=on -c max_connections=200 -c shared_buffers=128MB" start >&2 \
  || { cat "$DATA/server.log" >&2; exit 1; }
as_pg "$BIN/createdb" -h 127.0.0.1 -p "$PORT" -U attune attune_test >&2

URL="postgres://attune@127.0.0.1:$PORT/attune_test"
echo "postgres.sh: PostgreSQL running at $URL (data $DATA)" >&2
echo "export ATTUNE_TEST_PG_URL=$URL"
