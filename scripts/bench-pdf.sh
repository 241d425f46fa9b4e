#!/usr/bin/env bash
# Render time and size of every kind of PDF (the three example reports, a
# comparison, a statement of one year, a tender evaluation and a monitoring
# report), for one or more sroi binaries: how the PDF stack was chosen
# (README, "The PDF stack").
#
#   ./scripts/bench-pdf.sh                     # the release binary (built if needed)
#   ./scripts/bench-pdf.sh OLD/sroi NEW/sroi   # two binaries side by side
#
# Needs hyperfine (`apt-get install hyperfine`).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "$#" -eq 0 ]; then
  cargo build --release --quiet --bin sroi
  set -- ./target/release/sroi
fi
c=fixtures/commissioning
export SOURCE_DATE_EPOCH=1767225600
for sroi in "$@"; do
  out="$(mktemp -d)"
  echo "## $sroi ($(stat -c %s "$sroi") bytes)"
  hyperfine --warmup 1 --runs 5 --style basic \
    -n report "$sroi report fixtures/youth-into-work.yaml -f pdf -o $out" \
    -n compare "$sroi compare fixtures/*.yaml --rebase -f pdf -o $out" \
    -n statement "$sroi portfolio fixtures --year 2026/27 -f pdf -o $out" \
    -n bids "$sroi bids $c/framework.yaml $c/offer-*.yaml -f pdf -o $out" \
    -n monitor "$sroi monitor $c/offer-greenway.yaml $c/returns-greenway.yaml -f pdf -o $out" 2>/dev/null |
    grep -E "^(Benchmark|  Time)"
  for f in fixtures/*.yaml; do "$sroi" report "$f" -f pdf -o "$out" > /dev/null 2>&1; done
  ls -l "$out"/*.pdf | awk '{ printf "  %-32s %8d bytes\n", $9, $5 }' | sed "s|$out/||"
  rm -rf "$out"
done
