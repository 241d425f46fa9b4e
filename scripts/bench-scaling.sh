#!/usr/bin/env bash
# How cost grows with the work: times the release binary and measures its
# peak memory on generated analyses of 200, 2,000, 20,000 and 100,000
# outcomes (a range on every outcome, so the simulation runs too), for
# `check`, `calc --json` without the simulation (`core…yaml`: draws: 0), with
# it, and `report -f html,pdf,json,xlsx`.
#
#   scripts/bench-scaling.sh [SIZES...]      e.g. scripts/bench-scaling.sh 2000 20000
#
# Each figure is the median wall time of 5 runs (1 run at 100,000 outcomes)
# and the peak resident memory of one run, from /usr/bin/time. Growth between
# two sizes ten times apart is linear at x10.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(200 2000 20000 100000)
cargo build --release --quiet --bin sroi --example synthetic
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
sroi=./target/release/sroi

# median_ms RUNS CMD...: the median wall time of RUNS runs, in milliseconds.
median_ms() {
  local runs=$1; shift
  local times=()
  for _ in $(seq "$runs"); do
    local start end
    start=$(date +%s%N)
    "$@" > /dev/null 2>&1 || true
    end=$(date +%s%N)
    times+=($(( (end - start) / 1000000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p"
}

# peak_mb CMD...: the peak resident memory of one run, in MB.
peak_mb() {
  /usr/bin/time -f '%M' -o "$dir/time" "$@" > /dev/null 2>&1 || true
  echo $(( $(tail -1 "$dir/time") / 1024 ))
}

printf '| outcomes | YAML | job | time | peak memory | memory / YAML |\n|---:|---:|---|---:|---:|---:|\n'
for n in "${sizes[@]}"; do
  ./target/release/examples/synthetic "$n" > "$dir/a$n.yaml"
  # The same analysis with the Monte Carlo simulation off, to time the core alone.
  sed 's/^settings:/settings:\n  simulation: { draws: 0 }/' "$dir/a$n.yaml" > "$dir/core$n.yaml"
  bytes=$(wc -c < "$dir/a$n.yaml")
  yaml_mb=$(awk "BEGIN { printf \"%.1f\", $bytes / 1048576 }")
  runs=5; [ "$n" -ge 100000 ] && runs=1
  for job in check core calc report; do
    case $job in
      check) cmd=("$sroi" check "$dir/a$n.yaml");;
      core) cmd=("$sroi" calc "$dir/core$n.yaml" --json);;
      calc) cmd=("$sroi" calc "$dir/a$n.yaml" --json);;
      report) cmd=("$sroi" report "$dir/a$n.yaml" -f html,pdf,json,xlsx -o "$dir/out");;
    esac
    code=0; "${cmd[@]}" > /dev/null 2>&1 || code=$?
    ms=$(median_ms "$runs" "${cmd[@]}")
    [ "$code" -ne 0 ] && ms="$ms (exit $code)"
    mb=$(peak_mb "${cmd[@]}")
    ratio=$(awk "BEGIN { printf \"%.1f\", ($mb * 1048576) / $bytes }")
    printf '| %s | %s MB | `%s` | %s ms | %s MB | x%s |\n' "$n" "$yaml_mb" "${cmd[*]#"$sroi "}" "$ms" "$mb" "$ratio" \
      | sed "s|$dir/||g"
  done
done
