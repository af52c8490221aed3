#!/usr/bin/env python3
"""Runs the hall-airflow CFD references and writes the fixture Plenum's tests compare against.

For each case in cases.json: builds the OpenFOAM case (make_case.py), meshes it (blockMesh), solves
the flow (simpleFoam), then traces where each rack's intake air comes from: one passive scalar
run per source (scalarTransportFoam on the frozen flow; the cooled supply, then each rack's
exhaust, set to 1 with every other source at 0). The mean scalar over rack i's intake patch is the
CFD's recirculation-matrix entry m_i,source. Scalar diffusivity: the volume mean of the turbulent
viscosity over a turbulent Schmidt number of 0.85, plus the molecular; with --diffusivity local,
each cell's own (scalarTransportFoam takes one constant, so the tracers are then solved by the
scalarTransport function object on the frozen flow, `simpleFoam -postProcess`).

With the matrix, the inlet temperatures for the case's rack powers follow exactly as Plenum
computes them (T_in = m_0 T_sup + M_e (T_in + dT)), so the fixture holds the matrix, the
temperatures, and the tile flows.

Usage (outside CI; needs Debian's openfoam package):
    python3 Benchmarks/validation/hall-airflow/run_cfd.py [--work DIR] [--refine 4] [--only NAME] [--fixture FILE] [--cases FILE] [--retrace]
        [--relax U,P] [--diffusivity uniform|local] [--tracer-scheme linearUpwind|upwind] [--outlets extrapolated|uniform]
writes Tests/ModelsTests/Fixtures/hall-airflow-cfd.json, or FILE (a grid study: one file per level,
the tests' fixture untouched; docs/models/hall-airflow.md, "The reference's own grid error").
--cases reads other halls than cases.json (cases-blanking.json: missing blanking panels).
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "../../.."))
ENV = dict(os.environ, WM_PROJECT_DIR="/usr/share/openfoam")
RHO_CP = 1.2 * 1006.0
TRACER_STEPS = 400   # at most; they converge in about 20 (3 x 3 x 3)


def sh(cmd, cwd, log):
    with open(os.path.join(cwd, log), "w") as f:
        r = subprocess.run(cmd, cwd=cwd, env=ENV, stdout=f, stderr=subprocess.STDOUT)
    if r.returncode != 0:
        sys.exit("%s failed in %s (see %s)" % (" ".join(cmd), cwd, log))


def time_dir(case, t):
    name = ("%g" % t)
    return os.path.join(case, name)


def read_internal(path, vector=False):
    text = open(path).read()
    m = re.search(r"internalField\s+nonuniform\s+List<\w+>\s*(\d+)\s*\(", text)
    if not m:
        u = re.search(r"internalField\s+uniform\s+([^;]+);", text)
        return None if u is None else u.group(1)
    n = int(m.group(1))
    body = text[m.end():]
    if vector:
        vals = re.findall(r"\(([^()]*)\)", body)[:n]
        return [tuple(float(x) for x in v.split()) for v in vals]
    return [float(x) for x in body.split(")")[0].split()[:n]]


def read_label_list(path):
    text = open(path).read()
    m = re.search(r"^(\d+)\s*\(", text, re.M)
    n = int(m.group(1))
    return [int(x) for x in text[m.end():].split(")")[0].split()[:n]]


def patch_mean(path, patch):
    text = open(path).read()
    m = re.search(r"\b%s\b\s*\{([^}]*)\}" % re.escape(patch), text)
    if not m:
        return None
    block = m.group(1)
    u = re.search(r"value\s+uniform\s+([-0-9.eE+]+)", block)
    if u:
        return float(u.group(1))
    n = re.search(r"value\s+nonuniform\s+List<scalar>\s*(\d+)\s*\(([^)]*)\)", block)
    vals = [float(x) for x in n.group(2).split()]
    return sum(vals) / len(vals)


def tracer_T(patches, source, racks):
    lines = []
    for name in patches:
        if name == "walls":
            lines.append("    walls { type zeroGradient; }")
            continue
        if name.endswith("_supply") or name.endswith("_out"):
            value = 0.0
            if source == "supply" and name.endswith("_supply"):
                value = 1.0
            if source != "supply" and name == "rack%d_out" % source:
                value = 1.0
            lines.append("    %s { type fixedValue; value uniform %g; }" % (name, value))
        else:
            lines.append("    %s { type inletOutlet; inletValue uniform 0; value uniform 0; }" % name)
    return ("FoamFile { version 2.0; format ascii; class volScalarField; object T; }\n"
            "dimensions [0 0 0 1 0 0 0];\ninternalField uniform 0;\nboundaryField\n{\n%s\n}\n" % "\n".join(lines))


LOCAL_TRACER_CORRECTIONS = 60   # the tracers converge in 20-30 (3 x 3 x 3 and 8 x 8 x 8)


def local_diffusivity_control(control):
    """The tracers with each cell's own diffusivity, nu + nut/Sc_t (Sc_t = 0.85), where
    scalarTransportFoam takes one constant: the scalarTransport function object on the frozen
    flow, run by `simpleFoam -postProcess` (its turbulence model reads the averaged nut), which
    iterates the steady equation LOCAL_TRACER_CORRECTIONS times; writeObjects saves T."""
    control = re.sub(r"application \w+;", "application simpleFoam;", control)
    return control + (
        "functions\n{\n"
        "    tracer { type scalarTransport; libs (\"libsolverFunctionObjects.so\"); field T; schemesField T;\n"
        "             alphaD 1; alphaDt %g; nCorr %d; writeControl timeStep; writeInterval 1; }\n"
        "    save { type writeObjects; libs (\"libutilityFunctionObjects.so\"); objects (T); writeControl timeStep; writeInterval 1; }\n"
        "}\n" % (1 / 0.85, LOCAL_TRACER_CORRECTIONS))


def relax(out, factors):
    """Under-relaxes the flow's iterations more than foam_system.py does (U and the turbulence
    equations, then p): the open two-unit hall at 8 x 8 x 8 diverges within 30 iterations with
    0.8 and 0.9, and runs with 0.6 and 0.7."""
    u, p = factors
    path = os.path.join(out, "system/fvSolution")
    text = open(path).read()
    text, n = re.subn(r"relaxationFactors \{.*\}", "relaxationFactors { equations { T 1; U %g; \".*\" %g; } fields { p %g; } }" % (u, u, p), text)
    if n != 1:
        sys.exit("--relax: no relaxationFactors line in %s" % path)
    open(path, "w").write(text)


def set_tracer_scheme(out, scheme):
    """The tracers' convection scheme in the case's fvSchemes: linearUpwind (the default, second
    order) or upwind (first order, with its numerical diffusion of about u dx / 2): how far the
    inlets move between the two measures the tracers' own discretisation error."""
    path = os.path.join(out, "system/fvSchemes")
    term = "bounded Gauss linearUpwind grad(T)" if scheme == "linearUpwind" else "bounded Gauss upwind"
    text = re.sub(r"div\(phi,T\)[^;]*;", "div(phi,T) %s;" % term, open(path).read())
    open(path, "w").write(text)


