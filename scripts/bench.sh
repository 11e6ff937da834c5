#!/usr/bin/env bash
# Runs the benchmarks under bench/ on a built tree and prints their figures
# (recorded in docs/performance.md).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh >/dev/null
echo "## calendar ($(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'))"
build/calendar_bench --benchmark_min_time=1
