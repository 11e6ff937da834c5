#!/usr/bin/env bash
# README's second command: installs what is missing (PostgreSQL included),
# starts a throwaway PostgreSQL cluster on loopback, builds, and runs every
# test with ctest, printing each stage's time. The cluster is removed when
# the run ends.
#
#   scripts/test.sh          everything (what CI runs): the whole suite once,
#                            built with AddressSanitizer, LeakSanitizer and
#                            UndefinedBehaviorSanitizer (build-asan/; any
#                            finding fails its test), then every parser of
#                            outside input fuzzed (scripts/fuzz.sh), then
#                            the standby suite on a ThreadSanitizer
#                            `xueji` (scripts/tsan.sh --standby)
#   scripts/test.sh --quick  only the tests that need no database (engine,
#                            actors on the in-memory journal, layering, style),
#                            on the ordinary build (build/)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
quick=false
[[ "${1:-}" == "--quick" ]] && quick=true

stage_started=$SECONDS
stage() {
  local now=$SECONDS
  echo "test: stage '$1' took $((now - stage_started)) s"
  stage_started=$now
}

scripts/install-deps.sh --with-postgresql
stage "install dependencies"
if ! $quick; then
  pg=$(scripts/postgres-throwaway.sh)
  pg_dir=${pg%% *}
  pg_url=${pg#* }
  trap '"$root/scripts/postgres-throwaway.sh" stop "$pg_dir"' EXIT
  export XUEJI_TEST_POSTGRES_URL="$pg_url"
  # The reconnection test restarts the cluster (postgres-throwaway.sh restart).
  export XUEJI_TEST_POSTGRES_DIR="$pg_dir"
  echo "test: PostgreSQL at $XUEJI_TEST_POSTGRES_URL"
  stage "start PostgreSQL"
fi
if $quick; then
  scripts/build.sh
  stage "build"
else
  scripts/build.sh --sanitize
  stage "build (sanitized)"
  # The one leak of a library we do not build is suppressed, with its
  # reason, in tests/sanitizers/lsan.supp; every process the tests start
  # (xueji serve under the Python suites) inherits these.
  export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
  export LSAN_OPTIONS="suppressions=$root/tests/sanitizers/lsan.supp:print_suppressions=0"
  export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
fi
if ! $quick; then
  # The contract tests' locked npm packages (tests/contract/*/).
  scripts/npm-tools.sh
  stage "npm packages"
fi
if $quick; then
  cd build
  ctest --output-on-failure --timeout 600 -j"${XUEJI_JOBS:-2}" -L quick
  ./actor_tests --gtest_brief=1 --gtest_filter='ActorsOnMemory.*'
  ./journal_tests --gtest_brief=1 --gtest_filter='*/memory'
else
  cd build-asan
  ctest --output-on-failure --timeout 900 -j"${XUEJI_JOBS:-2}"
fi
stage "tests"
if ! $quick; then
  # Every parser of outside input under libFuzzer with ASan and UBSan, 20 s
  # each, in its own clang build (build-fuzz/; docs/reliability.md).
  "$root/scripts/fuzz.sh" 20
  stage "fuzz"
fi
if ! $quick; then
  # Our own threads under ThreadSanitizer (the HTTP workers, the writer,
  # the scheduler, the lease keeper, the warm deadline index) in a TSan
  # `xueji` (build-tsan/), driven by the standby suite: load, a SIGKILL and
  # a SIGSTOP, and hand_over_tests (actors/tsan_hand_over.h); any report
  # fails it. The two big TSan test programs run apart (scripts/tsan.sh):
  # their build does not fit the 45 minutes.
  cd "$root"
  scripts/tsan.sh --standby
  stage "ThreadSanitizer"
fi
