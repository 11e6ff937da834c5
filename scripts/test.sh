#!/usr/bin/env bash
# README's second command: installs what is missing (PostgreSQL included),
# starts a throwaway PostgreSQL cluster on loopback, builds, and runs every
# test with ctest. The cluster is removed when the run ends.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
scripts/install-deps.sh --with-postgresql
pg=$(scripts/postgres-throwaway.sh)
pg_dir=${pg%% *}
pg_url=${pg#* }
trap '"$root/scripts/postgres-throwaway.sh" stop "$pg_dir"' EXIT
export XUEJI_TEST_POSTGRES_URL="$pg_url"
echo "test: PostgreSQL at $XUEJI_TEST_POSTGRES_URL"
scripts/build.sh
cd build
ctest --output-on-failure --timeout 600 -j"${XUEJI_JOBS:-2}"
