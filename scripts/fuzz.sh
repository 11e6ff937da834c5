#!/usr/bin/env bash
# Builds the libFuzzer harnesses (fuzz/) into build-fuzz/ with Debian's clang,
# AddressSanitizer and UndefinedBehaviorSanitizer, replays every input that
# once crashed one (fuzz/regressions/), then fuzzes each harness for SECONDS
# from its seeds (fuzz/corpus/) and what earlier runs found
# (build-fuzz/corpus/). Prints one line per harness: executions per second
# and coverage; as many harnesses side by side as XUEJI_JOBS (2). Exits 1
# when a harness met a crash, leak, timeout or broken property, naming the
# input that caused it (build-fuzz/crashes/).
#
#   scripts/fuzz.sh [SECONDS]      default 20; scripts/test.sh runs it so
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
seconds=${1:-20}
out=build-fuzz

cmake -S fuzz -B "$out" -DCMAKE_CXX_COMPILER=clang++ >/dev/null
cmake --build "$out" -j"${XUEJI_JOBS:-2}"

symbolizer=/usr/lib/llvm-14/bin/llvm-symbolizer
[[ -x "$symbolizer" ]] && export ASAN_SYMBOLIZER_PATH="$symbolizer"
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

mkdir -p "$out/crashes" "$out/logs"
# One harness: its regressions replayed, then fuzzed for SECONDS; one line
# of figures, or the log's tail and a failure.
fuzz_one() {
  local harness=$1 name log done_line execs runs cov ft corp
  name=$(basename "$harness" _fuzz)
  log="$out/logs/$name.log"
  if [[ -d "fuzz/regressions/$name" ]]; then
    if ! "$harness" -runs=0 "fuzz/regressions/$name" >"$log" 2>&1; then
      tail -n 40 "$log"
      echo "fuzz: $name fails on an input of fuzz/regressions/$name (log: $log)"
      return 1
    fi
  fi
  mkdir -p "$out/corpus/$name"
  # A minute per input at most, 2 GiB at most: more is a finding too.
  if ! "$harness" -max_total_time="$seconds" -timeout=60 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="$out/crashes/$name-" \
    "$out/corpus/$name" "fuzz/corpus/$name" >"$log" 2>&1; then
    tail -n 60 "$log"
    echo "fuzz: $name failed; the input is in $out/crashes/ (log: $log)"
    return 1
  fi
  done_line=$(grep -aE '^#[0-9]+[[:space:]]+DONE' "$log" | tail -n 1 || true)
  execs=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
  cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$done_line")
  ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$done_line")
  corp=$(sed -n 's/.* corp: \([0-9]*\).*/\1/p' <<<"$done_line")
  echo "fuzz: $name: $runs runs in ${seconds} s ($execs/s), cov $cov, ft $ft, corpus $corp"
}

# Each harness is one process on one core: as many side by side as the
# build has jobs. Every harness runs to its end; any failure fails the run.
lanes=${XUEJI_JOBS:-2}
pids=()
for harness in "$out"/*_fuzz; do
  while (($(jobs -rp | wc -l) >= lanes)); do wait -n || true; done
  fuzz_one "$harness" &
  pids+=($!)
done
# Each harness's own status (bash keeps it for a job already waited for).
failed=0
for pid in "${pids[@]}"; do wait "$pid" || failed=1; done
exit "$failed"
