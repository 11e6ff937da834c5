#!/usr/bin/env bash
# The generated client's walkthrough (ctest `generated_client`): generates
# TypeScript types from docs/api/openapi.yaml with openapi-typescript,
# compiles src/walkthrough.ts against them with tsc (strict), starts
# `xueji serve` on a throwaway SQLite database with the demo accounts and
# the simulated clock, waits for /readyz, runs the walkthrough with node and
# stops the server. The types are generated on every run and never
# committed, so a document that drifts from the walkthrough breaks the
# compile, and one that drifts from the server breaks the run.
#
#   tests/contract/client/run.sh [XUEJI_BINARY]      default: build/xueji
#
# Needs node and the packages of package-lock.json (scripts/npm-tools.sh
# runs `npm ci` here). XUEJI_OPENAPI names another document to generate
# from (a draft); XUEJI_CLIENT_PORT fixes the server's port (default: one
# the kernel says is free).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
binary=${1:-$root/build/xueji}
spec=${XUEJI_OPENAPI:-$root/docs/api/openapi.yaml}

die() { echo "generated_client: $*" >&2; exit 1; }
command -v node >/dev/null || die "node is missing: run scripts/install-deps.sh (Debian's nodejs)"
[[ -x $here/node_modules/.bin/tsc && -x $here/node_modules/.bin/openapi-typescript ]] ||
  die "$here/node_modules is missing: run scripts/npm-tools.sh (npm ci)"
[[ -x $binary ]] || die "no xueji binary at $binary: build it (scripts/build.sh)"
[[ -f $spec ]] || die "no OpenAPI document at $spec"
echo "generated_client: node $(node --version), $spec"

cd "$here"
rm -rf generated dist
# --default-non-nullable false: a property with a `default` stays optional
# for the caller (the server fills it in), as OpenAPI means it.
node_modules/.bin/openapi-typescript "$spec" --default-non-nullable false -o generated/schema.d.ts
node_modules/.bin/tsc -p tsconfig.json || die "the walkthrough does not compile against the types generated from $spec"
echo "generated_client: compiled"

work=$(mktemp -d "${TMPDIR:-/tmp}/xueji-client.XXXXXX")
server=
stop() {
  if [[ -n $server ]]; then
    kill "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap stop EXIT

port=${XUEJI_CLIENT_PORT:-$(node -e '
  const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });')}
base=http://127.0.0.1:$port
# The project's configuration with a throwaway database, this port, the
# source tree's rules and the cheapest Argon2 (the demo accounts are hashed
# at start).
cat >"$work/xueji.yaml" <<EOF
db: sqlite:$work/xueji.db
listen: 127.0.0.1:$port
rules: $root/workflows
calendars: $root/config/calendars
orgs: $root/config/demo/orgs.yaml
migrations: $root/migrations
console: $root/console
demo_accounts: true
argon2_memory_kib: 64
argon2_iterations: 1
throttle: {anonymous_per_second: 100000, anonymous_burst: 100000}
EOF
"$binary" serve --config "$work/xueji.yaml" --clock simulated --start 2025-09-26T09:00:00+08:00 \
  --no-auto-promotion >"$work/serve.log" 2>&1 &
server=$!

ready=false
for _ in $(seq 100); do
  if ! kill -0 "$server" 2>/dev/null; then break; fi
  if node -e 'fetch(process.argv[1]).then((r) => process.exit(r.status === 200 ? 0 : 1), () => process.exit(1))' \
    "$base/readyz" 2>/dev/null; then
    ready=true
    break
  fi
  sleep 0.2
done
if ! $ready; then
  cat "$work/serve.log" >&2
  die "xueji serve did not become ready at $base/readyz"
fi
echo "generated_client: xueji serve ready at $base"

if ! node dist/src/walkthrough.js "$base"; then
  echo "generated_client: the server's log:" >&2
  tail -n 40 "$work/serve.log" >&2
  exit 1
fi
# SIGTERM drains the server and it exits 0; built with the sanitizers
# (scripts/test.sh), a finding ends it otherwise (LSan: 23, as it exits).
kill "$server"
status=0
wait "$server" || status=$?
server=
if [[ $status != 0 ]]; then
  tail -n 60 "$work/serve.log" >&2
  die "xueji serve exited $status on SIGTERM (a sanitizer report is above, if any)"
fi
