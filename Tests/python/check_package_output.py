"""Checks that a `plenum package` file reads as documented (docs/output.md, "Package files"):
layer maps are 2-D (y, x) with coordinate scales xarray picks up, dies and summary carry units,
and the file is bitwise the same when written twice.

    python3 Tests/python/check_package_output.py FIRST.h5 SECOND.h5
"""
import sys

import h5py
import numpy as np
import xarray as xr

first, second = sys.argv[1], sys.argv[2]
failures = []


def check(condition, what):
    print(("ok   " if condition else "FAIL ") + what)
    if not condition:
        failures.append(what)


with h5py.File(first, "r") as f:
    layers = f["layers"]
    names = [n for n in layers if n not in ("x", "y")]
    check(len(names) >= 4, f"layer maps present: {names}")
    for name in names:
        d = layers[name]
        check(d.ndim == 2 and d.shape == (layers["y"].shape[0], layers["x"].shape[0]), f"{name} is (y, x)")
        check(d.attrs["units"] == "degC" if isinstance(d.attrs["units"], str) else d.attrs["units"].decode() == "degC", f"{name} in degC")
    tier = layers["tier-0"][...]
    summary = f["summary"]
    hottest = summary["hottest_junction_c"][()]
    check(abs(tier.max() - hottest) < 5, f"hottest junction {hottest:.2f} near the tier-0 map's maximum {tier.max():.2f}")
    check(abs(summary["energy_balance_relative_error"][()]) < 1e-8, "energy balance closes")
    check(summary["cost_per_good_package_usd"][()] > 0, "cost per good package")
    dies = f["dies"]
    check(len(dies["die_name"]) == len(dies["max_temperature_c"]), "one row per die")

ds = xr.open_dataset(first, group="layers", engine="h5netcdf")
check("x" in ds.coords and "y" in ds.coords, "xarray sees x and y as coordinates")
check(float(ds["tier-0"].max()) > float(ds["tier-0"].min()), "the die map varies over the die")

with open(first, "rb") as a, open(second, "rb") as b:
    check(a.read() == b.read(), "the same package twice gives a bitwise-identical file")

print(f"checks: {4 + 2 * len(names) + 3 - len(failures)} passed, {len(failures)} failed")
sys.exit(1 if failures else 0)
