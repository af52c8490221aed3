#!/usr/bin/env bash
# The package solver benchmark (docs/performance.md): a steady solve of a 4-layer 128 × 128 grid,
# and a 1 s transient of a 4-layer 64 × 64 grid at 10 ms, 2 ms and 1 ms steps; wall time and peak
# memory of each process. Needs GNU time (/usr/bin/time).
set -euo pipefail
cd "$(dirname "$0")"
../scripts/install-deps
command -v /usr/bin/time >/dev/null || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }
swift build -c release --product plenum-bench >/dev/null
bench=.build/release/plenum-bench
out=$(mktemp)
trap 'rm -f "$out"' EXIT
for run in "128" "256" "64 1 0.01" "64 1 0.002" "64 1 0.001"; do
  /usr/bin/time -f "%e %M" -o "$out" "$bench" package $run
  read -r wall kb < "$out"
  printf "  process wall %.2f s, peak %.0f MiB\n" "$wall" "$(echo "$kb / 1024" | bc -l)"
done
