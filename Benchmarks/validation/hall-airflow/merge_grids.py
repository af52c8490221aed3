#!/usr/bin/env python3
"""Merges the per-level fixtures of a grid study into the one the tests read.

A grid study runs run_cfd.py once per refinement with --fixture (one file per level), then:
    python3 Benchmarks/validation/hall-airflow/merge_grids.py 3=cfd-3.json 5=cfd-5.json [...]
writes Tests/ModelsTests/Fixtures/hall-airflow-cfd-grids.json: for each level, each case's rack
inlet temperatures and tile flows (docs/models/hall-airflow.md, "The reference's own grid error").
A level's file holds only the cases run at that level. With --keep, the levels already in the
merged file stay unless an argument replaces them (adding the coarse levels 1 and 2 later):
    python3 Benchmarks/validation/hall-airflow/merge_grids.py --keep 1=cfd-1.json 2=cfd-2.json
With --add, an argument's cases join its level's cases already there (new halls run at a level):
    python3 Benchmarks/validation/hall-airflow/merge_grids.py --add 5=cfd-5-new.json
With --out, another file than the tests' grids fixture (a study with other settings, such as the
racks drawing evenly, run_cfd.py --outlets uniform: hall-airflow-cfd-uniform-outlets.json).
"""
import argparse
import json
import os

from run_cfd import write_json_atomically

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.abspath(os.path.join(HERE, "../../../Tests/ModelsTests/Fixtures/hall-airflow-cfd-grids.json"))


def main():
    parser = argparse.ArgumentParser(description="Merges a grid study's per-level fixtures into " + os.path.relpath(OUT))
    parser.add_argument("--keep", action="store_true", help="keep the levels already merged unless an argument replaces them")
    parser.add_argument("--add", action="store_true", help="add an argument's cases to its level's cases already merged")
    parser.add_argument("--out", default=OUT, help="the merged file (default %s)" % os.path.relpath(OUT))
    parser.add_argument("levels", nargs="+", metavar="LEVEL=FILE", help="a level (CFD cells per Plenum cell) and run_cfd.py's fixture for it")
    options = parser.parse_args()
    pairs = []
    for arg in options.levels:
        level, _, path = arg.partition("=")
        if not level.isdigit() or not path:
            parser.error("%r: expected LEVEL=FILE, a whole number of cells and a file, as in 5=/tmp/cfd-5.json" % arg)
        pairs.append((level, path))
    keep, add, out_path = options.keep, options.add, os.path.abspath(options.out)
    levels = json.load(open(out_path))["levels"] if (keep or add) and os.path.exists(out_path) else {}
    outlets = set()
    for level, path in pairs:
        fixture = json.load(open(path))
        outlets |= {entry["cfd"].get("outlets", "extrapolated") for entry in fixture["cases"].values()}
        cases = {name: {"inlet_temperature_c": entry["cfd"]["inlet_temperature_c"],
                        "tile_flow_m3_per_s": entry["cfd"]["tile_flow_m3_per_s"]}
                 for name, entry in fixture["cases"].items()}
        levels[level] = {**levels.get(level, {}), **cases} if add else cases
    out = {"source": "OpenFOAM v1912 (Debian openfoam 1912.200626) simpleFoam k-epsilon and scalarTransportFoam tracers "
                     "iterated to convergence at "
                     "N x N x N cells per Plenum cell (the level); Benchmarks/validation/hall-airflow/run_cfd.py --refine N"
                     + (" --outlets uniform (racks' intakes and units' returns drawing evenly)" if outlets == {"uniform"} else ""),
           "levels": dict(sorted(levels.items(), key=lambda item: int(item[0])))}
    if len(outlets) > 1:
        parser.error("the files mix outlets (%s): merge each kind into its own --out" % ", ".join(sorted(outlets)))
    write_json_atomically(out_path, out)
    print("wrote", out_path, {k: sorted(v) for k, v in levels.items()})


if __name__ == "__main__":
    main()
