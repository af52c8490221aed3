#!/usr/bin/env python3
"""Checks Plenum's output files against CF-1.10 with the IOOS compliance checker, and that the
netCDF-4 library (netCDF4-python) sees every group, variable and dimension.

The compliance checker reads only a file's root group, while Plenum's files keep their data in
groups (/timeseries/rack, /jobs, /events...). So every group reachable by hard links is copied,
with the dimensions it inherits and the root's global attributes, into a flat netCDF file of its
own, and that file is checked. Errors (the checker's high-priority findings: CF's "must") fail the
check; warnings ("should") are counted and printed with --verbose.

Usage: check_cf_conventions.py [--verbose] [--jobs=N] FILE.h5 ...
"""
import multiprocessing
import os
import sys
import tempfile
import warnings

import netCDF4
from compliance_checker.base import BaseCheck
from compliance_checker.runner import CheckSuite

warnings.filterwarnings("ignore")
verbose = "--verbose" in sys.argv
jobs = next((int(a.split("=", 1)[1]) for a in sys.argv[1:] if a.startswith("--jobs=")), os.cpu_count() or 1)
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


SUITE = CheckSuite()


def check(flat_path):
    """The compliance checker's findings for one flat file: (errors, warnings) as text lines.
    Errors are failed high-priority checks (CF's "must"), warnings failed medium ones ("should").
    One suite serves every file: building it per file costs 2 s, checking a file 0.1 s."""
    dataset = SUITE.load_dataset(flat_path)
    results, exceptions = SUITE.run_all(dataset, ["cf:1.10"], skip_checks=[])["cf:1.10"]
    errors, warnings_ = [], []
    for result in results:
        value = result.value
        passed = value[0] >= value[1] if isinstance(value, tuple) else bool(value)
        if passed:
            continue
        found = errors if result.weight == BaseCheck.HIGH else warnings_ if result.weight == BaseCheck.MEDIUM else None
        if found is not None:
            found.extend("%s: %s" % (result.name, message) for message in (result.msgs or ["failed"]))
    warnings_.extend("checker exception in %s: %s" % (name, error) for name, error in exceptions.items())
    return errors, warnings_


def check_file(path):
    """(groups checked, findings that fail, warning lines) for one file."""
    checked, failures, warned = 0, [], []
    with tempfile.TemporaryDirectory() as work, netCDF4.Dataset(path) as root:
        for group_path, group in [("/", root)] + list(groups_of(root)):
            if not group.variables:
                continue
            # No phony dimensions: every axis of every variable is a named netCDF dimension.
            for name, variable in group.variables.items():
                phony = [d for d in variable.dimensions if d.startswith("phony_dim")]
                if phony:
                    failures.append("%s %s/%s: unnamed dimension(s) %s" % (path, group_path, name, phony))
            flat = os.path.join(work, "part-%d.nc" % checked)
            flatten(root, group, flat)
            errors, warnings_ = check(flat)
            checked += 1
            failures.extend("%s %s: %s" % (path, group_path, line) for line in errors)
            warned.extend("%s %s: %s" % (path, group_path, line) for line in warnings_)
        # Runs have their events as variables netCDF-4 reads (it drops a compound table).
        if "summary" in root.groups and "scenario" in root.groups:
            events = root.groups.get("events")
            if events is None or not {"time", "kind", "component", "value", "message"} <= set(events.variables):
                failures.append("%s: netCDF4 does not see /events with its columns" % path)
        if getattr(root, "Conventions", None) != "CF-1.10":
            failures.append("%s: no Conventions = CF-1.10 at the root" % path)
    return checked, failures, warned


def checker_catches_a_bad_file():
    """A canary: a variable with units UDUNITS does not know must be an error, or this check
    could pass by checking nothing."""
    with tempfile.TemporaryDirectory() as work:
        path = os.path.join(work, "bad.nc")
        with netCDF4.Dataset(path, "w") as bad:
            bad.Conventions = "CF-1.10"
            bad.createDimension("x", 2)
            variable = bad.createVariable("cost", "f8", ("x",))
            variable.units = "CNY"
            variable[:] = [1.0, 2.0]
        errors, _ = check(path)
        return any("units" in line.lower() for line in errors)


if __name__ == "__main__":
    if not checker_catches_a_bad_file():
        print("FAIL the compliance checker did not flag units 'CNY' in a canary file")
        sys.exit(1)
    # The checker is slow on groups of many variables (about 25 s for a run's file): files are
    # checked in parallel, one process each.
    with multiprocessing.Pool(jobs) as pool:
        outcomes = pool.map(check_file, paths)
    checked = sum(o[0] for o in outcomes)
    failures = [line for o in outcomes for line in o[1]]
    for line in failures:
        print("FAIL " + line)
    if verbose:
        for line in (line for o in outcomes for line in o[2]):
            print("warn " + line)
    print("CF-1.10 (compliance checker, every group): %d files, %d groups checked, %d errors"
          % (len(paths), checked, len(failures)))
    sys.exit(1 if failures else 0)
