#!/usr/bin/env bash
# README's first command: installs what is missing, builds, shows the
# command-line tool at work, then runs the engine's main job: the HTTP server
# on SQLite (data/xueji.db) at 127.0.0.1:8080, on a simulated clock starting
# 2025-09-26 so README's curl calls can rehearse a term in seconds. Stop it
# with Ctrl-C (or SIGTERM): it drains and exits cleanly.
#
# XUEJI_RUN_SECONDS=N stops the server after N seconds (a smoke test).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
echo "\$ build/xueji calendar add-working-days 2025-09-26 10"
build/xueji calendar add-working-days 2025-09-26 10
echo "\$ build/xueji calendar add-working-days 2025-03-28 5 --province 450000"
build/xueji calendar add-working-days 2025-03-28 5 --province 450000
echo "\$ build/xueji workflows check workflows"
build/xueji workflows check workflows
echo "\$ build/xueji serve --config config/xueji.yaml --clock simulated --start 2025-09-26T09:00:00+08:00"
serve=(build/xueji serve --config config/xueji.yaml --clock simulated --start 2025-09-26T09:00:00+08:00)
if [[ -n "${XUEJI_RUN_SECONDS:-}" ]]; then
  "${serve[@]}" &
  pid=$!
  sleep "$XUEJI_RUN_SECONDS"
  curl -sf http://127.0.0.1:8080/healthz
  echo
  kill -TERM "$pid"
  wait "$pid"
else
  exec "${serve[@]}"
fi
