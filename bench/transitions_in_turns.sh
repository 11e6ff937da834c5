#!/usr/bin/env bash
# Two or more builds of transition_bench in turns at 64 requesters, each
# run on a fresh copy of one migrated database, so a change is compared
# with the build before it in the same minutes (this machine's speed
# wanders by half within an hour). Prints each run's rate, transitions per
# commit, and the engine's and PostgreSQL's CPU per transition, reckoned
# as scripts/bench.sh reckons them (time(1); the postmaster's reaped
# children, for the benchmark's backends exit with it).
#
#   bench/transitions_in_turns.sh CLUSTER_DIR ROUNDS BINARY...
# CLUSTER_DIR: a cluster of scripts/postgres-throwaway.sh (its URL is
# taken from there); BINARY: transition_bench builds, e.g. copies in /tmp.
# Leaves the databases turns_template and turns_run behind.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
[[ $# -ge 3 ]] || {
  echo "usage: bench/transitions_in_turns.sh CLUSTER_DIR ROUNDS BINARY..." >&2
  exit 2
}
dir=$1
rounds=$2
shift 2
port=$(sed -n 4p "$dir/data/postmaster.pid")
base="postgresql://xueji@127.0.0.1:$port"
psql_admin() { psql -q -h 127.0.0.1 -p "$port" -U xueji -d xueji_test "$@" 2>/dev/null; }
psql_admin -c "DROP DATABASE IF EXISTS turns_template" -c "CREATE DATABASE turns_template"
"$root/build/xueji" migrate --db "$base/turns_template" >/dev/null
postmaster=$(head -1 "$dir/data/postmaster.pid")
pg_ticks() { awk '{ print $14 + $15 + $16 + $17 }' "/proc/$postmaster/stat"; }
hz=$(getconf CLK_TCK)
for ((round = 1; round <= rounds; round++)); do
  for binary in "$@"; do
    psql_admin -c "DROP DATABASE IF EXISTS turns_run" -c "CREATE DATABASE turns_run TEMPLATE turns_template"
    before=$(pg_ticks)
    out=$({ /usr/bin/time -f "cpu %U %S" "$binary" "$base/turns_run" 64 10; } 2>&1)
    sleep 1
    after=$(pg_ticks)
    line=$(echo "$out" | grep '^requesters=')
    echo "$out" | awk -v b="$binary" -v before="$before" -v after="$after" -v hz="$hz" '
      /^requesters=/ { for (i = 1; i <= NF; i++) { split($i, kv, "="); f[kv[1]] = kv[2] } }
      /^cpu / { cpu = $2 + $3 }
      END {
        n = f["transitions"]
        printf "%s rate=%s per_commit=%.0f engine_us=%.1f pg_us=%.1f\n", b, f["rate"],
               n / f["commits"], cpu * 1e6 / n, (after - before) / hz * 1e6 / n }'
    [[ -n $line ]] || echo "$binary: no result: $out" >&2
  done
done
