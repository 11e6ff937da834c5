#!/usr/bin/env bash
# docs/api/openapi.yaml linted by @redocly/cli (pinned in package.json and
# package-lock.json beside this script) with Redocly's recommended rules,
# strict: a warning fails as an error (redocly.yaml says which two rules are
# off and why). Runs on Debian 12's Node 18 as on newer ones.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
redocly="$here/node_modules/.bin/redocly"
if [[ ! -x "$redocly" ]]; then
  echo "openapi_lint: $redocly is missing: install the pinned linter first with" >&2
  echo "  bash scripts/npm-tools.sh   (npm ci in tests/contract/lint)" >&2
  exit 1
fi
cd "$here"
exec "$redocly" lint --config "$here/redocly.yaml" "$root/docs/api/openapi.yaml"
