#!/usr/bin/env bash
# The IT and hall physics benchmark: wall time and peak memory of a simulated day of a hall of
# 120 to 100,000 accelerators (docs/performance.md). Needs GNU time (/usr/bin/time).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps
command -v /usr/bin/time >/dev/null || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }
swift build -c release --product plenum >/dev/null
plenum=.build/release/plenum
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
echo "accelerators  servers  racks  wall_s  peak_MiB"
# (rows, racks per row): 5 servers × 8 accelerators per rack.
for size in "1 3" "1 25" "10 25" "100 25"; do
  set -- $size
  racks=$(( $1 * $2 )); servers=$(( racks * 5 ))
  /usr/bin/time -f "%e %M" -o "$out/time" "$plenum" run Benchmarks/scenarios/hall.yaml --quiet \
    --set "halls[0].rows=$1" --set "halls[0].racks_per_row=$2" --set "workload.jobs[0].servers=$servers" \
    --output "$out/hall.h5"
  read -r wall kb < "$out/time"
  printf "%12d  %7d  %5d  %6.1f  %8.0f\n" $(( servers * 8 )) "$servers" "$racks" "$wall" "$(echo "$kb / 1024" | bc -l)"
done
