#!/usr/bin/env python3
"""Valid but extreme scenarios, through the real executable (issue 13, docs/reliability.md).

Each case takes one example scenario and scales some of its capacities, flows, powers and
volumes by seeded factors between 0.01 and 100 (`--set KEY.PATH=VALUE` on the example, so its
relative paths still resolve), then runs it for a short simulated time. A case fails when:
  * the process ends by a signal (a trap) or runs past --timeout (a hang);
  * it exits 1 without a located error (`FILE:LINE:COL: error:` or `FILE: error:`): a scaled
    input may be refused (an impossible CRAH rating) or diverge (a located numerical error), but
    never crash;
  * it exits 0 and /summary has a NaN where the summary does not document one, or its books are
    not closed to 1e-6 (books_relative_error) or its thermal energy balance to 5e-6 of the heat
    the halls integrate (energy_balance_relative_error, stated over the IT energy, scaled to the
    IT's, CRAH fans' and CDU pumps' energy: the ODE tolerance and the dormancy rule bound it);
  * it exits 0 and a hall's room, supply or rack inlets fall more than 1 K below every source of
    cold (the chilled water's set point, the outdoor dry and wet bulb, where the hall started):
    an oscillation between the room and the racks that the books, counting each step's heat,
    do not see (the eighteenth session's check, at 1 K since the nineteenth), or a rack inlet
    rises more than 1 K above every rack exhaust and hall room of the run (the nineteenth's).

Usage:
    python3 Tests/fuzz/extreme.py --binary .build/release/plenum --budget 10000 --jobs 2 --seed 1
    python3 Tests/fuzz/extreme.py --only SEED        # one case again, with its command
"""
import argparse
import concurrent.futures
import glob
import math
import os
import random
import re
import subprocess
import sys
import tempfile

import h5py
import numpy as np
import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
# Keys whose values are capacities, flows, powers or volumes: each scaled by 10^U(-2, 2).
SCALED_KEYS = {"capacity", "airflow", "fan_power", "pump_power", "module_rating", "room_volume", "other_load",
               "rating", "power", "idle_power", "max_power"}
QUANTITY = re.compile(r"^\s*([-+]?[0-9.]+(?:e[-+]?\d+)?)\s*([A-Za-z/%0-9³]+)\s*$")
# A file, or an override named as `<override KEY>`, with line and column where it has lines.
LOCATED = re.compile(r"^(?:<override [^>]+>|\S+?):(?:\d+:\d+:)? (?:error|warning):|^\S+?: error:")
# KPIs whose long_name documents a NaN ("nan: ...", or defined only with something present).
NAN_ALLOWED = re.compile(r"nan|none|\(n/a")


