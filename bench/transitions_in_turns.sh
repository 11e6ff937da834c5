#!/usr/bin/env bash
# Two or more builds of transition_bench in turns at 64 requesters, each
# run on a fresh copy of one migrated database, so a change is compared
# with the build before it in the same minutes (this machine's speed
# wanders by half within an hour). Prints each run's rate, transitions per
# commit, and the engine's and PostgreSQL's CPU per transition, reckoned
# as scripts/bench.sh reckons them (bench/cpu_per_transition.sh).
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
source "$root/bench/cpu_per_transition.sh"
for ((round = 1; round <= rounds; round++)); do
  for binary in "$@"; do
    psql_admin -c "DROP DATABASE IF EXISTS turns_run" -c "CREATE DATABASE turns_run TEMPLATE turns_template"
    before=$(postmaster_child_ticks "$dir/data")
    out=$({ /usr/bin/time -f "cpu %U %S" "$binary" "$base/turns_run" 64 10; } 2>&1)
    sleep 1
    after=$(postmaster_child_ticks "$dir/data")
    line=$(echo "$out" | grep '^requesters=')
    if [[ -z $line ]]; then
      echo "$binary: no result: $out" >&2
      continue
    fi
    read -r engine_us pg_us < <(cpu_per_transition "$out" "$before" "$after")
    echo "$line" | awk -v b="$binary" -v e="$engine_us" -v p="$pg_us" '
      { for (i = 1; i <= NF; i++) { split($i, kv, "="); f[kv[1]] = kv[2] } }
      END { printf "%s rate=%s per_commit=%.0f engine_us=%s pg_us=%s\n", b, f["rate"],
                   f["transitions"] / f["commits"], e, p }'
  done
done
