#!/usr/bin/env python3
"""Every group of every file given opens with plain xarray, no options, with both the h5netcdf and
the netCDF4 engine, as docs/output.md promises; named axes carry their labels as coordinates.
Usage: check_xarray_opens_every_group.py FILE.h5 ..."""
import sys
import warnings

import h5py
import xarray as xr

warnings.filterwarnings("ignore")
passed = failed = 0
for path in sys.argv[1:]:
    groups = ["/"]
    with h5py.File(path) as f:
        # Hard links only: external links (/runs) lead into other files, checked on their own.
        def visit(name, link):
            if isinstance(link, h5py.HardLink) and isinstance(f.get(name), h5py.Group):
                groups.append(name)
        f.visititems_links(visit) if hasattr(f, "visititems_links") else f.visititems(lambda n, o: groups.append(n) if isinstance(o, h5py.Group) else None)
    for group in groups:
        for engine in ("h5netcdf", "netcdf4"):
            try:
                with xr.open_dataset(path, group=group, engine=engine) as ds:
                    # Every labelled axis (rack, job, site...) shows its names as a coordinate.
                    for dim in ds.dims:
                        if dim + "_name" in ds.variables and dim + "_name" not in ds.coords:
                            raise AssertionError("%s_name is not a coordinate" % dim)
                passed += 1
            except Exception as error:  # noqa: BLE001 - any failure is the finding
                failed += 1
                print("FAIL %s group %s (%s): %s: %s" % (path, group, engine, type(error).__name__, error))
print("xarray opens every group: %d passed, %d failed" % (passed, failed))
print("%d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
