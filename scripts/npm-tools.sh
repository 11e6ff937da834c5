#!/usr/bin/env bash
# Installs the npm packages the contract tests run with: `npm ci` in every
# tests/contract/*/ directory that holds a package-lock.json, exactly the
# versions locked there (each directory's own node_modules; nothing global).
# Node and npm are Debian's (scripts/install-deps.sh): every locked package
# runs on Debian 12's Node 18.
#
#   scripts/npm-tools.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

for tool in node npm; do
  command -v "$tool" >/dev/null ||
    { echo "npm-tools: $tool is missing: run scripts/install-deps.sh (Debian's nodejs and npm)" >&2; exit 1; }
done
echo "npm-tools: node $(node --version), npm $(npm --version)"
# Node trusts its own CA list, not the system's: behind a proxy that
# re-signs TLS with a CA the system trusts, npm would refuse the registry.
if [[ -z "${NODE_EXTRA_CA_CERTS:-}" && -f /etc/ssl/certs/ca-certificates.crt ]]; then
  export NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt
fi

found=0
for lock in "$root"/tests/contract/*/package-lock.json; do
  [[ -f $lock ]] || continue
  dir=$(dirname "$lock")
  found=$((found + 1))
  echo "npm-tools: npm ci in ${dir#"$root"/}"
  (cd "$dir" && npm ci --no-audit --no-fund) ||
    { echo "npm-tools: npm ci failed in ${dir#"$root"/}" >&2; exit 1; }
done
echo "npm-tools: $found director$([[ $found == 1 ]] && echo y || echo ies) installed"
