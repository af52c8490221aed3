#!/usr/bin/env bash
# The workload benchmark (docs/performance.md): 30 days of a 100,000-job trace on a
# 10,000-accelerator hall, scheduling and physics together; wall time and peak memory.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps
command -v /usr/bin/time >/dev/null || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }
swift build -c release --product plenum >/dev/null
python3 Benchmarks/make-trace.py Benchmarks/scenarios/trace-100k.csv
out=$(mktemp -d)
trap 'rm -rf "$out" Benchmarks/scenarios/trace-100k.csv' EXIT
/usr/bin/time -f "%e %M" -o "$out/time" .build/release/plenum run Benchmarks/scenarios/trace-100k.yaml --output "$out/trace.h5" "$@"
read -r wall kb < "$out/time"
printf "wall_s %.1f  peak_MiB %.0f\n" "$wall" "$(echo "$kb / 1024" | bc -l)"
