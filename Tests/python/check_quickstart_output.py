#!/usr/bin/env python3
"""Checks a `plenum run` output file the way a researcher would read it: with h5py and xarray.

Usage: check_quickstart_output.py OUTPUT.h5 SCENARIO.yaml [SECOND_RUN.h5]

Asserts the layout of docs/output.md (groups, datasets, shapes, units and long_name attributes,
dimension scales), the energy books (electrical energy in = heat removed + heat stored), that
xarray opens every time-series group, and, given a second run of the same scenario, that the two
files are bitwise identical. Prints one line per check and ends with 'checks: N passed, M failed'.
"""
import sys
import traceback

import h5py
import numpy as np
import xarray as xr

path, scenario_path = sys.argv[1], sys.argv[2]
second = sys.argv[3] if len(sys.argv) > 3 else None
results = []


def check(name):
    def wrap(function):
        try:
            function()
            results.append((name, None))
            print(f"ok    {name}")
        except Exception as error:  # report every failed check, not just the first
            results.append((name, error))
            print(f"FAIL  {name}: {error!r}")
            traceback.print_exc()
        return function
    return wrap


f = h5py.File(path, "r")
DURATION, INTERVAL = 7200.0, 10.0


@check("root attributes are UTF-8 strings and the seed is stored")
def _():
    assert isinstance(f.attrs["program_version"], str)
    assert f.attrs["start_instant"] == "2026-07-01T00:00:00Z"
    assert int(f.attrs["seed"]) == 42
    assert int(f["scenario"].attrs["seed"]) == 42


@check("/scenario/source_text is the scenario file, byte for byte; /scenario/text is its resolved YAML")
def _():
    text = f["scenario/source_text"][()]
    text = text.decode() if isinstance(text, bytes) else text
    with open(scenario_path, encoding="utf-8") as source:
        assert text == source.read()
    resolved = f["scenario/text"][()]
    resolved = resolved.decode() if isinstance(resolved, bytes) else resolved
    assert "catalog: dgx-h100" in resolved and "seed: 42" in resolved


@check("every variable has long_name, every number has units (labels are text: CF gives them none)")
def _():
    missing = []
    def visit(name, obj):
        if isinstance(obj, h5py.Dataset) and obj.dtype.kind != "O":
            for attribute in ("units", "long_name"):
                if not isinstance(obj.attrs.get(attribute), str):
                    missing.append(f"{name}@{attribute}")
    f.visititems(visit)
    assert not missing, missing


@check("time axes: 0 to 7200 s every 10 s, the same in every group, CF units")
def _():
    expected = np.arange(0.0, DURATION + INTERVAL / 2, INTERVAL)
    for group in ("facility", "hall", "rack", "server"):
        time = f[f"timeseries/{group}/time"][:]
        assert np.array_equal(time, expected), group
        assert f[f"timeseries/{group}/time"].attrs["units"] == "seconds since 2026-07-01T00:00:00Z"


@check("shapes: (time,) for the facility, (time, rack) and (time, server)")
def _():
    n = int(DURATION / INTERVAL) + 1
    assert f["timeseries/facility/it_power_w"].shape == (n,)
    assert f["timeseries/hall/it_power_w"].shape == (n, 1)
    assert f["timeseries/rack/exhaust_temperature_c"].shape == (n, 1)
    assert f["timeseries/server/board_temperature_c"].shape == (n, 4)
    assert f["events/event"].shape[0] == 9


@check("dimension scales are attached (netCDF-4 conventions)")
def _():
    dataset = f["timeseries/server/board_temperature_c"]
    scales = [dataset.dims[i][0].name for i in range(2)]
    assert scales == ["/timeseries/server/time", "/timeseries/server/server"], scales


@check("IT energy: sampled power x 10 s within 1 % of the integrated energy")
def _():
    # Power changes at every 60 s coupling step (leakage, fans) and at job events, so the
    # sampled series is a sample-and-hold of the integrated power.
    power = f["timeseries/facility/it_power_w"][:]
    energy = float(np.sum(power[:-1]) * INTERVAL)
    integrated = float(f["summary/it_energy_j"][()])
    assert abs(energy - integrated) <= 1e-2 * integrated, (energy, integrated)


@check("heat to air: sampled heat flow within 1 % of the integrated value")
def _():
    heat = f["timeseries/facility/heat_to_air_w"][:]
    time = f["timeseries/facility/time"][:]
    sampled = float(np.sum(heat[1:] * np.diff(time)))
    integrated = float(f["summary/heat_to_air_j"][()])
    assert abs(sampled - integrated) / integrated < 1e-2, (sampled, integrated)


