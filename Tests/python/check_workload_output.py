"""Checks that workload output reads as documented (docs/output.md, "/jobs"): /jobs columns of one
length with units, pandas frames from them, per-class and inference tables, and a multi-site
file whose /runs links resolve to the sites' own files.

    python3 Tests/python/check_workload_output.py RUN.h5 MULTISITE.h5
"""
import sys

import h5py
import numpy as np
import pandas as pd
import xarray as xr

run, multisite = sys.argv[1], sys.argv[2]
failures = []
count = 0


def check(condition, what):
    global count
    count += 1
    print(("ok   " if condition else "FAIL ") + what)
    if not condition:
        failures.append(what)


with h5py.File(run, "r") as f:
    jobs = f["jobs"]
    columns = [k for k in jobs if isinstance(jobs[k], h5py.Dataset)]
    lengths = {len(jobs[k]) for k in columns}
    check(len(lengths) == 1, f"every /jobs column has one length ({lengths})")
    numeric = [k for k in columns if jobs[k].dtype.kind == "f"]
    check(all("units" in jobs[k].attrs for k in numeric), "every numeric /jobs column has units")
    frame = xr.open_dataset(run, group="jobs", engine="h5netcdf").to_dataframe()
    check(frame["job_name"].map(type).eq(str).all(), "job names are text (UTF-8), no decoding needed")
    done = frame.dropna(subset=["end_s"])
    check(len(done) > 0, f"{len(done)} finished jobs")
    check(bool(np.allclose(done["wait_s"], done["start_s"] - done["submit_s"])), "wait = start - submit")
    check(bool(np.allclose(done["run_s"], done["end_s"] - done["start_s"])), "run = end - start")
    check(bool((done["facility_energy_j"] >= done["it_energy_j"]).all()), "facility energy ≥ IT energy per job")
    classes = f["jobs/classes"]
    check(int(classes["jobs"][()].sum()) == len(frame), "classes add up to the jobs")
    inference = f["jobs/inference"]
    slo = inference["slo_attainment"][()]
    check(bool(((0 <= slo) & (slo <= 1)).all()), "SLO attainment within 0-1")
    check(bool((inference["completed"][()] <= inference["requests"][()]).all()), "completed ≤ requests")

with h5py.File(multisite, "r") as f:
    sites = list(f["sites/site_name"].asstr()[()])
    check(sites == ["beijing", "ulanqab", "guiyang"], f"sites {sites}")
    for site in sites:
        linked = f["runs"][site]
        check("summary" in linked and "jobs" in linked, f"/runs/{site} resolves to a run file with /summary and /jobs")
    placed = list(f["jobs/site"].asstr()[()])
    check(len(placed) == len(f["jobs/job_name"]), "one site per job and service")

print(f"checks: {count - len(failures)} passed, {len(failures)} failed")
sys.exit(1 if failures else 0)
