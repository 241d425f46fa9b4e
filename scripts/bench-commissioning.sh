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
measure() { # LABEL COMMAND...: wall time and peak memory of one run, its output discarded
  local label="$1"; shift
  /usr/bin/time -f "$label wall %e s, user %U s, system %S s, peak memory %M KB" -o "$dir/time" "$@" > /dev/null 2>&1
  cat "$dir/time"
}
measure "bids, table:               " "$sroi" bids framework.yaml offer-*.yaml
measure "bids, html,pdf,json,csv:   " "$sroi" bids framework.yaml offer-*.yaml -f html,pdf,json,csv -o out
measure "monitor, table:            " "$sroi" monitor offer-0001.yaml returns.yaml
measure "monitor, html,pdf,json,csv:" "$sroi" monitor offer-0001.yaml returns.yaml -f html,pdf,json,csv -o out
ls -l out
if command -v hyperfine >/dev/null; then
  hyperfine --warmup 1 --runs 10 -N --style basic \
    -n "bids, $offers offers" "$sroi bids framework.yaml $(echo offer-*.yaml)" \
    -n "monitor, $((years * 12)) periods" "$sroi monitor offer-0001.yaml returns.yaml" \
    -n "bids --json" "$sroi bids framework.yaml $(echo offer-*.yaml) --json" \
    -n "monitor --json" "$sroi monitor offer-0001.yaml returns.yaml --json"
fi