@check("energy books close: IT + CRAH fans + pumps = coils + facility water + stored heat, to 1e-6")
def _():
    energy_in = float(f["summary/it_energy_j"][()]) + float(f["summary/crah_fan_energy_j"][()]) + float(f["summary/pump_energy_j"][()])
    heat_out = float(f["summary/coil_heat_j"][()]) + float(f["summary/facility_water_heat_j"][()])
    stored = float(f["summary/stored_heat_j"][()])
    assert abs(energy_in - heat_out - stored) / energy_in < 1e-6, (energy_in, heat_out, stored)
    # What is not yet out is in the room's structure (a time constant of a day): a few per cent.
    assert 0 <= stored / energy_in < 0.03, stored / energy_in


@check("facility books: utility = IT + cooling + losses + other, PUE from the energies, monthly PUE in July only")
def _():
    s = f["summary"]
    utility = float(s["utility_energy_j"][()])
    parts = sum(float(s[k][()]) for k in ["it_energy_j", "cooling_energy_j", "power_loss_energy_j", "other_energy_j"])
    assert abs(utility - parts) / utility < 1e-6, (utility, parts)
    assert abs(float(s["pue"][()]) - utility / float(s["it_energy_j"][()])) < 1e-12
    monthly = s["monthly_pue"][:]
    assert monthly.shape == (12,) and np.isfinite(monthly[6]) and np.isnan(monthly[:6]).all(), monthly
    assert abs(monthly[6] - float(s["pue"][()])) < 1e-12
    # Per-step utility power integrates to the utility energy within sampling error.
    power = f["timeseries/facility/utility_power_w"][:]
    assert abs(float(np.sum(power[1:]) * INTERVAL) - utility) / utility < 1e-2


@check("physics: exhaust warmer than inlet, boards warmer than their outlet air in steady state, junctions below their limit")
def _():
    inlet = f["timeseries/rack/inlet_temperature_c"][:]
    exhaust = f["timeseries/rack/exhaust_temperature_c"][:]
    # The first sample precedes the first step, when no heat has been delivered yet.
    assert np.all(exhaust[1:] > inlet[1:]) and np.all(exhaust[0] >= inlet[0])
    # In steady state (50 min into the pretraining job) boards run warmer than their outlet air;
    # just after a job starts the GPUs warm the air faster than the heavy boards follow.
    row = 360
    assert np.all(f["timeseries/server/board_temperature_c"][row] > f["timeseries/server/outlet_temperature_c"][row])
    assert float(f["summary/peak_junction_temperature_c"][()]) < 87.0
    assert float(f["summary/throttled_device_hours"][()]) == 0.0


@check("events: one variable per column along `event`, ordered in time, kinds as documented, UTF-8 text")
def _():
    events = f["events"]
    assert np.all(np.diff(events["time"][()]) >= 0)
    kinds = set(events["kind"].asstr()[()])
    assert kinds == {"job-submit", "job-start", "job-end"}, kinds
    frame = xr.open_dataset(path, group="events", engine="h5netcdf").to_dataframe()
    assert list(frame.columns[:1]) == ["time"] or "time" in frame.columns, frame.columns
    assert set(frame["kind"]) == kinds


@check("named axes: integer index coordinates, names as string coordinates, selectable by name")
def _():
    rack = f["timeseries/rack/rack"]
    assert rack.dtype.kind == "i", rack.dtype
    names = list(f["timeseries/rack/rack_name"].asstr()[()])
    assert names == ["hall-1/r1-1"], names
    ds = xr.open_dataset(path, group="timeseries/rack", engine="h5netcdf")
    inlet = ds.set_xindex("rack_name").sel(rack_name="hall-1/r1-1")["inlet_temperature_c"]
    assert inlet.sizes["time"] == ds.sizes["time"]
    servers = list(f["timeseries/server/server_name"].asstr()[()])
    assert servers == ["hall-1/r1-1/s%d" % i for i in range(4)], servers
    months = xr.open_dataset(path, group="summary", engine="h5netcdf")
    assert list(months["month"].values) == list(range(1, 13))
    assert str(months["month_name"].values[6]) == "July"
    assert f.attrs["Conventions"] == "CF-1.10" and f.attrs["history"].startswith("plenum run ")


@check("xarray opens every time-series group and decodes time to dates")
def _():
    for group in ("facility", "hall", "rack", "server"):
        ds = xr.open_dataset(path, group=f"timeseries/{group}", engine="h5netcdf")
        assert str(ds.time.values[0]).startswith("2026-07-01T00:00:00")
        assert ds.sizes["time"] == int(DURATION / INTERVAL) + 1
        ds.close()
    ds = xr.open_dataset(path, group="timeseries/server", engine="h5netcdf")
    assert ds.board_temperature_c.dims == ("time", "server")
    assert ds.board_temperature_c.attrs["units"] == "degC"
    ds.close()


if second:
    @check("same scenario, same seed: bitwise-identical files")
    def _():
        with open(path, "rb") as a, open(second, "rb") as b:
            assert a.read() == b.read()

failed = sum(1 for _, error in results if error is not None)
print(f"checks: {len(results) - failed} passed, {failed} failed")
sys.exit(1 if failed else 0)
