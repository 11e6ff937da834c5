#!/usr/bin/env bash
# Runs the benchmarks under bench/ and prints each figure beside its limit,
# measured in the same run on the same machine (these machines are noisy:
# ratios, not absolute numbers, are what docs/performance.md records).
#
#   scripts/bench.sh [SECONDS]     default 10 seconds per throughput point
#
# Starts its own throwaway PostgreSQL on loopback. XUEJI_BENCH_ONLY=SECTION
# runs one section (calendar, accounts, transitions, herd, redating, handover, promotion, pages,
# statistics, import, audit, http, memory, restart); XUEJI_BENCH_ENTRANTS sizes the intake
# (default 100,000); XUEJI_BENCH_REDATING the provisional due dates a reload re-dates
# (default 100,000); XUEJI_BENCH_HANDOVER the open cases a merger hands over
# (default 20,000); XUEJI_BENCH_AUDIT the audit trail's entries (default 1,000,000);
# XUEJI_BENCH_STUDENTS sizes the promotion's roster (default 1,000,000),
# XUEJI_BENCH_CASES the memory benchmark (default 1,000,000),
# XUEJI_BENCH_TIMERS the deadline index's (default 10,000,000), XUEJI_BENCH_HERD
# the deadlines passing at one instant (default 100,000), XUEJI_BENCH_RESTART
# the open cases a restart loads ("1000000 2000000 4000000": one size each;
# XUEJI_BENCH_RESTART_PORT its server's port, default a free one);
# XUEJI_BENCH_PG_SETTINGS adds PostgreSQL settings (NAME=VALUE ...) to the cluster's.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
seconds=${1:-10}
scripts/install-deps.sh --with-postgresql >/dev/null
# XUEJI_BENCH_NO_BUILD=1: the binaries in build/ as they are (while others
# share the machine's build queue).
[[ -n ${XUEJI_BENCH_NO_BUILD:-} ]] || scripts/build.sh >/dev/null
# PostgreSQL's buffer pool as a deployment sizes it (docs/operations.md): a
# quarter of the memory. At the default 128MB the http section's cases
# table (its indexes alone ~0.5 GB) was read from the OS cache a page at a
# time: an opening's commit read ~9 pages per case (2026-12-04). The rest
# stays at PostgreSQL's defaults, so that runs of different days compare;
# XUEJI_BENCH_PG_SETTINGS adds settings to try (docs/operations.md's WAL
# advice: "max_wal_size=8GB wal_compression=lz4").
mem_kb=$(awk '/^MemTotal/ { print $2 }' /proc/meminfo)
pg=$(XUEJI_PG_SETTINGS="shared_buffers=$((mem_kb / 4 / 1024))MB ${XUEJI_BENCH_PG_SETTINGS:-}" \
  scripts/postgres-throwaway.sh)
