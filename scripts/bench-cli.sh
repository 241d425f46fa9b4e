#!/usr/bin/env bash
# Times the release binary on a generated 2,000-outcome analysis, as a user
# runs it. Uses hyperfine when installed (apt-get install hyperfine), else a
# plain loop of 20 runs.
set -euo pipefail
cd "$(dirname "$0")/.."
outcomes="${1:-2000}"
cargo build --release --quiet --bin sroi --example synthetic
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
./target/release/examples/synthetic "$outcomes" > "$dir/big.yaml"
# The same analysis with the Monte Carlo simulation off, to time the core alone.
sed 's/^settings:/settings:\n  simulation: { draws: 0 }/' "$dir/big.yaml" > "$dir/no-simulation.yaml"
echo "analysis: $outcomes outcomes, $(wc -c < "$dir/big.yaml") bytes, a range on every outcome"
if command -v hyperfine >/dev/null; then
  hyperfine --warmup 3 --runs 20 -N \
    "./target/release/sroi check $dir/big.yaml" \
    "./target/release/sroi calc $dir/no-simulation.yaml --json" \
    "./target/release/sroi calc $dir/big.yaml --json"
else
  for cmd in "check $dir/big.yaml" "calc $dir/no-simulation.yaml --json" "calc $dir/big.yaml --json"; do
    start=$(date +%s%N)
    for _ in $(seq 20); do ./target/release/sroi $cmd > /dev/null; done
    end=$(date +%s%N)
    echo "sroi $cmd: $(( (end - start) / 20000000 )) ms a run (mean of 20)"
  done
fi
