#!/usr/bin/env bash
# Runs every example scenario with one plenum binary into a folder, for Benchmarks/summary_diff.py:
#   Benchmarks/run-examples.sh PLENUM_BINARY OUT_DIR [extra run options...]
set -euo pipefail
cd "$(dirname "$0")/.."
plenum=$1 out=$2
shift 2
mkdir -p "$out"
for scenario in Scenarios/*.yaml; do
    name=$(basename "$scenario" .yaml)
    "$plenum" run "$scenario" --quiet -o "$out/$name.h5" "$@" || echo "$name: failed" >&2
done
