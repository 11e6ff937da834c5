#!/usr/bin/env bash
# The rooms' rules, checked on every test run (docs/architecture.md):
# dependencies point inward, and no room grows past what one reads in a
# sitting. Prints each breach and exits 1 if there is any.
set -uo pipefail
cd "$(dirname "$0")/.."
status=0
breach() { echo "layering: $*"; status=1; }

# engine/ is pure: no actors, adapters, CAF, SOCI, Asio or Beast.
while read -r hit; do breach "engine/ reaches out: $hit"; done < <(
  grep -rnE '#include [<"](actors/|adapters/|caf/|soci/|boost/asio|boost/beast)' engine/)
# actors/ reach storage only through their port.
while read -r hit; do breach "actors/ reaches an adapter: $hit"; done < <(
  grep -rnE '#include [<"](adapters/|soci/|boost/)' actors/)
# The port itself is plain data and one interface: no CAF either.
while read -r hit; do breach "actors/port/ includes CAF: $hit"; done < <(
  grep -rnE '#include [<"]caf/' actors/port/)
# No source file over 400 lines in the three rings.
while read -r lines file; do
  [[ "$file" == total ]] && continue
  ((lines > 400)) && breach "$file has $lines lines (at most 400)"
done < <(find engine actors adapters -name '*.cc' -o -name '*.h' | xargs wc -l)

((status == 0)) && echo "layering: ok"
exit $status
