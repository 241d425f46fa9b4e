#!/usr/bin/env bash
# Times `sroi portfolio` on a generated portfolio, as a council would run it:
# 10,000 analyses of 12 outcomes each and 1,000 contracts by default
# (scripts/bench-portfolio.sh [COUNT] [OUTCOMES] [CONTRACTS]), as a
# statement of all of them and as a statement of one year (--year 2025/26).
# Prints wall time and peak memory (GNU time), then hyperfine's mean of 5
# runs when it is installed.
set -euo pipefail
cd "$(dirname "$0")/.."
count="${1:-10000}"
outcomes="${2:-12}"
contracts="${3:-1000}"
cargo build --release --quiet --bin sroi --example portfolio
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
./target/release/examples/portfolio "$dir" "$count" "$outcomes" "$contracts"
echo "portfolio: $count analyses, $contracts contracts, $(du -sh "$dir" | cut -f1) of YAML, on $(nproc) cores"
sroi="$PWD/target/release/sroi"
cd "$dir"
/usr/bin/time -f "all: wall %e s, peak memory %M KB" "$sroi" portfolio portfolio.yaml -f html,json,csv -o out 2> time-all.txt || true
tail -1 time-all.txt
/usr/bin/time -f "--year 2025/26: wall %e s, peak memory %M KB" "$sroi" portfolio portfolio.yaml --year 2025/26 -f html,pdf,json,csv -o out-year 2> time-year.txt || true
tail -1 time-year.txt
ls -l out out-year
if command -v hyperfine >/dev/null; then
  hyperfine --warmup 1 --runs 5 -N -i "$sroi portfolio portfolio.yaml -f html,json,csv -o out" \
    "$sroi portfolio portfolio.yaml --year 2025/26 -f html,pdf,json,csv -o out-year"
fi
