#!/usr/bin/env bash
# Starts a throwaway PostgreSQL 15 cluster on loopback for the tests and
# prints the connection URL. `scripts/postgres-throwaway.sh stop DIR` stops
# and removes it; `... restart DIR` stops it as a crash would (immediate)
# and starts it again on the same port, for the tests of reconnection. The server refuses to run as root, so as root the cluster
# belongs to the `postgres` user the package created.
set -euo pipefail

pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[[ -x "$pg_bin/initdb" ]] || { echo "postgres-throwaway: PostgreSQL server binaries not found" >&2; exit 2; }

as_owner() {
  if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

if [[ "${1:-}" == "stop" ]]; then
  dir=$2
  as_owner "$pg_bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
  exit 0
fi

if [[ "${1:-}" == "restart" ]]; then
  dir=$2
  # restart reuses the options of the previous start (postmaster.opts).
  as_owner "$pg_bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -m immediate -w restart >/dev/null \
    || { cat "$dir/server.log" >&2; exit 2; }
  exit 0
fi

port=${XUEJI_PG_PORT:-55432}
settings=""
for setting in ${XUEJI_PG_SETTINGS:-}; do
  [[ $setting == *=* ]] || { echo "postgres-throwaway: XUEJI_PG_SETTINGS: '$setting' is not NAME=VALUE" >&2; exit 2; }
  settings+=" -c $setting"
done
dir=$(mktemp -d /tmp/xueji-pg.XXXXXX)
chmod 755 "$dir"
[[ $(id -u) -eq 0 ]] && chown postgres "$dir"
as_owner "$pg_bin/initdb" -D "$dir/data" -U xueji --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
  || { cat "$dir/initdb.log" >&2; exit 2; }
# A port nobody listens on can still be taken when the server binds it: the
# default ports lie in Linux's ephemeral range, so a test's outgoing
# connection may hold one for a moment. A failed start moves to the next port.
started=
for attempt in $(seq 1 20); do
  while (echo >/dev/tcp/127.0.0.1/"$port") 2>/dev/null; do port=$((port + 1)); done
  # fsync stays on: the tests check durability, so they run the way production does.
  # XUEJI_PG_SETTINGS (e.g. "shared_buffers=6GB max_wal_size=8GB"): settings
  # as a deployment makes them (docs/operations.md); PostgreSQL's defaults otherwise.
  if as_owner "$pg_bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=300$settings" \
    start >/dev/null 2>&1; then
    started=yes
    break
  fi
  port=$((port + 1))
done
[[ -n $started ]] || { cat "$dir/server.log" >&2; exit 2; }
as_owner "$pg_bin/createdb" -h 127.0.0.1 -p "$port" -U xueji xueji_test
echo "$dir postgresql://xueji@127.0.0.1:$port/xueji_test"