pg_dir=${pg%% *}
url=${pg#* }
roster=""
trap '"$root/scripts/postgres-throwaway.sh" stop "$pg_dir"; [[ -z $roster ]] || rm -rf "$roster"' EXIT
pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
port=$(echo "$url" | sed -E 's|.*:([0-9]+)/.*|\1|')
psql_bench() { PGOPTIONS="-c client_min_messages=warning" "$pg_bin/psql" -q -h 127.0.0.1 -p "$port" -U xueji -d xueji_test "$@"; }
section() { [[ -z ${XUEJI_BENCH_ONLY:-} || ${XUEJI_BENCH_ONLY} == "$1" ]]; }

echo "# machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(lscpu | sed -n 's/^Model name: *//p')"
if section calendar; then
echo
echo "## calendar (Google Benchmark, one core)"
build/calendar_bench --benchmark_min_time=1 2>/dev/null | grep -E '^BM_'
fi
if section accounts; then
echo
echo "## accounts: one Argon2id verification at the shipped cost; the audit chain's verification"
build/accounts_bench --benchmark_min_time=1 2>/dev/null | grep -E '^BM_'
fi
if section transitions; then
echo
echo "## durable transitions per second on PostgreSQL, beside pgbench"
echo "# pgbench: one single-row INSERT per transaction, same server, same concurrency"
PGOPTIONS="-c client_min_messages=warning" "$pg_bin/psql" -q -h 127.0.0.1 -p "$port" -U xueji -d xueji_test \
  -c "DROP TABLE IF EXISTS pgbench_one_row; CREATE TABLE pgbench_one_row (id BIGSERIAL PRIMARY KEY, v INTEGER)"
script=$(mktemp)
echo "INSERT INTO pgbench_one_row (v) VALUES (1);" >"$script"
# The store's ceiling: PostgreSQL alone writing the rows of 64-transition
# batches (bench/store_ceiling.sql) on copies of the real tables, four
# sessions so both cores stay busy through each commit's fsync; no engine,
# no client payload.
build/xueji migrate --db "$url" >/dev/null
source bench/cpu_per_transition.sh
store_ceiling() {
  psql_bench -c "DROP TABLE IF EXISTS ceiling_cases, ceiling_events" \
    -c "CREATE TABLE ceiling_cases (LIKE cases INCLUDING ALL)" \
    -c "CREATE TABLE ceiling_events (LIKE case_events INCLUDING ALL)"
  local tps
  tps=$("$pg_bin/pgbench" -n -h 127.0.0.1 -p "$port" -U xueji -c 4 -j 2 -T "$seconds" \
        -f bench/store_ceiling.sql xueji_test 2>/dev/null | sed -n 's/^tps = \([0-9.]*\).*/\1/p' | head -1)
  psql_bench -c "DROP TABLE ceiling_cases, ceiling_events"
  awk -v t="$tps" 'BEGIN { printf "%.0f", t * 64 }'
}
ceiling=$(store_ceiling)
echo "# store ceiling: $ceiling transitions/s (PostgreSQL alone, rows generated server-side)"
printf '%-11s %-12s %-12s %-16s %s\n' requesters xueji_per_s pgbench_tps xueji/pgbench xueji/ceiling
for clients in 1 8 64; do
  tps=$("$pg_bin/pgbench" -n -h 127.0.0.1 -p "$port" -U xueji -c "$clients" -j 2 -T "$seconds" \
        -f "$script" xueji_test 2>/dev/null | sed -n 's/^tps = \([0-9.]*\).*/\1/p' | head -1)
  # Every run starts from empty case tables, as the ceiling's did.
  psql_bench -c "TRUNCATE cases, case_events, notices" -c "CHECKPOINT"
  # CPU per transition (bench/cpu_per_transition.sh).
  pg_cpu_before=$(postmaster_child_ticks "$pg_dir/data")
  timed=$( { /usr/bin/time -f "cpu %U %S" build/transition_bench "$url" "$clients" "$seconds"; } 2>&1)
  sleep 1
  pg_cpu_after=$(postmaster_child_ticks "$pg_dir/data")
  line=$(echo "$timed" | grep '^requesters=')
  rate=$(echo "$line" | sed -E 's/.*rate=([0-9]+).*/\1/')
  read -r engine_us pg_us < <(cpu_per_transition "$timed" "$pg_cpu_before" "$pg_cpu_after")
  printf '%-11s %-12s %-12s %-16s %s   (%s)\n' "$clients" "$rate" "${tps%.*}" \
    "$(awk -v a="$rate" -v b="$tps" 'BEGIN { printf "%.2f", a / b }')" \
    "$(awk -v a="$rate" -v b="$ceiling" 'BEGIN { printf "%.2f", a / b }')" "$line"
  # What the cores allow at that CPU per transition, even with none idle:
  # the engine-alone aim's bound where the store is not.
  awk -v eu="$engine_us" -v pu="$pg_us" -v cores="$(nproc)" -v c="$ceiling" 'BEGIN {
      best = cores * 1e6 / (eu + pu)
      printf "#   CPU per transition: engine %.0f us, PostgreSQL %.0f us: %d cores allow at most %.0f/s, %.2f of the ceiling\n",
             eu, pu, cores, best, best / c }'
  if [[ $clients == 64 ]]; then
    # The machine's speed wanders within minutes: the ceiling measured
    # again right after the run, so the run is also seen beside the
    # ceiling on either side of it.
    again=$(store_ceiling)
    echo "#   the ceiling again, after the run: $again/s; the run is $(awk -v a="$rate" -v b="$ceiling" -v c="$again" 'BEGIN { printf "%.2f", 2 * a / (b + c) }') of the two ceilings' mean"
    echo "# the ceiling is $(awk -v a="$ceiling" -v b="$tps" 'BEGIN { printf "%.2f", a / b }')x pgbench's one-row rate at 64 clients"
    # The writer's second connection (writer_connections, 2 by default)
    # against one, in turns, the same 64 requesters.
    for connections in 1 2 1 2; do
      psql_bench -c "TRUNCATE cases, case_events, notices" -c "CHECKPOINT"
      one=$(build/transition_bench "$url" 64 "$seconds" "$connections" | sed -E 's/.*rate=([0-9]+).*/\1/')
      echo "#   writer_connections=$connections: $one/s ($(awk -v a="$one" -v b="$ceiling" 'BEGIN { printf "%.2f", a / b }') of the ceiling)"
    done
  fi
done
rm -f "$script"
fi
if section promotion; then
students=${XUEJI_BENCH_STUDENTS:-1000000}
echo
echo "## promotion run (Art. 7) over $students students on PostgreSQL, beside the same UPDATE alone"
# The students of one made-up Guangdong-sized province (`xueji generate`:
# 21 cities, 120 counties, 20,000 schools of every type), generated once.
# The orgs table holds its tree, so the run, scoped to the province, also
# promotes grade 6 at nine-year and twelve-year schools and grade 9 at
# twelve-year ones (Art. 7, engine/student/student_run.h), and the UPDATE
# says the same. Each timing starts from a freshly loaded, vacuumed table.
roster=$(mktemp -d /tmp/xueji-roster.XXXXXX)
build/xueji generate --province 440000 --students "$students" --seed 1 \
  --orgs-out "$roster/orgs.yaml" --orgs-csv "$roster/orgs.csv" \
  --students-out "$roster/students.csv" | sed 's/^/# /'
