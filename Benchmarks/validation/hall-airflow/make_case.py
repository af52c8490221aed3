#!/usr/bin/env python3
"""Builds an OpenFOAM case of a small hall for the hall-airflow validation (docs/models/hall-airflow.md).

The hall is laid out exactly as Plenum's AirflowGrid lays it out (rows facing alternately into cold
and hot aisles, downflow CRAHs alternating between the two ends of the aisles, tiles over the cold
aisles), each of Plenum's cells becoming one hex block of the CFD mesh, refined `--refine` times in
each direction. Below the room: a raised-floor plenum fed by the CRAHs over their footprints and
drained through perforated tiles, each tile a porous layer with the loss of a thin perforated
plate (Idelchik: zeta = (0.707 (1-f)^0.375 + 1 - f)^2 / f^2). Containment roofs and doors are
porous layers with the loss of their leakage area (orifice, Cd = 0.61).

Flow: simpleFoam, steady incompressible RANS (standard k-epsilon, wall functions), racks and CRAHs
as fixed-flow patches. Buoyancy is left out, as in Plenum's model (forced convection dominates at
rack flows; the comparison is of the flow field and the mixing it makes).

Usage: make_case.py CASE.json OUTDIR [--refine 4] [--outlets extrapolated|uniform]
CASE.json: {"rows": 2, "racks_per_row": 5, "units": 2, "containment": "none"|"cold-aisle"|"hot-aisle" (ducted to the units),
            "gaps": [[row, after_rack]], "rack_flow_m3_per_s": [..] (per rack), "unit_flow_m3_per_s": [..] (per unit, 0 = off),
            "leakage_area_m2": 0.5, "tile_open_area": 0.25, "raised_floor_depth_m": 0.6,
            "missing_blanking": [{"row": 1, "rack": 3, "open_u": 11, "lowest_u": 23}]}
unit_placement: [{"wall": "west"|"east"|"south"|"north", "at": 0..1}] per unit, as Plenum's
`halls[].airflow.units` (default: alternating west and east, spread evenly).
missing_blanking: empty units of a rack (1-based row and rack) open from its rear to its front, as in
Plenum's `halls[].airflow.missing_blanking`. They must fill whole layers of Plenum's grid (11 U of a
2 m rack's 44 each), and the rack should stand between racks (its neighbours are the channel's
side walls); the layer becomes air, bounded by the rack above and below.
"""
import json
import math
import os
import sys

from foam_system import SYSTEM

DX, DY, DZ = 0.6, 0.6, 0.5          # Plenum's cells: rack width, across, height
RACK_DEPTH, RACK_H, CEILING = 1.2, 2.0, 3.0
RACK_U = int(RACK_H / 0.04445)      # rack units in a rack (Plenum's HallGeometry.rackUnits)
COLD, HOT, CLEAR, PERIM = 1.2, 1.2, 1.2, 1.2
TILE_T = 0.05                       # tile thickness (m)


def cells(length, size):
    return max(1, int(round(length / size)))


