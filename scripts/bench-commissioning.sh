#!/usr/bin/env bash
# Times `sroi bids` over one framework and 200 generated offers, and `sroi
# monitor` over 10 years of monthly returns (120 periods × 14 measures), on
# the release build: wall time and peak memory (GNU time), then hyperfine's
# mean of 10 runs when it is installed. Arguments: offers (200), years (10).
set -euo pipefail
cd "$(dirname "$0")/.."
offers="${1:-200}"
years="${2:-10}"
cargo build --release --quiet --bin sroi --example commissioning
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
./target/release/examples/commissioning "$dir" "$offers" "$years"
sroi="$PWD/target/release/sroi"
cd "$dir"
echo "bids: 1 framework, $offers offers; monitor: $((years * 12)) monthly periods; $(nproc) cores"
/usr/bin/time -f "bids (table):        wall %e s, peak memory %M KB" "$sroi" bids framework.yaml offer-*.yaml > /dev/null
/usr/bin/time -f "bids (all formats):  wall %e s, peak memory %M KB" "$sroi" bids framework.yaml offer-*.yaml -f html,pdf,json,csv -o out > /dev/null
/usr/bin/time -f "monitor (table):     wall %e s, peak memory %M KB" "$sroi" monitor offer-0001.yaml returns.yaml > /dev/null
/usr/bin/time -f "monitor (all formats): wall %e s, peak memory %M KB" "$sroi" monitor offer-0001.yaml returns.yaml -f html,pdf,json,csv -o out > /dev/null
ls -l out
if command -v hyperfine >/dev/null; then
  hyperfine --warmup 1 --runs 10 -N \
    "$sroi bids framework.yaml $(echo offer-*.yaml)" \
    "$sroi monitor offer-0001.yaml returns.yaml"
fi