psql_bench -c "DROP DATABASE IF EXISTS xueji_promotion" >/dev/null
psql_bench -c "CREATE DATABASE xueji_promotion" >/dev/null
promotion_url=${url%/*}/xueji_promotion
build/xueji migrate --db "$promotion_url" >/dev/null
psql_promotion() { PGOPTIONS="-c client_min_messages=warning" "$pg_bin/psql" -q -h 127.0.0.1 -p "$port" -U xueji -d xueji_promotion "$@"; }
now() { date +%s.%N; }
psql_promotion -c "\copy orgs (code, name, level, parent, school_type) FROM '$roster/orgs.csv' CSV HEADER"
load_students() {
  psql_promotion -c "TRUNCATE students, student_runs" \
    -c "\copy students (registration_number, resident_id, name, school, grade, status, birth_date, gender) FROM '$roster/students.csv' CSV HEADER" \
    -c "VACUUM ANALYZE students"
}
# What `xueji promote --scope 440000` takes: a live record at a school under
# the province (every school in the orgs table), in a grade that is not the
# last of a stage, or in one its school teaches past (school_type.h).
update="UPDATE students SET grade = grade + 1, version = version + 1
  WHERE school IN (SELECT code FROM orgs WHERE level = 'school')
    AND status IN ('enrolled', 'on_leave', 'transfer_pending')
    AND (grade IN (1, 2, 3, 4, 5, 7, 8, 10, 11)
         OR (grade = 6 AND school IN (SELECT code FROM orgs WHERE school_type IN ('nine_year', 'twelve_year')))
         OR (grade = 9 AND school IN (SELECT code FROM orgs WHERE school_type = 'twelve_year')))"
load_students
started=$(now)
updated=$(PGOPTIONS="-c client_min_messages=warning" "$pg_bin/psql" -h 127.0.0.1 -p "$port" -U xueji \
  -d xueji_promotion -c "$update" | sed -n 's/^UPDATE \([0-9]*\)$/\1/p')
alone=$(awk -v a="$started" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }')
load_students
started=$(now)
promoted=$(build/xueji promote --db "$promotion_url" --scope 440000 --year 2026)
run=$(awk -v a="$started" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }')
echo "# $promoted"
echo "# the UPDATE alone: $updated records"
if [[ $promoted != "promoted: $updated records "* ]]; then
  echo "bench: the run and the UPDATE changed different records; the comparison is void" >&2
  exit 1
fi
printf '%-22s %-22s %s\n' run_seconds update_alone_seconds run/update
printf '%-22s %-22s %s\n' "$run" "$alone" "$(awk -v a="$run" -v b="$alone" 'BEGIN { printf "%.2f", a / b }')"
psql_bench -c "DROP DATABASE xueji_promotion" >/dev/null
fi
if section herd; then
herd=${XUEJI_BENCH_HERD:-100000}
echo
echo "## $herd deadlines passing at one instant on PostgreSQL (aim: durable within 10 s)"
echo "# limit: the same engine opening the same cases with 64 requests in flight, same run"
build/xueji migrate --db "$url" >/dev/null
psql_bench -c "TRUNCATE cases, case_events, notices" -c "CHECKPOINT"
line=$(build/herd_bench "$url" "$herd")
echo "$line"
awk -v l="$line" 'BEGIN {
  n = split(l, kv, " "); for (i = 1; i <= n; ++i) { split(kv[i], p, "="); f[p[1]] = p[2] }
  printf "# deadlines durable in %.1f s (aim 10 s); herd rate / opening rate = %.2f\n",
         f["deadline_seconds"], f["herd_rate"] / f["open_rate"]
  printf "# the idle sweep after it: %d of %d resident cases put to sleep in %.2f s\n",
         f["passivated"], f["resident"], f["sweep_seconds"] }'
psql_bench -c "TRUNCATE cases, case_events, notices"
fi
if section redating; then
redating=${XUEJI_BENCH_REDATING:-100000}
echo
echo "## a year's notice re-dating $redating provisional due dates on PostgreSQL (issue 16)"
echo "# limit: the same engine opening the same cases with 64 requests in flight, same run"
build/xueji migrate --db "$url" >/dev/null
psql_bench -c "TRUNCATE cases, case_events, notices" -c "CHECKPOINT"
line=$(build/redating_bench "$url" "$redating")
echo "$line"
awk -v l="$line" 'BEGIN {
  n = split(l, kv, " "); for (i = 1; i <= n; ++i) { split(kv[i], p, "="); f[p[1]] = p[2] }
  printf "# reload re-dated %d in %.1f s; re-dating rate / opening rate = %.2f\n",
         f["redated"], f["redate_seconds"], f["redate_rate"] / f["open_rate"] }'
psql_bench -c "TRUNCATE cases, case_events, notices"
fi
if section handover; then
handover=${XUEJI_BENCH_HANDOVER:-20000}
echo
echo "## a school merging with $handover open transfers out of it, on PostgreSQL (issue 16, Art. 12)"
echo "# limit: the same engine opening the same cases with 64 requests in flight, same run"
build/xueji migrate --db "$url" >/dev/null
psql_bench -c "TRUNCATE cases, case_events, notices, org_changes, student_runs" -c "CHECKPOINT"
line=$(build/handover_bench "$url" "$handover")
echo "$line"
awk -v l="$line" 'BEGIN {
  n = split(l, kv, " "); for (i = 1; i <= n; ++i) { split(kv[i], p, "="); f[p[1]] = p[2] }
  printf "# handed over %d in %.1f s; hand-over rate / opening rate = %.2f\n",
         f["handed_over"], f["handover_seconds"], f["handover_rate"] / f["open_rate"] }'
psql_bench -c "TRUNCATE cases, case_events, notices, org_changes, student_runs"
fi
if section pages; then
echo
echo "## a page of a list on an org with 100,000 open cases (aim: 1,000 reads/s, p99 under 50 ms)"
echo "# limit: an audited read of one account, same server, same clients (every /v1 read"
echo "# commits its audit entry before it answers)"
psql_bench -c "DROP DATABASE IF EXISTS xueji_pages" -c "CREATE DATABASE xueji_pages"
pages_url=${url%/*}/xueji_pages
build/xueji migrate --db "$pages_url" >/dev/null
PGOPTIONS="-c client_min_messages=warning" "$pg_bin/psql" -q -h 127.0.0.1 -p "$port" -U xueji \
  -d xueji_pages -f bench/page_rows.sql
listen=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
build/xueji serve --db "$pages_url" --listen "127.0.0.1:$listen" --orgs config/demo/orgs.yaml \
  --no-auto-promotion >/dev/null 2>&1 &
server=$!
for _ in $(seq 150); do curl -sf "127.0.0.1:$listen/readyz" >/dev/null && break; sleep 0.2; done
for clients in 1 4; do
  echo "# $clients client(s)"
  python3 bench/page_bench.py "127.0.0.1:$listen" reg.4501020001 /v1/accounts/reg.4501020001 "$clients" "$seconds"
  python3 bench/page_bench.py "127.0.0.1:$listen" reg.4501020001 /v1/orgs/4501020001/pending "$clients" "$seconds"
  python3 bench/page_bench.py "127.0.0.1:$listen" reg.4501020001 /v1/orgs/4501020001/notices "$clients" "$seconds"
  python3 bench/page_bench.py "127.0.0.1:$listen" admin.450102 /v1/orgs/450102/overdue "$clients" "$seconds"
done
kill "$server"
wait "$server" || true
psql_bench -c "DROP DATABASE xueji_pages"
fi
if section statistics; then
echo
echo "## the supervisor's view over 1,000,000 cases of a Guangdong-sized province (aim: 100 ms)"
echo "# rows as a year of those cases leaves them (bench/statistics_rows.py), loaded with COPY"
psql_bench -c "DROP DATABASE IF EXISTS xueji_statistics" -c "CREATE DATABASE xueji_statistics"
statistics_url=${url%/*}/xueji_statistics
province=$(mktemp -d)
build/xueji generate --province 440000 --students 1 --orgs-out "$province/orgs.yaml" \
  --students-out "$province/students.csv" >/dev/null
build/xueji migrate --db "$statistics_url" >/dev/null
python3 bench/statistics_rows.py "$province/orgs.yaml" "${XUEJI_BENCH_STATISTICS_CASES:-1000000}" |
  PGOPTIONS="-c client_min_messages=warning" "$pg_bin/psql" -q -h 127.0.0.1 -p "$port" -U xueji \
    -d xueji_statistics
listen=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
build/xueji serve --db "$statistics_url" --listen "127.0.0.1:$listen" --orgs "$province/orgs.yaml" \
  --no-auto-promotion >/dev/null 2>&1 &
server=$!
for _ in $(seq 600); do curl -sf "127.0.0.1:$listen/readyz" >/dev/null && break; sleep 0.2; done
# The province, one of its cities, a county and a school: the same few rows each.
county=$(sed -n 's/.*code: "\([0-9]*\)".*level: county.*/\1/p' "$province/orgs.yaml" | head -1)
school=$(sed -n "s/.*code: \"\([0-9]*\)\".*level: school.*parent: \"$county\".*/\1/p" \
  "$province/orgs.yaml" | head -1)
python3 bench/statistics_bench.py "127.0.0.1:$listen" reg.440000 2025-09 2026-08 "$seconds" \
  440000 440100 "$county" "$school"
kill "$server"
wait "$server" || true
rm -rf "$province"
psql_bench -c "DROP DATABASE xueji_statistics"
fi
if section import; then
entrants=${XUEJI_BENCH_ENTRANTS:-100000}
echo
echo "## the September intake: xueji import of $entrants entrants, beside PostgreSQL's COPY of the same rows (aim: at least half COPY's rate)"
# The entrants of a made-up Guangdong-sized province (`xueji generate`), as
# COPY loads them (the students table's columns) and as `xueji import`
# reads them (POST /v1/students' fields: id,name,school,grade). COPY loads
# the rows alone; the import checks each as a registration and writes it
# with its audit entry and archive duty (Art. 6, 7). Both into the same
# table of the same database, emptied and vacuumed before each. Then the
# limit of the import's own writes: every row it added, COPYed alone.
intake=$(mktemp -d /tmp/xueji-intake.XXXXXX)
build/xueji generate --province 440000 --students "$entrants" --seed 2 \
  --orgs-out "$intake/orgs.yaml" --orgs-csv "$intake/orgs.csv" \
  --students-out "$intake/students.csv" >/dev/null
# Entrants are enrolled, and each names its school's parent (migration
# 0033): COPY's rows say so too, to be the very rows the import stores
# (without the parent, PostgreSQL's trigger would look it up for COPY).
awk -F, -v OFS=, 'NR == FNR { parent[$1] = $4; next }
  FNR == 1 { print $0, "school_parent"; next } { $6 = "enrolled"; print $0, parent[$4] }' \
  "$intake/orgs.csv" "$intake/students.csv" >"$intake/copy.csv"
awk -F, 'NR == 1 { print "id,name,school,grade"; next } { print $2 "," $3 "," $4 "," $5 }' \
  "$intake/students.csv" >"$intake/intake.csv"
psql_bench -c "DROP DATABASE IF EXISTS xueji_intake" -c "CREATE DATABASE xueji_intake" >/dev/null
intake_url=${url%/*}/xueji_intake
build/xueji migrate --db "$intake_url" >/dev/null
psql_intake() { PGOPTIONS="-c client_min_messages=warning" "$pg_bin/psql" -q -h 127.0.0.1 -p "$port" -U xueji -d xueji_intake "$@"; }
intake_clock() { date +%s.%N; }
psql_intake -c "\copy orgs (code, name, level, parent, school_type) FROM '$intake/orgs.csv' CSV HEADER"
psql_intake -c "VACUUM ANALYZE" -c "CHECKPOINT"
started=$(intake_clock)
psql_intake -c "\copy students (registration_number, resident_id, name, school, grade, status, birth_date, gender, school_parent) FROM '$intake/copy.csv' CSV HEADER"
copy_seconds=$(awk -v a="$started" -v b="$(intake_clock)" 'BEGIN { printf "%.2f", b - a }')
copied=$(psql_intake -At -c "SELECT COUNT(*) FROM students")
psql_intake -c "TRUNCATE students" -c "VACUUM ANALYZE students" -c "CHECKPOINT"
intake_tables=$(psql_intake -At -c "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")
intake_counts() { for t in $intake_tables; do echo "$t $(psql_intake -At -c "SELECT COUNT(*) FROM $t")"; done | LC_ALL=C sort; }
counts_before=$(intake_counts)
started=$(intake_clock)
imported=$(build/xueji import "$intake/intake.csv" --db "$intake_url" --refusals-only | tail -1)
import_seconds=$(awk -v a="$started" -v b="$(intake_clock)" 'BEGIN { printf "%.2f", b - a }')
stored=$(psql_intake -At -c "SELECT COUNT(*) FROM students")
echo "# COPY: $copied rows; xueji import: $imported; $stored rows stored"
if [[ $imported != "imported $entrants of $entrants students" || $copied != "$entrants" ]]; then
  echo "bench: the import and COPY loaded different rows; the comparison is void" >&2
  exit 1
fi
# The limit of the import's own writes: every row it added, in whichever
# table (the student, its audit entry, its archive duty, Art. 6, 7),
# copied out, the tables emptied and vacuumed, and COPYed back in. The
# import cannot be faster than PostgreSQL writing those rows alone.
added=$(LC_ALL=C join <(echo "$counts_before") <(intake_counts) | awk '$3 > $2 { print $1, $3 - $2 }')
grown=$(echo "$added" | awk '{ print $1 }')
written=$(echo "$added" | awk '{ n += $2; t = t " " $1 ":" $2 } END { print n " rows (" substr(t, 2) ")" }')
for t in $grown; do psql_intake -c "\copy $t TO '$intake/$t.rows'"; done
psql_intake -c "TRUNCATE $(echo $grown | tr ' ' ,) CASCADE" -c "VACUUM ANALYZE" -c "CHECKPOINT"
started=$(intake_clock)
for t in $grown; do psql_intake -c "\copy $t FROM '$intake/$t.rows'"; done
copy_all_seconds=$(awk -v a="$started" -v b="$(intake_clock)" 'BEGIN { printf "%.2f", b - a }')
echo "# the import wrote $written"
printf '%-10s %-14s %-16s %-22s %-18s %s\n' rows copy_seconds import_seconds import_rate/copy_rate \
  copy_all_seconds import_rate/copy_all_rate
printf '%-10s %-14s %-16s %-22s %-18s %s\n' "$entrants" "$copy_seconds" "$import_seconds" \
  "$(awk -v c="$copy_seconds" -v i="$import_seconds" 'BEGIN { printf "%.2f", c / i }')" \
  "$copy_all_seconds" "$(awk -v c="$copy_all_seconds" -v i="$import_seconds" 'BEGIN { printf "%.2f", c / i }')"
# The intake's other half: the first start after it opens every row's
# archive case (Art. 6, 7), which the import left owed, behind /readyz
# (RuntimeOptions::open_left_duties_in_background). Timed to /readyz, and
# to the moment none is left owed.
psql_intake -c "VACUUM ANALYZE" -c "CHECKPOINT"
listen=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
started=$(intake_clock)
build/xueji serve --db "$intake_url" --listen "127.0.0.1:$listen" --orgs "$intake/orgs.yaml" \
  --clock simulated --start 2025-09-26T10:00:00+08:00 --no-auto-promotion >/dev/null 2>&1 &
server=$!
for _ in $(seq 6000); do curl -sf "127.0.0.1:$listen/readyz" >/dev/null && break; sleep 0.1; done
start_seconds=$(awk -v a="$started" -v b="$(intake_clock)" 'BEGIN { printf "%.2f", b - a }')
# Its peak memory until ready: the owed duties and their records are read
# a page at a time, so it should not grow with the intake.
start_peak_kb=$(awk '/^VmHWM:/ { print $2 }' "/proc/$server/status")
owed_at_ready=$(psql_intake -At -c "SELECT COUNT(*) FROM archive_duties")
for _ in $(seq 2400); do
  # Whether any is left, not how many: a count reads them all.
  [[ $(psql_intake -At -c "SELECT EXISTS (SELECT 1 FROM archive_duties)") == f ]] && break
  sleep 0.5  # each look is a psql process: more often costs the openings CPU
done
opened_seconds=$(awk -v a="$started" -v b="$(intake_clock)" 'BEGIN { printf "%.2f", b - a }')
opened_peak_kb=$(awk '/^VmHWM:/ { print $2 }' "/proc/$server/status")
kill "$server"
wait "$server" || true
echo "# the first start after the import: ready in $start_seconds s ($owed_at_ready archive steps still owed)," \
  "peak RSS $((start_peak_kb / 1024)) MB; its $entrants archive cases opened $opened_seconds s after the start," \
  "peak RSS $((opened_peak_kb / 1024)) MB; $(psql_intake -At -c "SELECT COUNT(*) FROM archive_duties") left owed"
psql_bench -c "DROP DATABASE xueji_intake" >/dev/null
rm -rf "$intake"
fi
if section audit; then
entries=${XUEJI_BENCH_AUDIT:-1000000}
echo
echo "## the audit trail (Art. 24): xueji audit verify and archive over $entries entries, beside PostgreSQL reading them alone (aim: memory a page, not the trail)"
# A chain as the server appends them, made in the database
# (bench/audit_rows.sql: two months from 2025-09-01, an entry every 5 s).
# The limit: COPY of the same rows out, in chain order, to nowhere. Peak
# RSS (/usr/bin/time's maximum resident set) beside the trail's size in
# the store.
psql_bench -c "DROP DATABASE IF EXISTS xueji_audit" -c "CREATE DATABASE xueji_audit" >/dev/null
audit_url=${url%/*}/xueji_audit
build/xueji migrate --db "$audit_url" >/dev/null
psql_audit() { PGOPTIONS="-c client_min_messages=warning" "$pg_bin/psql" -q -h 127.0.0.1 -p "$port" -U xueji -d xueji_audit "$@"; }
audit_clock() { date +%s.%N; }
started=$(audit_clock)
psql_audit -v ON_ERROR_STOP=1 -v entries="$entries" -f bench/audit_rows.sql
made_seconds=$(awk -v a="$started" -v b="$(audit_clock)" 'BEGIN { printf "%.1f", b - a }')
psql_audit -c "VACUUM ANALYZE audit_entries" -c "CHECKPOINT"
trail_mb=$(psql_audit -At -c "SELECT pg_total_relation_size('audit_entries') / 1048576")
started=$(audit_clock)
psql_audit -c "\copy (SELECT * FROM audit_entries ORDER BY seq) TO '/dev/null'"
copy_seconds=$(awk -v a="$started" -v b="$(audit_clock)" 'BEGIN { printf "%.2f", b - a }')
archives=$(mktemp -d /tmp/xueji-audit.XXXXXX)
# September 2025's entries: the first 518,399 (the 518,400th is October's).
september=$((entries < 518399 ? entries : 518399))
# "SECONDS PEAK_MB" of one command, which must say what it did.
timed() {
  local expect=$1 out
  shift
  out=$(/usr/bin/time -f 'TIMED %e %M' "$@" 2>&1)
  if ! grep -q "$expect" <<<"$out"; then
    echo "bench: $* did not say '$expect': $out" >&2
    exit 1
  fi
  sed -n 's/^TIMED \([0-9.]*\) \([0-9]*\)$/\1 \2/p' <<<"$out" | awk '{ printf "%s %d\n", $1, $2 / 1024 }'
}
read -r verify_seconds verify_mb < <(timed "audit trail intact: $entries entries" build/xueji audit verify --db "$audit_url")
read -r archive_seconds archive_mb < <(timed "archived 2025-09: $september entries" build/xueji audit archive --db "$audit_url" --to "$archives" --through 2025-09)
read -r whole_seconds whole_mb < <(timed "whose $september entries verify from the genesis" build/xueji audit verify --db "$audit_url" --archives "$archives")
rm -rf "$archives"
psql_bench -c "DROP DATABASE xueji_audit" >/dev/null
echo "# $entries entries made in ${made_seconds} s; the trail takes ${trail_mb} MB in the store; COPY of it out in chain order: ${copy_seconds} s"
printf '%-42s %-9s %-13s %s\n' "command" "seconds" "peak RSS MB" "seconds / COPY's"
for row in "verify (the whole trail)|$verify_seconds|$verify_mb" \
  "archive --through 2025-09 ($september)|$archive_seconds|$archive_mb" \
  "verify --archives (file and store)|$whole_seconds|$whole_mb"; do
  IFS='|' read -r what secs mb <<<"$row"
  printf '%-42s %-9s %-13s %s\n' "$what" "$secs" "$mb" "$(awk -v a="$secs" -v b="$copy_seconds" 'BEGIN { printf "%.2f", a / b }')"
done
fi
if section http; then
echo
echo "## xueji serve over loopback: wrk, one route per run, at 8 and 64 connections (bench/http/)"
bench/http/run.sh "$url" "$seconds"
fi
if section memory; then
echo
echo "## memory per pending case"
build/memory_bench "${XUEJI_BENCH_CASES:-1000000}"
# The deadline index as a start fills it (issue 17: 10M ready within 20 s,
# RSS under 2.5 GB), beside its limit: the same timers as a list of wakes.
timers=${XUEJI_BENCH_TIMERS:-10000000}
echo
echo "## the deadline index a start fills, $timers timers (limit: the same timers as a list)"
index_line=$(build/deadline_index_bench "$timers")
list_line=$(build/deadline_index_bench "$timers" list)
echo "$index_line"
echo "$list_line"
awk -v i="$index_line" -v l="$list_line" 'BEGIN {
  match(i, /fill_ns_per_timer=[0-9]+/); fi = substr(i, RSTART + 18, RLENGTH - 18)
  match(l, /fill_ns_per_timer=[0-9]+/); fl = substr(l, RSTART + 18, RLENGTH - 18)
  printf "# index fill / list fill = %.2f\n", fi / fl }'
fi
if section restart; then
sizes=${XUEJI_BENCH_RESTART:-1000000 2000000 4000000}
echo
echo "## restart with N open cases on PostgreSQL (aims: 10,000,000 ready within 20 s, RSS under 2.5 GB; /metrics under 50 ms at any size)"
# Each size in a fresh database, written with SQL set-based INSERTs
# (bench/restart_rows.sql: every case open, its timer armed over the coming
# 90 days), vacuumed and checkpointed, then `xueji serve` started on it:
# seconds from the process's start to /readyz answering 200 (which waits
# for the deadline index; polled every 20 ms by one process), its RSS then
# (VmRSS) and its peak until then (VmHWM), its RSS settled 15 s after
# ready, and 20 scrapes of /metrics
# (p99 of 20 is the slowest); then the same start cold, PostgreSQL
# restarted and the kernel's page cache dropped (ready_cold_s; suffixed
# _warm_os where the cache could not be dropped); then the same start on
# the indexes of before migration 0021 (ready_0020_s), the limit run. The
# database is dropped once measured.
echo "# disk: $(df -h "$pg_dir" | awk 'NR == 2 { print $4 " free on " $6 }')"
restart_url=${url%/*}/xueji_restart
psql_restart() { PGOPTIONS="-c client_min_messages=warning" "$pg_bin/psql" -q -h 127.0.0.1 -p "$port" -U xueji -d xueji_restart "$@"; }
restart_clock() { date +%s.%N; }
restart_rows=$(mktemp)
# Starts `xueji serve` on xueji_restart and polls /readyz every 20 ms from
# one process (bench/await_ready.py): sets server (its pid), restart_listen
# (its port), started and ready (clock readings; ready empty when it was
# not ready within 120 s).
serve_restart() {
  restart_listen=${XUEJI_BENCH_RESTART_PORT:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
  started=$(restart_clock)
  build/xueji serve --db "$restart_url" --listen "127.0.0.1:$restart_listen" --orgs config/demo/orgs.yaml \
    --no-auto-promotion >/dev/null 2>&1 &
  server=$!
  ready=$(python3 bench/await_ready.py "$restart_listen" "$server" 120 || true)
}
# The seconds serve_restart's start took to be ready; over_120 if never.
seconds_to_ready() {
  [[ -n $ready ]] && awk -v a="$started" -v b="$ready" 'BEGIN { printf "%.2f", b - a }' || echo "over_120"
}
# A cold start on the same rows, as after a reboot: PostgreSQL stopped
# cleanly, the kernel's page cache dropped (root only; otherwise said so),
# PostgreSQL started again with its options of before, so neither its
# shared buffers nor the kernel hold the index. Sets cold to yes or no.
cold_start() {
  local own=()
  [[ $(id -u) -eq 0 ]] && own=(runuser -u postgres --)
  "${own[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast -w stop >/dev/null
  sync
  cold=no
  if [[ -w /proc/sys/vm/drop_caches ]] && echo 3 >/proc/sys/vm/drop_caches 2>/dev/null; then cold=yes; fi
  # restart reuses the options of the previous start (postmaster.opts).
  "${own[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w restart >/dev/null 2>&1
}
# The limit run, on the same rows: the indexes a start read before
# migration 0021 (the deadline index on next_instant alone, the live cases'
# on subject alone), put back and vacuumed, and the start timed again.
indexes_before_0021="DROP INDEX cases_next_instant_id; DROP INDEX cases_live_subject_kind;
  CREATE INDEX cases_next_instant ON cases (next_instant);
  CREATE INDEX cases_live_subject ON cases (subject) WHERE status IN ('open', 'in_term');"
printf '%-10s %-8s %-8s %-13s %-13s %-7s %-8s %-11s %-15s %-15s %s\n' open_cases write_s ready_s \
  ready_cold_s ready_0020_s rss_mb peak_mb settled_mb metrics_p50_ms metrics_p99_ms db_gb
for n in $sizes; do
  # About 1.8 KB of table and indexes per case, and as much again of WAL.
  free_kb=$(df -k --output=avail "$pg_dir" | tail -1)
  if ((free_kb < n * 4)); then
    echo "bench: $n cases need about $((n * 4 / 1000000)) GB of disk, $((free_kb / 1000000)) GB free; skipped" >&2
    continue
  fi
  psql_bench -c "DROP DATABASE IF EXISTS xueji_restart" -c "CREATE DATABASE xueji_restart"
  build/xueji migrate --db "$restart_url" >/dev/null
  # A deployment's first start seeds its orgs before it holds any case, so
  # one start on the empty database first: the start timed below is a
  # restart. (Cases stored while no org is have their authorities filled
  # when the orgs are seeded, a read of every open step once.)
  serve_restart
  kill "$server" && wait "$server" || true
  started=$(restart_clock)
  psql_restart -v ON_ERROR_STOP=1 -v cases="$n" -f bench/restart_rows.sql
  write_seconds=$(awk -v a="$started" -v b="$(restart_clock)" 'BEGIN { printf "%.0f", b - a }')
  armed=$(psql_restart -At -c "SELECT COUNT(*) FROM cases WHERE status = 'open' AND next_instant IS NOT NULL")
  db_gb=$(psql_restart -At -c "SELECT round(pg_database_size('xueji_restart') / 1e9, 1)")
  serve_restart
  if [[ -z $ready ]]; then
    echo "bench: xueji serve on $n cases was not ready in 120 s" >&2
    kill "$server" 2>/dev/null || true
    wait "$server" || true
    psql_bench -c "DROP DATABASE xueji_restart"
    exit 1
  fi
  rss_kb=$(awk '/^VmRSS:/ { print $2 }' "/proc/$server/status")
  peak_kb=$(awk '/^VmHWM:/ { print $2 }' "/proc/$server/status")
  # Every case loaded as an open case with its timer armed.
  shown=$(curl -sf "127.0.0.1:$restart_listen/metrics" | sed -n 's/^xueji_open_cases{kind="transfer"} //p')
  if [[ $shown != "$n" || $armed != "$n" ]]; then
    echo "bench: $n cases written, $armed with a timer, /metrics shows ${shown:-none} open; void" >&2
    kill "$server"
    wait "$server" || true
    psql_bench -c "DROP DATABASE xueji_restart"
    exit 1
  fi
  scrapes=$(for _ in $(seq 20); do curl -sf -o /dev/null -w '%{time_total}\n' "127.0.0.1:$restart_listen/metrics"; done | sort -g)
  p50=$(echo "$scrapes" | awk 'NR == 10 { printf "%.1f", $1 * 1000 }')
  p99=$(echo "$scrapes" | awk 'NR == 20 { printf "%.1f", $1 * 1000 }')
  # Settled: idle for 15 s after ready, past jemalloc's 10 s decay, what
  # the server keeps (the deadline index and the rest of its state).
  sleep "$(awk -v r="$ready" -v n="$(restart_clock)" 'BEGIN { w = r + 15 - n; print (w > 0 ? w : 0) }')"
  settled_kb=$(awk '/^VmRSS:/ { print $2 }' "/proc/$server/status")
  kill "$server"
  wait "$server" || true
  ready_seconds=$(awk -v a="$started" -v b="$ready" 'BEGIN { printf "%.2f", b - a }')
  cold_start
  serve_restart
  kill "$server" 2>/dev/null || true
  wait "$server" || true
  cold_seconds=$(seconds_to_ready)
  [[ $cold == yes ]] || cold_seconds="${cold_seconds}_warm_os"
  psql_restart -v ON_ERROR_STOP=1 -c "$indexes_before_0021" -c "VACUUM ANALYZE cases" -c "CHECKPOINT"
  serve_restart
  kill "$server" 2>/dev/null || true
  wait "$server" || true
  psql_bench -c "DROP DATABASE xueji_restart"
  before_seconds=$(seconds_to_ready)
  printf '%-10s %-8s %-8s %-13s %-13s %-7s %-8s %-11s %-15s %-15s %s\n' "$n" "$write_seconds" "$ready_seconds" \
    "$cold_seconds" "$before_seconds" "$((rss_kb / 1024))" "$((peak_kb / 1024))" "$((settled_kb / 1024))" "$p50" "$p99" "$db_gb"
  echo "$n $ready_seconds $((rss_kb / 1024)) $((peak_kb / 1024))" >>"$restart_rows"
done
# The slope by least squares over the sizes measured, and 10,000,000 by it.
awk '{ x = $1 / 1e6; n++; sx += x; sxx += x * x; for (i = 2; i <= 4; i++) { s[i] += $i; sxy[i] += x * $i } }
  END {
    if (n < 2) { print "# one size measured: no slope"; exit }
    d = n * sxx - sx * sx
    for (i = 2; i <= 4; i++) { b[i] = (n * sxy[i] - sx * s[i]) / d; a[i] = (s[i] - b[i] * sx) / n }
    printf "# slope per million open cases: %.2f s to ready, %.0f MB RSS, %.0f MB peak\n", b[2], b[3], b[4]
    printf "# 10,000,000 by that slope: ready in %.1f s (aim 20), RSS %.0f MB, peak %.0f MB (aim 2,560)\n",
           a[2] + 10 * b[2], a[3] + 10 * b[3], a[4] + 10 * b[4]
  }' "$restart_rows"
rm -f "$restart_rows"
fi
