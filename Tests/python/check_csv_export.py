#!/usr/bin/env python3
"""Reads `plenum export --csv` tables with pandas and checks them against the HDF5 file (h5py):
units in the headers, local time beside UTC, and the same numbers.

usage: check_csv_export.py CSV_DIR RUN.h5
"""
import os
import sys

import h5py
import numpy as np
import pandas as pd


def main(folder, path):
    problems = []
    with h5py.File(path, "r") as f:
        facility = pd.read_csv(os.path.join(folder, "timeseries_facility.csv"))
        time_column = [c for c in facility.columns if c.startswith("time [seconds since")]
        if not time_column or "utc" not in facility or "local" not in facility:
            problems.append("timeseries_facility.csv: no time, utc and local columns")
        if not np.array_equal(facility["it_power_w [W]"].to_numpy(), f["timeseries/facility/it_power_w"][:], equal_nan=True):
            problems.append("timeseries_facility.csv: it_power_w differs from the file")
        offset = pd.Timedelta(seconds=float(f.attrs["utc_offset_s"]))
        utc = pd.to_datetime(facility["utc"], utc=True)
        local = pd.to_datetime(facility["local"].str[:19])
        if not ((local - utc.dt.tz_localize(None)) == offset).all():
            problems.append("local time is not UTC plus the site's offset")
        summary = pd.read_csv(os.path.join(folder, "summary.csv")).set_index("name")
        if float(summary.loc["pue", "value"]) != float(f["summary/pue"][()]):
            problems.append("summary.csv: pue differs from the file")
        racks = pd.read_csv(os.path.join(folder, "timeseries_rack_by_rack.csv"))
        if len(racks) != f["timeseries/rack/inlet_temperature_c"].size:
            problems.append("timeseries_rack_by_rack.csv: not one row per time and rack")
        wide = racks.pivot(index=time_column[0], columns="rack", values="inlet_temperature_c [degC]").to_numpy()
        if not np.array_equal(wide, f["timeseries/rack/inlet_temperature_c"][:], equal_nan=True):
            problems.append("timeseries_rack_by_rack.csv pivoted is not the file's (time, rack) array")
    for p in problems:
        print("FAIL " + p)
    if not problems:
        print(f"ok   plenum export --csv: {len(os.listdir(folder))} tables read by pandas equal the file")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
