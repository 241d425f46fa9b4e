#!/usr/bin/env bash
# Times `sroi portfolio` on a generated portfolio, as a council would run it:
# 10,000 analyses of 12 outcomes each by default. Prints wall time and peak
# memory (GNU time), then hyperfine's mean of 5 runs when it is installed.
set -euo pipefail
cd "$(dirname "$0")/.."
count="${1:-10000}"
outcomes="${2:-12}"
cargo build --release --quiet --bin sroi --example portfolio
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
./target/release/examples/portfolio "$dir" "$count" "$outcomes"
echo "portfolio: $count analyses, $(du -sh "$dir/analyses" | cut -f1) of YAML, on $(nproc) cores"
sroi="$PWD/target/release/sroi"
cd "$dir"
/usr/bin/time -f "wall %e s, peak memory %M KB" "$sroi" portfolio portfolio.yaml -f html,json,csv -o out
ls -l out
if command -v hyperfine >/dev/null; then
  hyperfine --warmup 1 --runs 5 -N "$sroi portfolio portfolio.yaml -f html,json,csv -o out"
fi
