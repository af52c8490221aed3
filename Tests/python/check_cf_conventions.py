#!/usr/bin/env python3
"""Checks Plenum's output files against CF-1.10 with the IOOS compliance checker, and that the
netCDF-4 library (netCDF4-python) sees every group, variable and dimension.

The compliance checker reads only a file's root group, while Plenum's files keep their data in
groups (/timeseries/rack, /jobs, /events...). So every group reachable by hard links is copied,
with the dimensions it inherits and the root's global attributes, into a flat netCDF file of its
own, and that file is checked. Errors (the checker's high-priority findings: CF's "must") fail the
check; warnings ("should") are counted and printed with --verbose.

Usage: check_cf_conventions.py [--verbose] FILE.h5 ...
"""
import json
import os
import sys
import tempfile
import warnings

import netCDF4
from compliance_checker.runner import CheckSuite, ComplianceChecker

warnings.filterwarnings("ignore")
verbose = "--verbose" in sys.argv
paths = [a for a in sys.argv[1:] if not a.startswith("--")]

CheckSuite.load_all_available_checkers()


def groups_of(dataset, prefix=""):
    """Every group below `dataset`, but not /runs: netCDF-4 follows its external links into the
    sweep points' and sites' own files, which are checked as files of their own."""
    for name, group in dataset.groups.items():
        if not prefix and name == "runs":
            continue
        path = prefix + "/" + name
        yield path, group
        yield from groups_of(group, path)


def dimension(group, name):
    """The dimension `name` as seen from `group` (its own or an ancestor's)."""
    while group is not None:
        if name in group.dimensions:
            return group.dimensions[name]
        group = group.parent
    raise KeyError(name)


def flatten(root, group, out_path):
    """Writes `group`'s variables, the dimensions they use and the global attributes to a flat file."""
    with netCDF4.Dataset(out_path, "w") as out:
        out.setncatts({k: root.getncattr(k) for k in root.ncattrs()})
        for name, variable in group.variables.items():
            for dim in variable.dimensions:
                if dim not in out.dimensions:
                    source = dimension(group, dim)
                    out.createDimension(dim, None if source.isunlimited() else len(source))
            fill = variable.getncattr("_FillValue") if "_FillValue" in variable.ncattrs() else None
            copy = out.createVariable(name, variable.datatype, variable.dimensions, fill_value=fill)
            copy.setncatts({k: variable.getncattr(k) for k in variable.ncattrs() if k != "_FillValue"})
            copy[...] = variable[...]


def check(flat_path):
    """The compliance checker's findings for one flat file: (errors, warnings) as text lines."""
    report = flat_path + ".json"
    ComplianceChecker.run_checker(flat_path, ["cf:1.10"], 0, "normal", output_filename=report, output_format="json")
    with open(report) as handle:
        result = json.load(handle)["cf:1.10"]
    errors, warnings_ = [], []
    for priority, found in (("high_priorities", errors), ("medium_priorities", warnings_)):
        for item in result.get(priority, []):
            for message in item.get("msgs", []):
                found.append("%s: %s" % (item.get("name", "?"), message))
    return errors, warnings_


failed = 0
checked = 0
with tempfile.TemporaryDirectory() as work:
    for path in paths:
        with netCDF4.Dataset(path) as root:
            parts = [("/", root)] + list(groups_of(root))
            for group_path, group in parts:
                if not group.variables:
                    continue
                # No phony dimensions: every axis of every variable is a named netCDF dimension.
                for name, variable in group.variables.items():
                    phony = [d for d in variable.dimensions if d.startswith("phony_dim")]
                    if phony:
                        failed += 1
                        print("FAIL %s %s/%s: unnamed dimension(s) %s" % (path, group_path, name, phony))
                flat = os.path.join(work, "part-%d.nc" % checked)
                flatten(root, group, flat)
                errors, warnings_ = check(flat)
                checked += 1
                label = "%s %s" % (path, group_path)
                if errors:
                    failed += 1
                    for line in errors:
                        print("FAIL %s: %s" % (label, line))
                if verbose:
                    for line in warnings_:
                        print("warn %s: %s" % (label, line))
            # Runs have their events as variables netCDF-4 reads (it drops a compound table).
            if "summary" in root.groups and "scenario" in root.groups:
                events = root.groups.get("events")
                if events is None or not {"time", "kind", "component", "value", "message"} <= set(events.variables):
                    failed += 1
                    print("FAIL %s: netCDF4 does not see /events with its columns" % path)
            if getattr(root, "Conventions", None) != "CF-1.10":
                failed += 1
                print("FAIL %s: no Conventions = CF-1.10 at the root" % path)
print("CF-1.10 (compliance checker, every group): %d groups checked, %d with errors" % (checked, failed))
sys.exit(1 if failed else 0)
