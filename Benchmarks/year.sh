#!/usr/bin/env bash
# The year benchmark (docs/performance.md): wall time and peak memory of a whole year at a 60 s
# step for the 10,000-accelerator hall with its plant and power chain, facility and rack output.
# Needs GNU time (/usr/bin/time).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps
command -v /usr/bin/time >/dev/null || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }
swift build -c release --product plenum >/dev/null
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
/usr/bin/time -f "%e %M" -o "$out/time" .build/release/plenum run Benchmarks/scenarios/year.yaml --quiet --output "$out/year.h5" "$@"
read -r wall kb < "$out/time"
printf "wall_s %.1f  peak_MiB %.0f  file_MiB %.0f\n" "$wall" "$(echo "$kb / 1024" | bc -l)" "$(echo "$(stat -c %s "$out/year.h5") / 1048576" | bc -l)"
