#!/usr/bin/env bash
# Runs the benchmarks under bench/ and prints each figure beside its limit,
# measured in the same run on the same machine (these machines are noisy:
# ratios, not absolute numbers, are what docs/performance.md records).
#
#   scripts/bench.sh [SECONDS]     default 10 seconds per throughput point
#
# Starts its own throwaway PostgreSQL on loopback.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
seconds=${1:-10}
scripts/install-deps.sh --with-postgresql >/dev/null
scripts/build.sh >/dev/null
pg=$(scripts/postgres-throwaway.sh)
pg_dir=${pg%% *}
url=${pg#* }
trap '"$root/scripts/postgres-throwaway.sh" stop "$pg_dir"' EXIT
pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
port=$(echo "$url" | sed -E 's|.*:([0-9]+)/.*|\1|')

echo "# machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(lscpu | sed -n 's/^Model name: *//p')"
echo
echo "## calendar (Google Benchmark, one core)"
build/calendar_bench --benchmark_min_time=1 2>/dev/null | grep -E '^BM_'
echo
echo "## accounts: one Argon2id verification at the shipped cost; the audit chain's verification"
build/accounts_bench --benchmark_min_time=1 2>/dev/null | grep -E '^BM_'
echo
echo "## durable transitions per second on PostgreSQL, beside pgbench"
echo "# pgbench: one single-row INSERT per transaction, same server, same concurrency"
"$pg_bin/psql" -q -h 127.0.0.1 -p "$port" -U xueji -d xueji_test \
  -c "DROP TABLE IF EXISTS pgbench_one_row; CREATE TABLE pgbench_one_row (id BIGSERIAL PRIMARY KEY, v INTEGER)"
script=$(mktemp)
echo "INSERT INTO pgbench_one_row (v) VALUES (1);" >"$script"
printf '%-11s %-14s %-14s %s\n' requesters xueji_per_s pgbench_tps ratio
for clients in 1 8 64; do
  tps=$("$pg_bin/pgbench" -n -h 127.0.0.1 -p "$port" -U xueji -c "$clients" -j 2 -T "$seconds" \
        -f "$script" xueji_test 2>/dev/null | sed -n 's/^tps = \([0-9.]*\).*/\1/p' | head -1)
  line=$(build/transition_bench "$url" "$clients" "$seconds")
  rate=$(echo "$line" | sed -E 's/.*rate=([0-9]+).*/\1/')
  printf '%-11s %-14s %-14s %s   (%s)\n' "$clients" "$rate" "${tps%.*}" \
    "$(awk -v a="$rate" -v b="$tps" 'BEGIN { printf "%.2f", a / b }')" "$line"
done
rm -f "$script"
echo
echo "## memory per pending case"
build/memory_bench "${XUEJI_BENCH_CASES:-1000000}"
