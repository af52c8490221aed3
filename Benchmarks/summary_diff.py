"""Compares the /summary of run files made by two builds, scenario by scenario.

    python3 Benchmarks/summary_diff.py BEFORE_DIR AFTER_DIR

Each directory holds NAME.h5 files of the same scenarios. Prints, per scenario, the largest
relative difference over the scalar datasets of /summary (|a - b| / max(|b|, 1e-12); both nan
counts as equal) and the dataset it is in, then each dataset that differs by more than 1e-9.
Used for the before/after table of docs/performance.md (issue 14).
"""
import math
import os
import sys

import h5py


def summary(path):
    values = {}
    with h5py.File(path, "r") as f:
        def visit(name, obj):
            if isinstance(obj, h5py.Dataset) and obj.shape == () and obj.dtype.kind == "f":
                values[name] = float(obj[()])
        f["summary"].visititems(visit)
    return values


def relative(a, b):
    if math.isnan(a) and math.isnan(b):
        return 0.0
    if math.isinf(a) and math.isinf(b) and a == b:
        return 0.0
    return abs(a - b) / max(abs(b), 1e-12)


def main(before_dir, after_dir):
    for name in sorted(os.listdir(before_dir)):
        if not name.endswith(".h5") or not os.path.exists(os.path.join(after_dir, name)):
            continue
        a, b = summary(os.path.join(after_dir, name)), summary(os.path.join(before_dir, name))
        diffs = sorted(((relative(a[k], b[k]), k) for k in b if k in a), reverse=True)
        worst = diffs[0] if diffs else (0.0, "-")
        print(f"{name}: {len(diffs)} values, largest relative difference {worst[0]:.2e} ({worst[1]})")
        for d, k in diffs:
            if d > 1e-9:
                print(f"    {k}: {b[k]:.10g} -> {a[k]:.10g} ({d:.2e})")
        missing = sorted(set(b) ^ set(a))
        if missing:
            print(f"    only in one file: {', '.join(missing)}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
