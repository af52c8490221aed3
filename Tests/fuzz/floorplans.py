#!/usr/bin/env python3
"""Random floor plans within what `plenum validate` accepts, run through the real executable.

Each case takes the crah-failure example (units trip at 5 and 10 minutes) and draws its hall's
plan: rows and racks per row, the units' count, discharge (downflow, in-row, wall) and containment
(none, cold aisle, hot aisle, chimney), and, each with some chance, the plan's lengths, tiles and
leakage at their limits or between, the racks' height under a low or high ceiling, a gap, the
units' places, and the units' airflow. It runs 12 simulated minutes. A case fails as in
extreme.py: a signal (a trap), a hang, an exit 1 without a located error, or a finished file whose
/summary has an undocumented NaN or open books. Cases validate refuses are skipped.

The sixteenth session's fuzz of these plans found runs that trapped (a closed recirculation loop
in the flow field: docs/models/hall-airflow.md, "Where no quasi-steady mixing exists").

Usage:
    python3 Tests/fuzz/floorplans.py --binary .build/release/plenum --budget 300 --jobs 2 --seed 16
    python3 Tests/fuzz/floorplans.py --only SEED        # one case again, with its command
"""
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from extreme import ROOT, main  # noqa: E402

# (key, lowest, highest, unit): the ranges `halls[].airflow` accepts (docs/scenario.md).
LENGTHS = [("rack_width", 0.3, 1.5, "m"), ("rack_depth", 0.5, 2.5, "m"), ("cold_aisle_width", 0.6, 6, "m"),
           ("hot_aisle_width", 0.6, 6, "m"), ("end_clearance", 0.6, 10, "m"), ("raised_floor_depth", 0.1, 2, "m"),
           ("tile_open_area", 5, 90, "%"), ("leakage_area", 0, 100, "m2")]


def case(seed, scenarios):
    """The example and the overrides of case `seed`."""
    rng = random.Random(seed)
    rows, per, units = rng.choice([1, 1, 2, 3, 4, 6, 9]), rng.choice([1, 2, 3, 5, 10, 17, 30]), rng.choice([4, 4, 5, 7])
    discharge = rng.choice(["downflow", "downflow", "in-row", "wall"])
    sets = ["simulation.duration=12 min", "halls[0].rows=%d" % rows, "halls[0].racks_per_row=%d" % per,
            "cooling.crah[0].units=%d" % units, "halls[0].containment=%s" % rng.choice(["none", "cold-aisle", "hot-aisle", "chimney"]),
            "halls[0].airflow.discharge=%s" % discharge,
            # A room of 4-40 m³ a rack (below 4 validate warns of a room that overshoots).
            "halls[0].room_volume=%d m3" % (max(rows * per, 10) * rng.choice([4, 12, 40])),
            # The example's job asks for 80 servers (four a rack): no more than the hall holds.
            "workload.jobs[0].servers=%d" % min(80, 4 * rows * per)]
    for key, low, high, unit in LENGTHS:
        if rng.random() < 0.3:
            sets.append("halls[0].airflow.%s=%.3g %s" % (key, rng.choice([low, high, rng.uniform(low, high)]), unit))
    if rng.random() < 0.3:
        height = rng.choice([0.5, 2.0, 3.5])
        sets += ["halls[0].airflow.rack_height=%g m" % height, "halls[0].airflow.ceiling_height=%g m" % rng.choice([max(1, height + 0.3), 12])]
    if rng.random() < 0.3:
        sets.append("halls[0].airflow.gaps=[{row: %d, after_rack: %d}]" % (rng.randint(1, rows), rng.randint(0, per)))
    if rng.random() < 0.3:
        if discharge == "in-row":
            places = ("{row: %d, after_rack: %d}" % (rng.randint(1, rows), rng.randint(0, per)) for _ in range(units))
        else:
            places = ("{wall: %s, at: %.2f}" % (rng.choice(["west", "east", "south", "north"]), rng.random()) for _ in range(units))
        sets.append("halls[0].airflow.units=[%s]" % ", ".join(places))
    if rng.random() < 0.2:
        # A coil rated as the example's (250 kW on 16 m³/s), so the rating stays possible.
        airflow = rng.choice([0.5, 5, 16, 200])
        sets += ["cooling.crah[0].airflow=%g m3/s" % airflow, "cooling.crah[0].capacity=%g kW" % (airflow * 15)]
    return scenarios[0], sets


if __name__ == "__main__":
    main(case, [os.path.join(ROOT, "Scenarios", "crah-failure.yaml")], "random floor plans", __doc__)
