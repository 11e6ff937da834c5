#!/usr/bin/env bash
# Configures and builds Xueji with two jobs (the machines have two cores)
# and ccache when present.
#
#   scripts/build.sh             build/: RelWithDebInfo, what runs and ships
#   scripts/build.sh --sanitize  build-asan/: the same code under
#                                AddressSanitizer (LeakSanitizer with it) and
#                                UndefinedBehaviorSanitizer, where
#                                scripts/test.sh runs the suite
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ "${1:-}" == "--sanitize" ]]; then
  cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DXUEJI_SANITIZE=address,undefined >/dev/null
  cmake --build build-asan -j"${XUEJI_JOBS:-2}"
else
  cmake -S . -B build -DCMAKE_BUILD_TYPE="${XUEJI_BUILD_TYPE:-RelWithDebInfo}" >/dev/null
  cmake --build build -j"${XUEJI_JOBS:-2}"
fi
