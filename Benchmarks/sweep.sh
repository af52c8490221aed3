#!/usr/bin/env bash
# The sweep benchmark: 256 points of a one-day 1,000-accelerator hall with --jobs 1 and --jobs 2
# (docs/performance.md). Release build; about 8 minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps
swift build -c release --product plenum >/dev/null
plenum=.build/release/plenum
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
# One row of 25 racks: 125 servers, 1,000 accelerators.
sed 's/    rows: 10/    rows: 1/; s/      servers: 1250/      servers: 125/' Benchmarks/scenarios/hall.yaml > "$out/hall.yaml"
cp Benchmarks/scenarios/sweep-256.yaml "$out/sweep.yaml"
for jobs in 1 2; do
  start=$(date +%s.%N)
  "$plenum" sweep "$out/sweep.yaml" --output "$out/jobs-$jobs" --jobs "$jobs" --quiet
  end=$(date +%s.%N)
  echo "jobs=$jobs  256 points in $(echo "$end - $start" | bc) s  = $(echo "256 * 60 / ($end - $start)" | bc -l | cut -c1-6) points/min"
done
