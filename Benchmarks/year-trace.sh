#!/usr/bin/env bash
# The heterogeneous year benchmarks of issue 14 (docs/performance.md): a year at a 60 s step of
# the direct-liquid hall running a trace of jobs of 1-32 servers (offered load 83 %), at 1,000,
# 10,000 and 100,000 accelerators; wall time, peak memory and how many server steps ran.
#   Benchmarks/year-trace.sh [10k|1k|100k] [plenum run options, e.g. --threads 1]
# Needs GNU time (/usr/bin/time).
set -euo pipefail
cd "$(dirname "$0")/.."
size=${1:-10k}
shift || true
case $size in
    1k) jobs=10000 ;;
    10k) jobs=100000 ;;
    100k) jobs=1000000 ;;
    *) echo "size must be 1k, 10k or 100k" >&2; exit 2 ;;
esac
scenario=Benchmarks/scenarios/year-trace.yaml
[ "$size" = 10k ] || scenario=Benchmarks/scenarios/year-trace-$size.yaml
scripts/install-deps
command -v /usr/bin/time >/dev/null || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }
swift build -c release --product plenum >/dev/null
trace=Benchmarks/scenarios/year-trace-$size.csv
python3 Benchmarks/make-trace.py "$trace" --jobs $jobs --days 365 --stretch 12.1666667
out=$(mktemp -d)
trap 'rm -rf "$out" "$trace"' EXIT
/usr/bin/time -f "%e %M" -o "$out/time" .build/release/plenum run "$scenario" --quiet --allow-large --output "$out/year.h5" "$@"
read -r wall kb < "$out/time"
printf "wall_s %.1f  peak_MiB %.0f\n" "$wall" "$(echo "$kb / 1024" | bc -l)"
python3 - "$out/year.h5" <<'PY'
import sys, h5py
with h5py.File(sys.argv[1], "r") as f:
    s = f["summary"]
    def get(name): return float(s[name][()]) if name in s else float("nan")
    print(f"PUE {get('pue'):.4f}  jobs done {get('jobs_completed'):.0f}  server steps advanced {get('server_steps_advanced'):.4g} of {get('server_steps_advanced') + get('server_steps_dormant'):.4g}")
PY
