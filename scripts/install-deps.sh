#!/usr/bin/env bash
# Installs, from Debian 12's own archive, every package Xueji builds, tests or
# runs with. Idempotent: a package already present is skipped, and
# `apt-get update` runs at most once, only when something is missing.
# Usage: scripts/install-deps.sh [--with-postgresql]
set -euo pipefail

packages=(
  build-essential cmake pkg-config ccache git ca-certificates clang-format
  libcaf-dev libsoci-dev libsqlite3-dev libpq-dev
  libboost-dev libcereal-dev nlohmann-json3-dev libyaml-cpp-dev
  libspdlog-dev libcli11-dev libargon2-dev libssl-dev
  # xueji serve's allocator (CMakeLists.txt, docs/performance.md).
  libjemalloc-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  curl
  # tests/contract/validate_answers.py: the HTTP tests' answers checked
  # against docs/api/openapi.yaml (JSON Schema 2020-12).
  python3-yaml python3-jsonschema
  # tests/calendar: config/calendars/statutory.yaml's lunar dates checked
  # against a second source, Debian's lunardate.
  python3-lunardate
)
if [[ "${1:-}" == "--with-postgresql" ]]; then
  # time(1): the benchmark reports the engine's CPU per transition.
  packages+=(postgresql postgresql-contrib time)
  # The benchmark's http section: wrk (LuaJIT scripts, bench/http/) drives
  # `xueji serve` over loopback.
  packages+=(wrk)
  # The console's browser tests: Debian's headless Chromium driven by
  # Selenium, with a CJK font for the Chinese pages' screenshots.
  packages+=(chromium chromium-driver python3-selenium fonts-noto-cjk)
  # `xueji workflows show --dot`: the CLI tests render it with Graphviz's dot.
  packages+=(graphviz)
  # The Debian package's test (tests/package): a fresh Debian 12 root to
  # install it in; dpkg-shlibdeps (dpkg-dev) computes its Depends, and
  # CPack asks file(1) which installed files are programs to scan.
  packages+=(debootstrap dpkg-dev file)
  # tests/backup: an SQLite online backup taken as docs/operations.md says.
  packages+=(sqlite3)
  # scripts/fuzz.sh, a stage of the test command: Debian's clang 14, its
  # libFuzzer and sanitizer runtimes (libclang-rt-14-dev, only recommended
  # by clang) and llvm-symbolizer (llvm-14) for readable crash reports.
  packages+=(clang libclang-rt-14-dev llvm-14)
  # The contract tests' npm tools (scripts/npm-tools.sh): Debian 12's Node 18
  # and npm. A machine that has npm already keeps it: NodeSource's nodejs
  # provides npm and conflicts with Debian's, which apt would swap it for.
  command -v npm >/dev/null || packages+=(nodejs npm)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if ((${#missing[@]} == 0)); then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

sudo_cmd=()
if [[ $(id -u) -ne 0 ]]; then sudo_cmd=(sudo); fi
echo "install-deps: installing ${missing[*]}"
"${sudo_cmd[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "install-deps: done"
