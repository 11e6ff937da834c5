#!/usr/bin/env bash
# README's first command: installs what is missing, builds, and runs the
# engine's main job. Until `xueji serve` exists that is the command-line tool:
# a transfer step opened on 2025-09-26 and its statutory deadline.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
echo "\$ build/xueji calendar add-working-days 2025-09-26 10"
build/xueji calendar add-working-days 2025-09-26 10
echo "\$ build/xueji calendar is-working-day 2025-09-28"
build/xueji calendar is-working-day 2025-09-28
echo "\$ build/xueji calendar add-working-days 2025-03-28 5 --province 450000"
build/xueji calendar add-working-days 2025-03-28 5 --province 450000
echo "\$ build/xueji workflows check workflows"
build/xueji workflows check workflows
echo "\$ build/xueji simulate tests/scenarios/transfer_escalated.yaml"
build/xueji simulate tests/scenarios/transfer_escalated.yaml
echo "\$ build/xueji migrate --db sqlite:data/xueji.db"
build/xueji migrate --db sqlite:data/xueji.db