def layout(case):
    """Plenum's AirflowGrid rules: returns the lattice and what stands in it."""
    rows, per_row, units = case["rows"], case["racks_per_row"], case["units"]
    gaps = [tuple(g) for g in case.get("gaps", [])]
    rack_layers = cells(RACK_H, DZ)
    nz = max(rack_layers + 1, cells(CEILING, DZ))
    depth, cold, hot = cells(RACK_DEPTH, DY), cells(COLD, DY), cells(HOT, DY)
    placements = case.get("unit_placement")
    unit_depth = cells(1.2, DY)
    south = unit_depth if placements and any(p["wall"] == "south" for p in placements) else 0
    north = unit_depth if placements and any(p["wall"] == "north" for p in placements) else 0
    row_y, aisles, y = [], [], south
    for r in range(rows):
        faces_up = r % 2 == 0
        if r == 0:
            w = hot if faces_up else cold
            aisles.append((range(y, y + w), not faces_up))
            y += w
        row_y.append(range(y, y + depth))
        y += depth
        w = cold if faces_up else hot
        aisles.append((range(y, y + w), faces_up))
        y += w
    ny = y + north
    perim, clear = cells(PERIM, DX), cells(CLEAR, DX)
    slots = [per_row + sum(1 for g in gaps if g[0] == r + 1) for r in range(rows)]
    row_start = perim + clear
    nx = row_start + max(slots) + clear + perim
    row_end = row_start + max(slots)
    solid = {}
    racks = []
    for r in range(rows):
        kinds = []
        for k in range(per_row + 1):
            if k > 0:
                kinds.append(1)
            kinds += [0] * sum(1 for g in gaps if g[0] == r + 1 and g[1] == k)
        in_row = 0
        for s, kind in enumerate(kinds):
            if kind != 1:
                continue
            x = row_start + s
            in_row += 1
            open_layers = set()
            for entry in case.get("missing_blanking", []):
                if entry["row"] == r + 1 and entry["rack"] == in_row:
                    per_layer = RACK_U / rack_layers
                    lowest = entry.get("lowest_u", RACK_U - entry["open_u"] + 1) - 1
                    first, count = lowest / per_layer, entry["open_u"] / per_layer
                    if first != int(first) or count != int(count):
                        sys.exit("missing_blanking must open whole layers of %g U" % per_layer)
                    open_layers = set(range(int(first), int(first + count)))
            for yy in row_y[r]:
                for z in range(rack_layers):
                    if z not in open_layers:
                        solid[(x, yy, z)] = ("rack", len(racks))
            racks.append({"row": r, "x": x, "y": list(row_y[r]), "up": r % 2 == 0})
    west, east = (units + 1) // 2, units // 2
    coolers = []
    unit_layers = min(rack_layers, nz - 1)
    for u in range(units):
        # Plenum's AirflowGrid: alternating west and east, or the case's unit_placement.
        if placements:
            wall, at = placements[u]["wall"], placements[u]["at"]
            center = int(math.floor((ny if wall in ("west", "east") else nx) * at))
        else:
            at_west, k = u % 2 == 0, u // 2
            wall = "west" if at_west else "east"
            center = int(math.floor(ny * (k + 0.5) / (west if at_west else east)))
        if wall in ("west", "east"):
            width = min(3, ny)
            y0 = min(max(center - width // 2, 0), ny - width)
            xs = range(0, perim) if wall == "west" else range(nx - perim, nx)
            ys = range(y0, y0 + width)
        else:
            width = min(3, nx)
            x0 = min(max(center - width // 2, 0), nx - width)
            xs = range(x0, x0 + width)
            ys = range(0, south) if wall == "south" else range(ny - north, ny)
        coolers.append({"x": list(xs), "y": list(ys)})
        for x in xs:
            for yy in ys:
                for z in range(unit_layers):
                    solid[(x, yy, z)] = ("unit", u)
    tiles = [(x, yy) for (ys, is_cold) in aisles if is_cold for yy in ys for x in range(row_start, row_end)]
    return dict(nx=nx, ny=ny, nz=nz, rack_layers=rack_layers, unit_layers=unit_layers, solid=solid, racks=racks,
                coolers=coolers, tiles=tiles, aisles=aisles, row_start=row_start, row_end=row_end)


def zeta_plate(f):
    s = 1 - f
    return (0.707 * s ** 0.375 + s) ** 2 / f ** 2


HEADER = """FoamFile
{{
    version 2.0;
    format ascii;
    class {cls};
    object {obj};
}}
"""


def write(path, cls, obj, body):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(HEADER.format(cls=cls, obj=obj) + body)


def build(case, out, refine):
    L = layout(case)
    nx, ny, nz = L["nx"], L["ny"], L["nz"]
    depth = case.get("raised_floor_depth_m", 0.6)
    xs = [i * DX for i in range(nx + 1)]
    ys = [j * DY for j in range(ny + 1)]
    zs = [-depth - TILE_T, -TILE_T, 0.0] + [k * DZ for k in range(1, nz + 1)]
    # Levels: 0 plenum, 1 tile layer, 2.. room layers (room layer z = level - 2).
    vid = {}
    verts = []

    def v(i, j, k):
        key = (i, j, k)
        if key not in vid:
            vid[key] = len(verts)
            verts.append((xs[i], ys[j], zs[k]))
        return vid[key]

    tiles = set(L["tiles"])
    contained_cold = case.get("containment", "none") == "cold-aisle"
    contained_hot = case.get("containment", "none") == "hot-aisle"
    porous_containment = set()
    # A contained hot aisle's roof is the inlet of a ceiling duct to the units (Plenum's ducted
    # return): the space above it belongs to the duct, not the room, and its doors leak.
    duct = set()
    if contained_hot:
        for ys_, is_cold in L["aisles"]:
            if is_cold:
                continue
            for yy in ys_:
                for x in range(L["row_start"], L["row_end"]):
                    for z in range(L["rack_layers"], nz):
                        duct.add((x, yy, z))
                for z in range(L["rack_layers"]):
                    porous_containment.add((L["row_start"] - 1, yy, z))        # end doors
                    porous_containment.add((L["row_end"], yy, z))
    if contained_cold:
        for ys_, is_cold in L["aisles"]:
            if not is_cold:
                continue
            for yy in ys_:
                for x in range(L["row_start"], L["row_end"]):
                    porous_containment.add((x, yy, L["rack_layers"]))          # above the roof
                for z in range(L["rack_layers"]):
                    porous_containment.add((L["row_start"] - 1, yy, z))        # end doors
                    porous_containment.add((L["row_end"], yy, z))
    blocks = []   # (i, j, level, zone)
    for j in range(ny):
        for i in range(nx):
            blocks.append((i, j, 0, "plenum"))
    for (i, j) in sorted(tiles, key=lambda t: (t[1], t[0])):
        blocks.append((i, j, 1, "tiles"))
    for k in range(nz):
        for j in range(ny):
            for i in range(nx):
                if (i, j, k) in L["solid"] or (i, j, k) in duct:
                    continue
                blocks.append((i, j, k + 2, "containment" if (i, j, k) in porous_containment else "room"))
    present = {(b[0], b[1], b[2]) for b in blocks}
    rz = {0: refine, 1: 1}
    lines = []
    for (i, j, lv, zone) in blocks:
        n = [v(i, j, lv), v(i + 1, j, lv), v(i + 1, j + 1, lv), v(i, j + 1, lv),
             v(i, j, lv + 1), v(i + 1, j, lv + 1), v(i + 1, j + 1, lv + 1), v(i, j + 1, lv + 1)]
        lines.append("    hex (%s) %s (%d %d %d) simpleGrading (1 1 1)" % (" ".join(map(str, n)), zone, refine, refine, rz.get(lv, refine)))
    # Boundary faces: every block face without a neighbour block.
    patches = {}

    def add(name, face):
        patches.setdefault(name, []).append(face)

    for (i, j, lv, zone) in blocks:
        faces = {
            (-1, 0, 0): (v(i, j, lv), v(i, j, lv + 1), v(i, j + 1, lv + 1), v(i, j + 1, lv)),
            (1, 0, 0): (v(i + 1, j, lv), v(i + 1, j + 1, lv), v(i + 1, j + 1, lv + 1), v(i + 1, j, lv + 1)),
            (0, -1, 0): (v(i, j, lv), v(i + 1, j, lv), v(i + 1, j, lv + 1), v(i, j, lv + 1)),
            (0, 1, 0): (v(i, j + 1, lv), v(i, j + 1, lv + 1), v(i + 1, j + 1, lv + 1), v(i + 1, j + 1, lv)),
            (0, 0, -1): (v(i, j, lv), v(i, j + 1, lv), v(i + 1, j + 1, lv), v(i + 1, j, lv)),
            (0, 0, 1): (v(i, j, lv + 1), v(i + 1, j, lv + 1), v(i + 1, j + 1, lv + 1), v(i, j + 1, lv + 1)),
        }
        for (di, dj, dk), face in faces.items():
            ni, nj, nl = i + di, j + dj, lv + dk
            if (ni, nj, nl) in present:
                continue
            name = "walls"
            if lv >= 2:
                neighbour = L["solid"].get((ni, nj, nl - 2))
                if neighbour and neighbour[0] == "rack":
                    r = L["racks"][neighbour[1]]
                    front = (dj == -1 and r["up"]) or (dj == 1 and not r["up"])
                    rear = (dj == 1 and r["up"]) or (dj == -1 and not r["up"])
                    if front:
                        name = "rack%d_in" % neighbour[1]
                    elif rear:
                        name = "rack%d_out" % neighbour[1]
                if neighbour and neighbour[0] == "unit" and dk == -1 and not contained_hot:
                    name = "unit%d_return" % neighbour[1]
                if dk == 1 and (ni, nj, nl - 2) in duct:
                    name = "duct_return"
            if lv == 0 and dk == 1:
                for u, c in enumerate(L["coolers"]):
                    if i in c["x"] and j in c["y"]:
                        name = "unit%d_supply" % u
            # A stopped unit is a wall (its dampers closed).
            if name.startswith("unit") and case["unit_flow_m3_per_s"][int(name[4:].split("_")[0])] == 0:
                name = "walls"
            add(name, face)
    bnd = []
    for name, faces in patches.items():
        kind = "wall" if name == "walls" else "patch"
        bnd.append("    %s\n    {\n        type %s;\n        faces\n        (\n%s\n        );\n    }" %
                   (name, kind, "\n".join("            (%d %d %d %d)" % f for f in faces)))
    # Each patch's area, m2 (`--outlets uniform` draws a fixed flow evenly over it).
    def area(face):
        a, b, c = (verts[face[k]] for k in range(3))
        u, w = [b[k] - a[k] for k in range(3)], [c[k] - b[k] for k in range(3)]
        return (sum(x * x for x in u) * sum(x * x for x in w)) ** 0.5   # block faces are rectangles
    L["patch_area_m2"] = {name: sum(area(f) for f in faces) for name, faces in patches.items()}
    body = "convertToMeters 1;\n\nvertices\n(\n%s\n);\n\nblocks\n(\n%s\n);\n\nedges ();\n\nboundary\n(\n%s\n);\n\nmergePatchPairs ();\n" % (
        "\n".join("    (%g %g %g)" % p for p in verts), "\n".join(lines), "\n".join(bnd))
    write(os.path.join(out, "system/blockMeshDict"), "dictionary", "blockMeshDict", body)
    return L, sorted(patches.keys())


def boundary_conditions(case, L, patch_names, out, outlets="extrapolated"):
    """`outlets`: how a rack's intake and a unit's return draw their fixed flow: "extrapolated"
    (flowRateOutletVelocity: the profile of the air arriving, scaled to the flow; the references
    before the twenty-ninth session) or "uniform" (the same velocity over the whole face, as fans
    behind a server's or a unit's filter draw, and as Plenum spreads them)."""
    racks = case["rack_flow_m3_per_s"]
    units = case["unit_flow_m3_per_s"]
    u_b, p_b, k_b, e_b, nut_b = [], [], [], [], []
    for name in patch_names:
        if name == "walls":
            u_b.append("    walls { type noSlip; }")
            k_b.append("    walls { type kqRWallFunction; value uniform 0.01; }")
            e_b.append("    walls { type epsilonWallFunction; value uniform 0.01; }")
            nut_b.append("    walls { type nutkWallFunction; value uniform 0; }")
            p_b.append("    walls { type zeroGradient; }")
            continue
        inflow = name.endswith("_out") or name.endswith("_supply")
        if name == "duct_return":
            q = sum(units)   # every unit's return, through the contained aisles' ceiling duct
        else:
            idx = int("".join(ch for ch in name.split("_")[0] if ch.isdigit()))
            q = racks[idx] if name.startswith("rack") else units[idx]
        if inflow:
            u_b.append("    %s { type flowRateInletVelocity; volumetricFlowRate %g; value uniform (0 0 0); }" % (name, q))
            k_b.append("    %s { type turbulentIntensityKineticEnergyInlet; intensity 0.05; value uniform 0.01; }" % name)
            e_b.append("    %s { type turbulentMixingLengthDissipationRateInlet; mixingLength 0.05; value uniform 0.01; }" % name)
        else:
            if outlets == "uniform":
                # surfaceNormalFixedValue: refValue along the outward normal, out of the room.
                u_b.append("    %s { type surfaceNormalFixedValue; refValue uniform %.15g; value uniform (0 0 0); }"
                           % (name, q / L["patch_area_m2"][name]))
            else:
                u_b.append("    %s { type flowRateOutletVelocity; volumetricFlowRate %g; value uniform (0 0 0); }" % (name, q))
            k_b.append("    %s { type zeroGradient; }" % name)
            e_b.append("    %s { type zeroGradient; }" % name)
        nut_b.append("    %s { type calculated; value uniform 0; }" % name)
        p_b.append("    %s { type zeroGradient; }" % name)
    dim = {"U": "[0 1 -1 0 0 0 0]", "p": "[0 2 -2 0 0 0 0]", "k": "[0 2 -2 0 0 0 0]", "epsilon": "[0 2 -3 0 0 0 0]", "nut": "[0 2 -1 0 0 0 0]"}
    init = {"U": "(0 0 0)", "p": "0", "k": "0.01", "epsilon": "0.01", "nut": "0"}
    for field, b, cls in [("U", u_b, "volVectorField"), ("p", p_b, "volScalarField"), ("k", k_b, "volScalarField"),
                          ("epsilon", e_b, "volScalarField"), ("nut", nut_b, "volScalarField")]:
        write(os.path.join(out, "0", field), cls, field,
              "dimensions %s;\ninternalField uniform %s;\nboundaryField\n{\n%s\n}\n" % (dim[field], init[field], "\n".join(b)))
    write(os.path.join(out, "constant/transportProperties"), "dictionary", "transportProperties",
          "transportModel Newtonian;\nnu 1.5e-05;\nDT 0.01;\n")
    write(os.path.join(out, "constant/turbulenceProperties"), "dictionary", "turbulenceProperties",
          "simulationType RAS;\nRAS\n{\n    RASModel kEpsilon;\n    turbulence on;\n    printCoeffs off;\n}\n")
    # Tiles: thin perforated plates (Forchheimer f = zeta / thickness along z; lateral flow blocked).
    f_tile = zeta_plate(case.get("tile_open_area", 0.25)) / TILE_T
    porous = ["tiles", f_tile, "(1e5 1e5 %g)" % f_tile]
    options = """tilePorosity
{
    type explicitPorositySource;
    explicitPorositySourceCoeffs
    {
        selectionMode cellZone;
        cellZone tiles;
        type DarcyForchheimer;
        d (0 0 0);
        f %s;
        coordinateSystem { origin (0 0 0); e1 (1 0 0); e2 (0 1 0); }
    }
}
""" % porous[2]
    if case.get("containment", "none") in ("cold-aisle", "hot-aisle"):
        # Leakage A_leak over panels A_panel through a 0.5 m layer: 1/2 f L u^2 = 1/2 (u A_panel/(Cd A_leak))^2.
        # As Plenum spreads it: over the roof and doors, though a ducted hot aisle's roof is the duct.
        cold = case["containment"] == "cold-aisle"
        ys_contained = sum(len(list(a[0])) for a in L["aisles"] if a[1] == cold)
        roof = (L["row_end"] - L["row_start"]) * DX * ys_contained * DY
        doors = 2 * ys_contained * DY * L["rack_layers"] * DZ
        ratio = (roof + doors) / (0.61 * case.get("leakage_area_m2", 0.5))
        f = ratio ** 2 / DZ
        options += """containmentPorosity
{
    type explicitPorositySource;
    explicitPorositySourceCoeffs
    {
        selectionMode cellZone;
        cellZone containment;
        type DarcyForchheimer;
        d (0 0 0);
        f (%g %g %g);
        coordinateSystem { origin (0 0 0); e1 (1 0 0); e2 (0 1 0); }
    }
}
""" % (f, f, f)
    write(os.path.join(out, "constant/fvOptions"), "dictionary", "fvOptions", options)


def main():
    args = sys.argv[1:]
    refine = 4
    if "--refine" in args:
        i = args.index("--refine")
        refine = int(args[i + 1])
        del args[i:i + 2]
    outlets = "extrapolated"
    if "--outlets" in args:
        i = args.index("--outlets")
        outlets = args[i + 1]
        del args[i:i + 2]
        if outlets not in ("extrapolated", "uniform"):
            sys.exit("make_case.py: --outlets %s: expected extrapolated or uniform" % outlets)
    case_file, out = args
    case = json.load(open(case_file))
    L, names = build(case, out, refine)
    boundary_conditions(case, L, names, out, outlets)
    for name, text in SYSTEM.items():
        iterations = case.get("iterations", 2000)
        write(os.path.join(out, "system", name), "dictionary", name, text % {"iterations": iterations, "average_from": iterations // 2})
    json.dump({"racks": len(L["racks"]), "tiles": L["tiles"], "nx": L["nx"], "ny": L["ny"], "nz": L["nz"]},
              open(os.path.join(out, "layout.json"), "w"))


if __name__ == "__main__":
    main()
