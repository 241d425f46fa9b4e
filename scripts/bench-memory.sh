#!/usr/bin/env bash
# Peak memory (maximum resident set size, from `/usr/bin/time -v`) and wall
# time of check, calc, report and import on the largest inputs the tests
# make (issue 17), against the input's size. Prints a Markdown table for the
# README.
#
#   ./scripts/bench-memory.sh            # the release binary (built if needed)
#   PROFILE=debug ./scripts/bench-memory.sh
#
# Needs GNU time (`apt-get install time`) and python3 (for the workbook bomb).
set -euo pipefail
cd "$(dirname "$0")/.."
profile="${PROFILE:-release}"
if [ "$profile" = release ]; then
  cargo build --release --quiet --bin sroi --example synthetic
else
  cargo build --quiet --bin sroi --example synthetic
fi
sroi="./target/$profile/sroi"
synthetic="./target/$profile/examples/synthetic"
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT

# The inputs.
"$synthetic" 2000 > "$dir/outcomes-2000.yaml"
"$synthetic" 15000 > "$dir/outcomes-15000.yaml"
# 16,000 errors (a misspelt key in every outcome), as tests/it/hostile.rs makes.
{
  cat tests/fixtures/valid/minimal.yaml
  awk 'BEGIN { for (i = 0; i < 16000; i++) printf "  - { id: o%d, stakeholder: people, description: x, quantity: 1, proxy: { value: 1, source: s }, dedweight: 1%% }\n", i }' 
} > "$dir/errors-16000.yaml"
# A 9.6 MB Markdown summary (refused: at most 100,000 characters).
{
  cat tests/fixtures/valid/minimal.yaml
  echo "summary: |"
  awk 'BEGIN { for (i = 0; i < 300000; i++) print "  A paragraph of *Markdown* text." }' 
} > "$dir/summary-10mb.yaml"
# A workbook written by sroi, and a 33 KB one whose shared strings inflate to 33 MiB.
"$sroi" report "$dir/outcomes-2000.yaml" -f xlsx -o "$dir" > /dev/null
python3 - "$dir/bomb.xlsx" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("[Content_Types].xml", "<Types/>")
    z.writestr("xl/sharedStrings.xml", "a" * (33 * 1024 * 1024))
PY

measure() { # NAME INPUT ARGS...
  local name="$1" input="$2"
  shift 2
  local log="$dir/time.log" code=0
  /usr/bin/time -v "$sroi" "$@" > /dev/null 2> "$log" || code=$?
  local peak_kb wall size
  peak_kb=$(grep 'Maximum resident set size' "$log" | awk '{print $NF}')
  wall=$(grep 'Elapsed (wall clock)' "$log" | awk '{print $NF}')
  size=$(wc -c < "$input")
  awk -v n="$name" -v s="$size" -v p="$peak_kb" -v w="$wall" -v c="$code" 'BEGIN {
    printf "| %s | %.2f MB | %.1f MB | %.1fx | %s | %s |\n", n, s / 1e6, p * 1024 / 1e6, p * 1024 / s, w, c }'
}

echo "profile: $profile; $(nproc) cores"
echo
echo "| run | input | peak memory | peak / input | wall | exit |"
echo "|---|---|---|---|---|---|"
for n in 2000 15000; do
  f="$dir/outcomes-$n.yaml"
  measure "check, $n outcomes" "$f" check "$f"
  measure "calc --json, $n outcomes" "$f" calc "$f" --json
  measure "calc, $n outcomes" "$f" calc "$f"
  measure "report -f html,pdf,json,xlsx,csv, $n outcomes" "$f" report "$f" -f html,pdf,json,xlsx,csv -o "$dir/out-$n"
done
# Each format on its own, to see which sets the report's peak.
f="$dir/outcomes-15000.yaml"
for format in html pdf json xlsx csv; do
  measure "report -f $format, 15000 outcomes" "$f" report "$f" -f "$format" -o "$dir/out-$format"
done
measure "check, 16,000 errors" "$dir/errors-16000.yaml" check "$dir/errors-16000.yaml"
measure "report -f html,pdf, 9.6 MB summary" "$dir/summary-10mb.yaml" report "$dir/summary-10mb.yaml" -f html,pdf -o "$dir/out-summary"
measure "import, workbook of 2,000 outcomes" "$dir/outcomes-2000.xlsx" import "$dir/outcomes-2000.xlsx" -o -
measure "import, 33 KB workbook inflating to 33 MiB" "$dir/bomb.xlsx" import "$dir/bomb.xlsx" -o -
