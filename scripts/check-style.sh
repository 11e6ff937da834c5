#!/usr/bin/env bash
# The project's format (.clang-format) on every C++ file git tracks, or on
# the files named: prints each file that differs and exits 1 if any does.
# `clang-format -i FILE` mends one.
set -euo pipefail
cd "$(dirname "$0")/.."
if (($# > 0)); then files=("$@"); else mapfile -t files < <(git ls-files '*.cc' '*.h'); fi
bad=0
for f in "${files[@]}"; do
  if ! clang-format --dry-run -Werror "$f" >/dev/null 2>&1; then
    echo "style: $f differs from .clang-format (clang-format -i $f)"
    bad=1
  fi
done
((bad == 0)) && echo "style: ${#files[@]} files as .clang-format says"
exit $bad
