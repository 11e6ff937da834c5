#!/usr/bin/env bash
# Configures and builds Xueji into build/ with two jobs (the machines have two
# cores) and ccache when present.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build -DCMAKE_BUILD_TYPE="${XUEJI_BUILD_TYPE:-RelWithDebInfo}" >/dev/null
cmake --build build -j"${XUEJI_JOBS:-2}"
