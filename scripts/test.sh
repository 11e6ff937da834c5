#!/usr/bin/env bash
# README's second command: installs what is missing (PostgreSQL included),
# starts a throwaway PostgreSQL cluster on loopback, builds, and runs every
# test with ctest, printing each stage's time. The cluster is removed when
# the run ends.
#
#   scripts/test.sh          everything (what CI runs)
#   scripts/test.sh --quick  only the tests that need no database (engine,
#                            actors on the in-memory journal, layering, style)
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
scripts/build.sh
stage "build"
if ! $quick; then
  # The contract tests' locked npm packages (tests/contract/*/).
  scripts/npm-tools.sh
  stage "npm packages"
fi
cd build
if $quick; then
  ctest --output-on-failure --timeout 600 -j"${XUEJI_JOBS:-2}" -L quick
  ./actor_tests --gtest_brief=1 --gtest_filter='ActorsOnMemory.*'
  ./journal_tests --gtest_brief=1 --gtest_filter='*/memory'
else
  ctest --output-on-failure --timeout 600 -j"${XUEJI_JOBS:-2}"
fi
stage "tests"
if ! $quick; then
  # Every parser of outside input under libFuzzer with ASan and UBSan, 20 s
  # each, in its own clang build (build-fuzz/; docs/reliability.md).
  "$root/scripts/fuzz.sh" 20
  stage "fuzz"
fi
