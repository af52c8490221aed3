#!/usr/bin/env python3
"""Traces a solved CFD hall's own flow with Plenum's mixing rule (docs/models/hall-airflow.md,
"Plenum's mixing on CFD's own flow").

Plenum's inlets come from two steps: a flow field (potential flow with the fitted terms) and a
mixing rule (`RecirculationMatrix`: each cell well mixed, air carried by the net flow across each
face, a row-end rack drawing the wrap share w from the hot aisle's cells beyond its end). This
script keeps the rule and swaps the field: it sums the CFD's averaged face fluxes (phiMean) over
each of Plenum's cells (or over each of them split `--split` times each way), traces each rack's
intake back to the supply and the racks' exhausts through that coarse field, adds the wrap as
Plenum does (a share w of a row-end rack's air from the hot-aisle cells beside its end), and
solves the inlets from that matrix as run_cfd.py does. Where these inlets agree with the CFD's
own (its tracers on its fine grid), the rule is sound and the errors Plenum has are its field's.

A rack's intake and exhaust are spread evenly over the cells against its front and rear, as the
CFD's fixed-flow patches and Plenum's terminals spread them; the tiles' air is the flux out of
the tile layer.

Usage (outside CI; needs numpy and scipy; on a case run_cfd.py has solved):
    python3 trace_cfd_field.py WORK/CASE [--split 1] [--wrap 0,0.2] [--against RESULTS.json [--level N]]
RESULTS.json: run_cfd.py's output (its "cases"), or hall-airflow-cfd-grids.json with --level.
"""
import argparse
import bisect
import json
import os
import re
import sys

import numpy as np
from scipy.sparse import csc_matrix
from scipy.sparse.linalg import spsolve

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import make_case  # noqa: E402
import run_cfd    # noqa: E402
from containment_flows import refinement, room_gaps  # noqa: E402