def leaves(node, path=""):
    """(key path, key, value text) of every scalar in a YAML tree, key paths as --set takes them."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield from leaves(value, "%s.%s" % (path, key) if path else str(key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from leaves(value, "%s[%d]" % (path, index))
    else:
        key = path.rsplit(".", 1)[-1]
        yield path, re.sub(r"\[\d+\]$", "", key), node


def case(seed, scenarios):
    """The scenario and the overrides of case `seed`."""
    rng = random.Random(seed)
    scenario = rng.choice(scenarios)
    with open(scenario, encoding="utf-8") as handle:
        tree = yaml.safe_load(handle)
    overrides = ["simulation.duration=2 h"]
    for path, key, value in leaves(tree):
        if key not in SCALED_KEYS or not isinstance(value, str):
            continue
        match = QUANTITY.match(value)
        if not match or rng.random() < 0.4:
            continue
        factor = 10 ** rng.uniform(-2, 2)
        overrides.append("%s=%.6g %s" % (path, float(match.group(1)) * factor, match.group(2)))
    return scenario, overrides


def check_output(path):
    """Problems of a finished run's /summary (empty when fine)."""
    problems = []
    with h5py.File(path, "r") as f:
        summary = f["summary"]
        for name, dataset in summary.items():
            if dataset.shape != () or dataset.dtype.kind != "f":
                continue
            value = float(dataset[()])
            meaning = str(dataset.attrs.get("long_name", ""))
            if math.isnan(value) and not NAN_ALLOWED.search(meaning.lower()) and not name.startswith(("job_", "inference_")):
                problems.append("/summary/%s is NaN" % name)
        # The facility's books are sums and close to rounding; the thermal energy balance is
        # bounded by the ODE tolerance, the dormancy rule and the propagators of cut steps (chained
        # ladder factors, 1e-10 of the temperatures in kelvin: times an air stream of 23 kW/K a
        # server, 100 times a real one, that is 1.8e-6 in case 21000791, 5.8e-7 uncut). In 1,957 runs (669 and
        # 688 extreme cases of seeds 21 and 16, 600 floor plans of seed 7; twentieth session) the
        # others stay under 3e-7, so it gets 5e-6. It is stated over the IT energy, but the
        # halls integrate the CRAH fans' and CDU pumps' heat too: where those dwarf the IT (fuzzed
        # fans of 557 kW over racks of a tenth of that) the bound is taken over all three.
        for name, bound in (("books_relative_error", 1e-6), ("energy_balance_relative_error", 5e-6)):
            if name in summary:
                value = float(summary[name][()])
                if name == "energy_balance_relative_error" and "it_energy_j" in summary:
                    it = float(summary["it_energy_j"][()])
                    heat = it + sum(float(summary[k][()]) for k in ("crah_fan_energy_j", "cdu_pump_energy_j") if k in summary)
                    value *= it / heat if heat > 0 else 1
                if not abs(value) <= bound:
                    problems.append("/summary/%s = %g (not closed to %g)" % (name, float(summary[name][()]), bound))
        problems += colder_than_any_source(f)
        problems += hotter_than_any_exhaust(f)
    return problems


COLD_MARGIN_K = 1.0


def colder_than_any_source(f):
    """A hall's air colder than anything that cools it: books can close on an oscillation between
    the room and the racks (each step's heat is counted, however wrong), so a run that swung its
    room to -12 °C once passed. Nothing cools air below the coldest of the halls' supply set
    points, the chilled water's set point and the outdoor air (dry or wet bulb), nor below where
    the hall started. It allows 1 K (it allowed 5 K until the floor plan's inlets were bounded by
    the air they mix, in the nineteenth session: rooms of 4 m³ a rack undershot by 3-16 K for one
    step after their units tripped; docs/reliability.md)."""
    facility = f.get("timeseries/facility")
    if facility is None:
        return []
    sources = [float(np.nanmin(facility[name][()])) for name in ("chilled_water_supply_set_point_c", "outdoor_dry_bulb_c", "outdoor_wet_bulb_c")
               if name in facility and np.isfinite(facility[name][()]).any()]
    if "scenario/text" in f:
        text = f["scenario/text"][()]
        scenario = yaml.safe_load(text.decode() if isinstance(text, bytes) else str(text)) or {}
        for hall in scenario.get("halls") or []:
            match = re.match(r"^\s*([-+]?[0-9.]+)\s*(degC|°C|C)?\s*$", str((hall or {}).get("supply_air_temperature", "")))
            if match:
                sources.append(float(match.group(1)))
    problems = []
    for group, name in (("hall", "room_temperature_c"), ("hall", "supply_temperature_c"), ("hall", "inlet_temperature_c"), ("rack", "inlet_temperature_c")):
        path = "timeseries/%s/%s" % (group, name)
        if path not in f:
            continue
        values = f[path][()]
        if not np.isfinite(values).any():
            continue
        floor = min(sources + [float(np.nanmin(values[0]))]) - COLD_MARGIN_K
        if float(np.nanmin(values)) < floor:
            problems.append("/%s falls to %.3g °C, more than %g K below every source of cold (%.3g °C)"
                            % (path, float(np.nanmin(values)), COLD_MARGIN_K, floor + COLD_MARGIN_K))
    return problems


