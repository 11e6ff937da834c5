#!/usr/bin/env bash
# ThreadSanitizer on our own threads: builds build-tsan/ with
# -DXUEJI_SANITIZE=thread and runs the suites that drive them, the HTTP
# tests (the server's workers, the webhook dispatcher, the auto-promotion
# timer, with the writer, scheduler and directories behind them) and the
# actor tests, against the PostgreSQL at XUEJI_TEST_POSTGRES_URL (and
# SQLite files); then the standby suite (tests/faults/standby_test.py, a
# cluster of its own) on a TSan `xueji`: the lease keeper's thread, the
# warm deadline index and the fenced writes, under load, a SIGKILL and a
# SIGSTOP. Any report not suppressed in tests/sanitizers/tsan.supp
# (CAF, which Debian does not build for TSan; each with its reason) fails
# the test that met it. docs/reliability.md, "ThreadSanitizer".
#
#   XUEJI_TEST_POSTGRES_URL=... scripts/tsan.sh [GTEST FILTER]
#   scripts/tsan.sh --standby    only the TSan `xueji`, the standby suite
#                                and hand_over_tests (the hand-over to the
#                                engine's callbacks, actors/tsan_hand_over.h):
#                                scripts/test.sh's stage, about six minutes
#                                from nothing (the two big test programs
#                                would take the build past the brief's 45
#                                minutes)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
standby_only=false
if [[ "${1:-}" == "--standby" ]]; then
  standby_only=true
  shift
  targets=(xueji hand_over_tests)
else
  : "${XUEJI_TEST_POSTGRES_URL:?the PostgreSQL the tests use (scripts/postgres-throwaway.sh)}"
  targets=(http_tests actor_tests xueji hand_over_tests)
fi
cmake -S . -B build-tsan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DXUEJI_SANITIZE=thread >/dev/null
cmake --build build-tsan -j"${XUEJI_JOBS:-2}" --target "${targets[@]}"
# history_size=7 (the most): with less, the stack of a race's earlier
# access on a busy CAF worker is often lost ("failed to restore the
# stack"), and a suppression cannot see the CAF frames in it.
export TSAN_OPTIONS="suppressions=$root/tests/sanitizers/tsan.supp:halt_on_error=0:exitcode=66:second_deadlock_stack=1:history_size=7"
cd build-tsan
status=0
suites=(actor_tests http_tests hand_over_tests)
$standby_only && suites=(hand_over_tests)
for suite in "${suites[@]}"; do
  started=$SECONDS
  # TSan's exit status is 66 when it reported anything, even if every test passed.
  if ./$suite --gtest_brief=1 --gtest_filter="${1:-*}" >"$suite.tsan.log" 2>&1; then
    echo "tsan: $suite passed, no report ($((SECONDS - started)) s)"
  else
    status=1
    echo "tsan: $suite FAILED or reported ($((SECONDS - started)) s): $(grep -c '^WARNING: ThreadSanitizer' "$suite.tsan.log") report(s), log build-tsan/$suite.tsan.log"
    grep -A30 -m3 '^WARNING: ThreadSanitizer' "$suite.tsan.log" || tail -n 30 "$suite.tsan.log"
  fi
done
started=$SECONDS
# The suite fails on a report in any server's log (harness.py).
if python3 "$root/tests/faults/standby_test.py" "$PWD/xueji" "$root" >standby.tsan.log 2>&1; then
  echo "tsan: standby suite passed, no report ($((SECONDS - started)) s)"
else
  status=1
  echo "tsan: standby suite FAILED or reported ($((SECONDS - started)) s), log build-tsan/standby.tsan.log"
  grep -E '^FAIL' standby.tsan.log || tail -n 30 standby.tsan.log
  # The reports themselves (the harness copies each from its server's log,
  # which goes with the machine when the run is a fresh one).
  grep -A40 -m2 'WARNING: ThreadSanitizer' standby.tsan.log || true
fi
exit $status