def coarse_fluxes(out, split):
    """The case's layout and its averaged flow summed onto Plenum's cells split `split` times each
    way: {(a, b): flux from a to b} over neighbouring room cells (a < b, cells as (x, y, z) in
    split units, z from the floor), and {cell: tile air into it}."""
    case = json.load(open(os.path.join(out, "case.json")))
    # The flow's last iteration, as run_cfd.py reads it (the tracers' steps come after it).
    t = min(float(d) for d in os.listdir(out) if re.fullmatch(r"[0-9]+", d) and float(d) > 0)
    final = run_cfd.time_dir(out, t)
    layout = make_case.layout(case)
    solid = room_gaps(layout, case.get("containment", "none"))
    nx, ny, nz = layout["nx"], layout["ny"], layout["nz"]
    room = [(i, j, k) for k in range(nz) for j in range(ny) for i in range(nx) if (i, j, k) not in solid]
    refine = refinement(out, final, layout, solid)
    if refine % split:
        sys.exit("--split %d does not divide the case's %d cells per Plenum cell" % (split, refine))
    # Cells are numbered block by block (make_case.build): the plenum's, the tiles' (one cell
    # thick), then the room's; within a block x fastest, then y, then z.
    blocks = [("plenum", r3) for r3 in [refine ** 3] * (nx * ny)]
    blocks += [("tile", refine ** 2)] * len(layout["tiles"])
    blocks += [(b, refine ** 3) for b in room]
    starts, first = [], 0
    for _, n in blocks:
        starts.append(first)
        first += n
    per = refine // split

    def sub_cell(c):
        b = bisect.bisect_right(starts, c) - 1
        where = blocks[b][0]
        if isinstance(where, str):
            return where
        local = c - starts[b]
        i, j, k = where
        return (i * split + (local % refine) // per, j * split + (local // refine % refine) // per,
                k * split + (local // refine ** 2) // per)

    owner = run_cfd.read_label_list(os.path.join(out, "constant/polyMesh/owner"))
    neighbour = run_cfd.read_label_list(os.path.join(out, "constant/polyMesh/neighbour"))
    phi = run_cfd.read_internal(os.path.join(final, "phiMean"))
    flux, tile = {}, {}
    for face, (o, n) in enumerate(zip(owner, neighbour)):
        a, b = sub_cell(o), sub_cell(n)
        if a == b:
            continue
        if isinstance(a, tuple) and isinstance(b, tuple):
            key, f = ((a, b), phi[face]) if a < b else ((b, a), -phi[face])
            flux[key] = flux.get(key, 0.0) + f
        elif a == "tile" and isinstance(b, tuple):
            tile[b] = tile.get(b, 0.0) + phi[face]
        elif b == "tile" and isinstance(a, tuple):
            tile[a] = tile.get(a, 0.0) - phi[face]
    return case, layout, solid, flux, tile


def traced_matrix(layout, solid, flux, tile, split, wrap, rack_flows):
    """Rows by rack: column 0 the supply, 1 + j rack j's exhaust, from the coarse field with
    Plenum's rule and a wrap share `wrap` at the racks with open air beside them; rack_flows in
    m3/s, the case's."""
    cells = sorted({c for k in flux for c in k} | set(tile))
    index = {c: i for i, c in enumerate(cells)}
    n, racks, layers = len(cells), layout["racks"], layout["rack_layers"]
    front, rear = {}, {}
    for i, rack in enumerate(racks):
        fy = rack["y"][-1] + 1 if rack["up"] else rack["y"][0] - 1
        ry = rack["y"][0] - 1 if rack["up"] else rack["y"][-1] + 1
        for z in range(layers):
            front[(rack["x"], fy, z)] = i
            rear[(rack["x"], ry, z)] = i
    sources = np.zeros((n, len(racks) + 1))
    intake = [{} for _ in racks]
    # A rack's fixed flow crosses its faces evenly (the CFD's patches and Plenum's terminals
    # alike): each cell against a face takes an equal part. The cells' own imbalance would not
    # do: the averaged flux of unconverged iterations leaves continuity errors of up to 0.03 m3/s
    # in a fine cell, three times a patch's flow through it; they moved the far ends of the hall
    # fed from one end by 3.9 K on Plenum's cells and 7.7 K on the CFD's own (twenty-ninth session).
    part = [q / (layers * split * split) for q in rack_flows]
    for c, i in index.items():
        plenum_cell = (c[0] // split, c[1] // split, c[2] // split)
        r = front.get(plenum_cell)
        if r is not None and c[1] % split == (0 if racks[r]["up"] else split - 1):
            intake[r][i] = part[r]
        r = rear.get(plenum_cell)
        if r is not None and c[1] % split == (split - 1 if racks[r]["up"] else 0):
            sources[i, 1 + r] += part[r]
        if c in tile:
            sources[i, 0] += tile[c]
    # Each cell well mixed: (its inflow) c_cell - sum over upstream cells (flow in) c_up = sources.
    rows, cols, vals = [], [], []
    inflow = sources.sum(axis=1)
    for (a, b), f in flux.items():
        up, down, q = (a, b, f) if f > 0 else (b, a, -f)
        if q > 0:
            rows.append(index[down])
            cols.append(index[up])
            vals.append(-q)
            inflow[index[down]] += q
    rows += range(n)
    cols += range(n)
    vals += list(inflow + 1e-12)
    share = spsolve(csc_matrix((vals, (rows, cols)), shape=(n, n)), sources)
    matrix = np.zeros((len(racks), len(racks) + 1))
    for i, rack in enumerate(racks):
        drawn = sum(intake[i].values())
        for c, q in intake[i].items():
            matrix[i] += q / drawn * share[c]
        ry = rack["y"][0] - 1 if rack["up"] else rack["y"][-1] + 1
        # Plenum's wrap cells (`AirflowGrid`): the hot aisle's cells beside the rack's open side.
        beside = [(x, ry, z) for x in (rack["x"] - 1, rack["x"] + 1) for z in range(layers)
                  if (x, rack["y"][0], z) not in solid and (x, ry, z) not in solid]
        subs = [index[s] for (x, y, z) in beside for s in ((x * split + a, y * split + b, z * split + d)
                for a in range(split) for b in range(split) for d in range(split)) if s in index]
        if subs and wrap > 0:
            wrapped = share[subs].mean(axis=0)
            matrix[i] = (1 - wrap) * matrix[i] / matrix[i].sum() + wrap * wrapped / wrapped.sum()
        matrix[i] /= matrix[i].sum()
    return matrix


def row_end_flows(layout, flux):
    """Round the row ends (split 1), m3/s: at each row end, the air at rack height from the hot
    aisle into the cell beside the end rack (negative: from that cell into the hot aisle); at
    each end of the cold aisles, the air into them at rack height and in the layer above."""
    layers, lines = layout["rack_layers"], []
    for row in sorted({r["row"] for r in layout["racks"]}):
        racks = [r for r in layout["racks"] if r["row"] == row]
        for rack, x, side in [(racks[0], racks[0]["x"] - 1, "west"), (racks[-1], racks[-1]["x"] + 1, "east")]:
            y = rack["y"][0] - 1 if rack["up"] else rack["y"][-1]   # the face between the hot aisle and the row's cells
            flow = sum(flux.get(((x, y, z), (x, y + 1, z)), 0.0) for z in range(layers)) * (1 if rack["up"] else -1)
            lines.append("  row %d, %s end: from the hot aisle round the end rack's side %+.2f" % (row + 1, side, flow))
    for ys, is_cold in layout["aisles"]:
        if not is_cold:
            continue
        for x, sign, side in [(layout["row_start"] - 1, 1, "west"), (layout["row_end"] - 1, -1, "east")]:
            def inward(z):
                return sign * sum(flux.get(((x, y, z), (x + 1, y, z)), 0.0) for y in ys)
            lines.append("  cold aisle y %d-%d, %s end: in at rack height %+.2f, in above the racks %+.2f"
                         % (ys[0], ys[-1], side, sum(inward(z) for z in range(layers)), inward(layers)))
    return lines


def main():
    parser = argparse.ArgumentParser(description="Traces a solved CFD hall's own flow with Plenum's mixing rule.")
    parser.add_argument("case", help="a case folder run_cfd.py has solved (WORK/NAME)")
    parser.add_argument("--split", type=int, default=1, help="split each of Plenum's cells this many times each way (default 1)")
    parser.add_argument("--wrap", default="0,0.2", help="row-end wrap shares to trace with, comma-separated (default 0,0.2)")
    parser.add_argument("--against", help="CFD inlets to compare with: run_cfd.py's results or the grids fixture (with --level)")
    parser.add_argument("--level", help="the grids fixture's level (cells per Plenum cell) to compare with")
    parser.add_argument("--faces", action="store_true", help="print the coarse flows round each row end (with --split 1)")
    options = parser.parse_args()
    if options.split < 1:
        parser.error("--split %d: expected a whole number of at least 1" % options.split)
    if options.faces and options.split != 1:
        parser.error("--faces reads the flows on Plenum's own cells: use it with --split 1")
    try:
        wraps = [float(w) for w in options.wrap.split(",")]
    except ValueError:
        parser.error("--wrap %s: expected shares from 0 to 1, comma-separated, as 0,0.2" % options.wrap)
    if not all(0 <= w <= 1 for w in wraps):
        parser.error("--wrap %s: expected shares from 0 to 1" % options.wrap)
    if not os.path.exists(os.path.join(options.case, "case.json")):
        parser.error("%s: no case.json; expected a case folder run_cfd.py has solved" % options.case)
    name = os.path.basename(options.case.rstrip("/"))
    reference = None
    if options.against:
        data = json.load(open(options.against))
        try:
            entry = data["levels"][options.level][name] if options.level else data["cases"][name]["cfd"]
        except KeyError:
            where = ("at level %s" % options.level) if options.level else "in its cases"
            parser.error("%s: no case %s %s" % (options.against, name, where))
        reference = entry["inlet_temperature_c"]
    case, layout, solid, flux, tile = coarse_fluxes(options.case, options.split)
    if options.faces and options.split == 1:
        print("\n".join(row_end_flows(layout, flux)))
    rise = [p / (run_cfd.RHO_CP * q) for p, q in zip(case["rack_power_w"], case["rack_flow_m3_per_s"])]
    for wrap in wraps:
        inlets = run_cfd.inlets(traced_matrix(layout, solid, flux, tile, options.split, wrap, case["rack_flow_m3_per_s"]).tolist(), case["supply_c"], rise)
        line = "%s split %d wrap %.2f inlets %s" % (name, options.split, wrap, " ".join("%.2f" % t for t in inlets))
        if reference:
            errors = [a - b for a, b in zip(inlets, reference)]
            line += "\n  minus CFD %s  (mean %.2f, worst %.2f K)" % (" ".join("%+.2f" % e for e in errors),
                                                                    sum(map(abs, errors)) / len(errors), max(map(abs, errors)))
        print(line)


if __name__ == "__main__":
    main()
