#!/usr/bin/env python3
"""The air a solved CFD hall passes through its contained aisles' doors and roofs
(docs/models/hall-airflow.md, "Through a contained aisle's doors").

Sums the averaged face fluxes (phiMean) between the cells inside each contained aisle (between
its rows, up to the racks' top, within its doors) and the cells outside it, by where they cross:
the tiles, the west and east doors, the roof. Positive is into the aisle.

Usage (outside CI; on a case run_cfd.py has solved):
    python3 Benchmarks/validation/hall-airflow/containment_flows.py WORK/CASE
"""
import bisect
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import make_case  # noqa: E402
import run_cfd    # noqa: E402


def room_gaps(layout, containment):
    """The layout's cells that are no room blocks: solids, and above a contained hot aisle the
    duct to the units (make_case.build)."""
    gaps = set(map(tuple, layout["solid"]))
    if containment == "hot-aisle":
        gaps |= {(x, y, z) for ys, is_cold in layout["aisles"] if not is_cold for y in ys
                 for x in range(layout["row_start"], layout["row_end"]) for z in range(layout["rack_layers"], layout["nz"])}
    return gaps


def refinement(out, final, layout, solid):
    """The CFD cells per Plenum cell of the case in `out`: the one whose block sizes (make_case.build)
    add up to the mesh's cells in its time folder `final`."""
    mesh_cells = len(run_cfd.read_internal(os.path.join(final, "nutMean")))
    room = sum(1 for k in range(layout["nz"]) for j in range(layout["ny"]) for i in range(layout["nx"]) if (i, j, k) not in solid)
    sizes = {(layout["nx"] * layout["ny"] + room) * r ** 3 + len(layout["tiles"]) * r ** 2: r for r in range(1, 17)}
    if mesh_cells not in sizes:
        sys.exit("%s: the mesh's %d cells match no refinement of the layout" % (out, mesh_cells))
    return sizes[mesh_cells]


def block_of_cell(layout, refine, solid):
    """Cells are numbered block by block (make_case.build): the plenum's blocks, the tiles' (one
    cell thick), then the room's, each Plenum cell a block of refine³ cells."""
    nx, ny, nz = layout["nx"], layout["ny"], layout["nz"]
    blocks = [((i, j, 0), refine ** 3) for j in range(ny) for i in range(nx)]
    blocks += [((i, j, 1), refine ** 2) for (i, j) in sorted(map(tuple, layout["tiles"]), key=lambda t: (t[1], t[0]))]
    blocks += [((i, j, k + 2), refine ** 3) for k in range(nz) for j in range(ny) for i in range(nx) if (i, j, k) not in solid]
    starts, first = [], 0
    for _, cells in blocks:
        starts.append(first)
        first += cells
    return lambda cell: blocks[bisect.bisect_right(starts, cell) - 1][0]


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    out = sys.argv[1]
    case = json.load(open(os.path.join(out, "case.json")))
    containment = case.get("containment", "none")
    if containment == "none":
        sys.exit("%s: no contained aisle" % out)
    t = min(float(d) for d in os.listdir(out) if re.fullmatch(r"[0-9]+", d) and float(d) > 0)
    layout = make_case.layout(case)
    solid = room_gaps(layout, containment)
    refine = refinement(out, run_cfd.time_dir(out, t), layout, solid)
    block = block_of_cell(layout, refine, solid)
    cold = containment == "cold-aisle"
    rows = (layout["row_start"], layout["row_end"])
    inside = {(x, y, z + 2) for ys, is_cold in layout["aisles"] if is_cold == cold
              for y in ys for x in range(*rows) for z in range(layout["rack_layers"])}
    owner = run_cfd.read_label_list(os.path.join(out, "constant/polyMesh/owner"))
    neighbour = run_cfd.read_label_list(os.path.join(out, "constant/polyMesh/neighbour"))
    phi = run_cfd.read_internal(os.path.join(run_cfd.time_dir(out, t), "phiMean"))
    flows = {}
    for face, (o, n) in enumerate(zip(owner, neighbour)):
        bo, bn = block(o), block(n)
        if (bo in inside) == (bn in inside):
            continue
        outside, into = (bn, -phi[face]) if bo in inside else (bo, phi[face])
        where = ("tiles" if outside[2] == 1 else "west door" if outside[0] < rows[0] else "east door" if outside[0] >= rows[1]
                 else "roof" if outside[2] == layout["rack_layers"] + 2 else "racks' sides")
        flows[where] = flows.get(where, 0.0) + into
    print("%s (%s, %d cells per Plenum cell), m3/s into the aisle:" % (os.path.basename(out.rstrip("/")), containment, refine))
    for where in sorted(flows):
        print("  %-12s %8.3f" % (where, flows[where]))


if __name__ == "__main__":
    main()
