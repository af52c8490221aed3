#!/usr/bin/env bash
# Runs every benchmark of docs/performance.md on this machine, Plenum beside its baselines.
# Needs: swift, g++, libgsl-dev, libhdf5-dev, python3 with simpy, h5py, numpy.
#   Benchmarks/run.sh            full sizes (10^7 events, 10^7 values)
#   Benchmarks/run.sh --small    a quick look (10^6 each)
set -euo pipefail
cd "$(dirname "$0")"
events=10000000; values=10000000
[ "${1:-}" = "--small" ] && { events=1000000; values=1000000; }
../scripts/install-deps
python3 -c "import simpy, h5py, numpy" 2>/dev/null || python3 -m pip install --quiet simpy h5py numpy
swift build -c release --product plenum-bench >/dev/null
mkdir -p results
g++ -O2 -o results/hold cpp/hold.cpp -lgsl -lgslcblas -lm
bench=$(swift build -c release --show-bin-path)/plenum-bench
echo "# $(date -u +%Y-%m-%dT%H:%MZ) $(uname -m), $(nproc) cores, $(swift --version 2>&1 | head -1)"
"$bench" engine "$events" 1000
"$bench" heap "$events" 1000
"$bench" rng "$events"
results/hold "$events" 1000
results/hold "$events" 1000 std
python3 python/hold_simpy.py "$events" 1000
for chunk in 1024 65536; do
  "$bench" hdf5 "$values" "$chunk"
  python3 python/append_h5py.py "$values" "$chunk"
done