def hotter_than_any_exhaust(f):
    """A rack's inlet hotter than every rack's exhaust and every hall's room of the run: the air
    reaching a rack is a mix of the units' supply, the racks' exhaust and the room (which the
    units' fans also heat, and which can stay warmer than the exhaust of racks whose metal takes
    heat back). A starved floor plan's mixing once put inlets at 84 °C beside exhausts of at most
    65 °C and a room of at most 40 °C (fuzz seed 9000296). Compared at the series' own samples,
    with the margin of the cold check."""
    group = f.get("timeseries/rack")
    if group is None or "inlet_temperature_c" not in group or "exhaust_temperature_c" not in group:
        return []
    inlets, exhausts = group["inlet_temperature_c"][()], group["exhaust_temperature_c"][()]
    if not (np.isfinite(inlets).any() and np.isfinite(exhausts).any()):
        return []
    hottest_inlet, hottest_source = float(np.nanmax(inlets)), float(np.nanmax(exhausts))
    room = f.get("timeseries/hall/room_temperature_c")
    if room is not None and np.isfinite(room[()]).any():
        hottest_source = max(hottest_source, float(np.nanmax(room[()])))
    if hottest_inlet > hottest_source + COLD_MARGIN_K:
        return ["/timeseries/rack/inlet_temperature_c reaches %.3g °C, more than %g K above every rack's exhaust and hall's room (%.3g °C)"
                % (hottest_inlet, COLD_MARGIN_K, hottest_source)]
    return []


def run_case(binary, seed, scenarios, timeout, work, make_case=case):
    scenario, overrides = make_case(seed, scenarios)
    output = os.path.join(work, "case-%d.h5" % seed)
    command = [binary, "run", os.path.relpath(scenario, ROOT), "--quiet", "-o", output]
    for override in overrides:
        command += ["--set", override]
    try:
        result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return seed, "hang", command, "ran past %.0f s" % timeout
    try:
        if result.returncode < 0:
            return seed, "signal", command, "signal %d: %s" % (-result.returncode, result.stderr[-500:])
        if result.returncode == 0:
            problems = check_output(output)
            return seed, ("bad-output" if problems else "ran"), command, "; ".join(problems)
        errors = [line for line in result.stderr.splitlines() if "error:" in line]
        if result.returncode == 1 and errors and all(LOCATED.search(line) for line in errors):
            return seed, "refused", command, errors[0]
        return seed, "unlocated", command, "exit %d: %s" % (result.returncode, result.stderr[-500:])
    finally:
        if os.path.exists(output):
            os.remove(output)


def main(make_case=case, scenarios=None, label="extreme scenarios", description=__doc__):
    """Runs `--budget` cases of `make_case(seed, scenarios)` (the example scenarios by default)."""
    parser = argparse.ArgumentParser(description=description, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build", "debug", "plenum"))
    parser.add_argument("--budget", type=int, default=40)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=120)
    parser.add_argument("--only", type=int)
    args = parser.parse_args()
    # Single-site examples (a multi-site file names its sites' files).
    scenarios = scenarios or sorted(glob.glob(os.path.join(ROOT, "Scenarios", "*.yaml")))
    seeds = [args.only] if args.only is not None else range(args.seed * 1_000_000, args.seed * 1_000_000 + args.budget)
    counts = {}
    failures = []
    with tempfile.TemporaryDirectory() as work, concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        for seed, outcome, command, detail in pool.map(lambda s: run_case(args.binary, s, scenarios, args.timeout, work, make_case), seeds):
            counts[outcome] = counts.get(outcome, 0) + 1
            if outcome in ("signal", "hang", "unlocated", "bad-output"):
                failures.append((seed, outcome, command, detail))
            done = sum(counts.values())
            if done % 500 == 0:
                print("... %d cases: %s" % (done, ", ".join("%s %d" % item for item in sorted(counts.items()))), flush=True)
            if args.only is not None:
                print(outcome, detail, "\n", " ".join("'%s'" % c if " " in c else c for c in command))
    for seed, outcome, command, detail in failures:
        print("FAIL seed %d (%s): %s\n     %s" % (seed, outcome, detail, " ".join("'%s'" % c if " " in c else c for c in command)))
    print("%s: %s" % (label, ", ".join("%s %d" % item for item in sorted(counts.items()))))
    print("%d passed, %d failed" % (sum(counts.values()) - len(failures), len(failures)))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