def run_case(name, case, work, refine, retrace=False, relaxation=None, diffusivity_field="uniform", tracer_scheme="linearUpwind",
             outlets="extrapolated"):
    out = os.path.join(work, name)
    if not retrace:
        shutil.rmtree(out, ignore_errors=True)
        os.makedirs(out)
        json.dump(case, open(os.path.join(out, "case.json"), "w"))
        subprocess.run([sys.executable, os.path.join(HERE, "make_case.py"), os.path.join(out, "case.json"), out, "--refine", str(refine),
                        "--outlets", outlets],
                       check=True)
        if relaxation:
            relax(out, relaxation)
        sh(["blockMesh"], out, "log.blockMesh")
        sh(["simpleFoam"], out, "log.simpleFoam")
    elif not os.path.exists(os.path.join(out, "log.simpleFoam")):
        sys.exit("--retrace: %s holds no solved flow (run without --retrace first)" % out)
    layout = json.load(open(os.path.join(out, "layout.json")))
    # The flow's last iteration (a retrace finds the tracers' steps removed).
    t = min(float(d) for d in os.listdir(out) if re.fullmatch(r"[0-9]+", d) and float(d) > 0)
    final = time_dir(out, t)
    iterations = int(t)
    # The tracers and tile flows use the mean of the last half of the iterations.
    for field in ["U", "phi", "nut"]:
        text = open(os.path.join(final, field + "Mean")).read()
        open(os.path.join(final, field), "w").write(re.sub(r"object\s+%sMean;" % field, "object %s;" % field, text))
    nut = read_internal(os.path.join(final, "nut"))
    mean_nut = sum(nut) / len(nut)
    diffusivity = mean_nut / 0.85 + 1.5e-5
    with open(os.path.join(out, "constant/transportProperties"), "w") as f:
        f.write("FoamFile { version 2.0; format ascii; class dictionary; object transportProperties; }\n"
                "transportModel Newtonian;\nnu 1.5e-05;\nDT %g;\n" % diffusivity)
    # Tile flows: the face fluxes from each tile's cells into the room above (cell velocities in a
    # porous layer do not carry the flux faithfully). Cells are numbered block by block: the
    # plenum's, then the tiles' (one cell thick), then the room's.
    nx, ny, r = layout["nx"], layout["ny"], refine
    plenum_cells = nx * ny * r * r * r
    tiles_sorted = sorted((tuple(t_) for t_ in layout["tiles"]), key=lambda t_: (t_[1], t_[0]))
    first_room = plenum_cells + len(tiles_sorted) * r * r
    owner = read_label_list(os.path.join(out, "constant/polyMesh/owner"))
    neighbour = read_label_list(os.path.join(out, "constant/polyMesh/neighbour"))
    phi = read_internal(os.path.join(final, "phi"))
    through = [0.0] * len(tiles_sorted)
    for face, (o, n) in enumerate(zip(owner, neighbour)):
        if plenum_cells <= o < first_room and n >= first_room:
            through[(o - plenum_cells) // (r * r)] += phi[face]
        elif plenum_cells <= n < first_room and o >= first_room:
            through[(n - plenum_cells) // (r * r)] -= phi[face]
    tile_flow = dict(zip(tiles_sorted, through))
    tiles_in_plenum_order = [tile_flow[tuple(t_)] for t_ in layout["tiles"]]
    patches = sorted(re.findall(r"^\s{4}(\w+)\s*\n\s*\{", open(os.path.join(out, "system/blockMeshDict")).read(), re.M))
    patches = [p for p in patches if p == "walls" or p.startswith("rack") or p.startswith("unit") or p == "duct_return"]
    # Tracers on the frozen flow.
    set_tracer_scheme(out, tracer_scheme)
    control = open(os.path.join(out, "system/controlDict")).read()
    control = control.replace("application simpleFoam;", "application scalarTransportFoam;")
    # linearUpwind is a deferred correction: one steady step is the upwind answer from a field at
    # zero, with its numerical diffusion (until the twenty-first session the tracers stopped
    # there, up to 4 K from their converged inlets at the row ends). The steps
    # repeat until T's initial residual is under 1e-7 (fvSolution), which writes and ends.
    control = re.sub(r"endTime \d+;", "endTime %d;" % (iterations + TRACER_STEPS), control)
    control = re.sub(r"writeInterval \d+;", "writeInterval %d;" % TRACER_STEPS, control).replace("purgeWrite 1;", "purgeWrite 0;")
    control = control.split("functions")[0]
    if diffusivity_field == "local":
        control = local_diffusivity_control(control)
    open(os.path.join(out, "system/controlDict"), "w").write(control)
    racks = layout["racks"]
    matrix = [[0.0] * (racks + 1) for _ in range(racks)]
    tracer_steps = []
    for s in ["supply"] + list(range(racks)):
        open(os.path.join(final, "T"), "w").write(tracer_T(patches, s, racks))
        if diffusivity_field == "local":
            sh(["simpleFoam", "-postProcess", "-time", "%g" % t], out, "log.tracer")
        else:
            sh(["scalarTransportFoam"], out, "log.tracer")
        residuals = re.findall(r"Solving for T, Initial residual = ([0-9.eE+-]+)", open(os.path.join(out, "log.tracer")).read())
        # Converged steps stop at 1e-7 (fvSolution); if the steps run out first, 1e-6 will still do.
        if float(residuals[-1]) > 1e-6:
            sys.exit("the tracer from %s did not converge in %s (residual %s after %d steps; see log.tracer)"
                     % (s, out, residuals[-1], len(residuals)))
        tracer_steps.append(len(residuals))
        last = max(int(d) for d in os.listdir(out) if re.fullmatch(r"[0-9]+", d))
        result = os.path.join(final if diffusivity_field == "local" else os.path.join(out, "%d" % last), "T")
        column = 0 if s == "supply" else s + 1
        for i in range(racks):
            matrix[i][column] = patch_mean(result, "rack%d_in" % i)
        for d in os.listdir(out):
            if re.fullmatch(r"[0-9]+", d) and int(d) > iterations:
                shutil.rmtree(os.path.join(out, d))
    return {"iterations": iterations, "mean_nut": mean_nut, "diffusivity": diffusivity, "matrix": matrix,
            "tracer_steps_max": max(tracer_steps),
            "tile_flow_m3_per_s": tiles_in_plenum_order, **({"diffusivity_field": "local"} if diffusivity_field == "local" else {}),
            **({"relaxation": {"U": relaxation[0], "p": relaxation[1]}} if relaxation else {}),
            **({"tracer_scheme": tracer_scheme} if tracer_scheme != "linearUpwind" else {}),
            **({"outlets": outlets} if outlets != "extrapolated" else {})}


def inlets(matrix, supply_c, rise_k):
    n = len(rise_k)
    x = [0.0] * n
    for _ in range(5000):
        change = 0.0
        for i in range(n):
            new = sum(matrix[i][j + 1] * (x[j] + rise_k[j]) for j in range(n))
            # Rows are renormalised (the scalar solve leaves ~1e-4 of the row unaccounted).
            total = sum(matrix[i])
            new /= total
            change = max(change, abs(new - x[i]))
            x[i] = new
        if change < 1e-9:
            break
    return [supply_c + v for v in x]


def write_json_atomically(path, data):
    """Writes to a temporary name and renames it over `path`, so that a run stopped halfway never
    leaves a truncated fixture."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    temporary = path + ".partial"
    with open(temporary, "w") as f:
        json.dump(data, f, indent=1)
    os.replace(temporary, path)


def main():
    parser = argparse.ArgumentParser(description="Runs the hall-airflow CFD references (OpenFOAM) and writes their fixture.")
    parser.add_argument("--work", default="/tmp/plenum-cfd", help="folder for the OpenFOAM cases (default /tmp/plenum-cfd)")
    parser.add_argument("--refine", type=int, default=4, help="CFD cells per Plenum cell along each axis (default 4)")
    parser.add_argument("--only", help="run only this case")
    parser.add_argument("--retrace", action="store_true",
                        help="trace again on the flows already solved in --work (the tracers only)")
    parser.add_argument("--cases", default=os.path.join(HERE, "cases.json"), help="the halls to run (default cases.json)")
    parser.add_argument("--fixture", default=os.path.join(ROOT, "Tests/ModelsTests/Fixtures/hall-airflow-cfd.json"),
                        help="where to write the results (default: the tests' fixture; its other cases are kept)")
    parser.add_argument("--diffusivity", choices=["uniform", "local"], default="uniform",
                        help="the tracers' diffusivity: the volume mean of nut/0.85 (default) or each cell's own")
    parser.add_argument("--tracer-scheme", choices=["linearUpwind", "upwind"], default="linearUpwind",
                        help="the tracers' convection scheme (default linearUpwind); upwind measures their own discretisation error")
    parser.add_argument("--outlets", choices=["extrapolated", "uniform"], default="extrapolated",
                        help="how racks' intakes and units' returns draw: the arriving air's profile scaled to the flow "
                             "(default, the stored references) or evenly over the face, as fans do")
    parser.add_argument("--relax", metavar="U,P",
                        help="under-relaxation of U (and k, epsilon) and of p, as 0.6,0.7, for a flow that diverges with the defaults (0.8,0.9)")
    options = parser.parse_args()
    if options.refine < 1:
        parser.error("--refine must be at least 1")
    relaxation = None
    if options.relax:
        try:
            relaxation = tuple(float(x) for x in options.relax.split(","))
        except ValueError:
            relaxation = ()
        if len(relaxation) != 2 or not all(0 < x <= 1 for x in relaxation):
            parser.error("--relax %s: expected two factors in (0, 1], U then p, as 0.6,0.7" % options.relax)
    work, refine, only = options.work, options.refine, options.only
    cases = json.load(open(os.path.abspath(options.cases)))
    if only and only not in cases:
        parser.error("--only %s: no such case in %s (cases: %s)" % (only, options.cases, ", ".join(cases)))
    fixture_path = os.path.abspath(options.fixture)
    fixture = json.load(open(fixture_path)) if os.path.exists(fixture_path) else {"cases": {}}
    fixture["source"] = ("OpenFOAM v1912 (Debian openfoam 1912.200626): simpleFoam, k-epsilon, %dx%dx%d cells per Plenum cell; "
                         "scalarTransportFoam tracers iterated to convergence; Benchmarks/validation/hall-airflow/run_cfd.py" % (refine, refine, refine))
    for name, case in cases.items():
        if only and name != only:
            continue
        print("case", name, flush=True)
        result = run_case(name, case, work, refine, options.retrace, relaxation, options.diffusivity, options.tracer_scheme,
                          options.outlets)
        rise = [p / (RHO_CP * q) for p, q in zip(case["rack_power_w"], case["rack_flow_m3_per_s"])]
        result["inlet_temperature_c"] = inlets(result["matrix"], case["supply_c"], rise)
        fixture["cases"][name] = {"case": case, "cfd": result}
        print("  inlets", " ".join("%.2f" % t for t in result["inlet_temperature_c"]), flush=True)
        write_json_atomically(fixture_path, fixture)


if __name__ == "__main__":
    main()
