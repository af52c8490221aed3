#!/usr/bin/env python3
"""Seeded fuzzing of every input `plenum` reads, through the real executable.

Each input is a seeded mutation of a real one: scenario, multi-site, package and sweep YAML
(values replaced by special numbers, units and types; bytes flipped, deleted, duplicated;
truncation; CRLF, BOM and control characters), EPW weather, CSV job traces, HotSpot floorplans
and power traces, and HDF5 outputs (bits flipped, byte runs overwritten, truncation) read by
`inspect`, `report`, `export`, sweep resume and `merge`. Inputs that validate are run for a short simulated time.

For every process the harness records how it ended and fails when:
  * it ended by a signal (a trap, a crash inside a C library);
  * it ran longer than --timeout seconds (a hang);
  * it exited 1 without a located error: every error line must start with the file (and its
    line and column where the file has lines) - `FILE:LINE:COL: error:` or `FILE: error:`;
  * it exited with anything but 0, 1 or 2.

Usage (docs/reliability.md):
    python3 Tests/fuzz/fuzz.py --binary .build/release/plenum --budget 100000 --jobs 2
CI runs a small budget with the debug build.
"""
import argparse
import concurrent.futures
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

from mutations import SPECIAL_NUMBERS, Mutator

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


LOCATED = re.compile(r"^(?:\S.*?):(?:\d+:\d+: )?(?:\s*)(?:error|warning):|^\S+?: error:|^error: .*?: |^Error: |^\S+\.(?:yaml|yml|h5|csv|epw|flp|ptrace|config|lcf|txt)\b.*(?:error|warning)")


def located(stderr_text):
    """Every line that says 'error' names its file (and line where the file has lines)."""
    lines = [line for line in stderr_text.splitlines() if "error" in line.lower()]
    if not lines:
        return False
    for line in lines:
        if line.startswith(("Usage:", "  ", "Help:", "See '")):
            continue
        if not LOCATED.search(line):
            return False
    return True


class Corpus:
    """The inputs to mutate, copied into a scratch folder so relative paths resolve."""

    def __init__(self, scratch):
        self.scratch = scratch
        shutil.copytree(os.path.join(ROOT, "Scenarios"), os.path.join(scratch, "Scenarios"))
        shutil.copytree(os.path.join(ROOT, "Tests/ScenarioTests/Fixtures"), os.path.join(scratch, "Fixtures"))
        weather = os.path.join(ROOT, "..", "shared", "reference", "weather", "CHN_Beijing.Beijing.545110_IWEC.epw")
        self.weather = None
        if os.path.exists(weather):
            self.weather = os.path.join(scratch, "Scenarios", "beijing.epw")
            shutil.copy(weather, self.weather)
        s = os.path.join(scratch, "Scenarios")
        self.scenarios = sorted(os.path.join(s, f) for f in os.listdir(s) if f.endswith(".yaml"))
        self.scenarios.append(os.path.join(scratch, "Fixtures", "everything.yaml"))
        self.multisite = [os.path.join(s, "east-west", "east-west.yaml")]
        self.packages = sorted(os.path.join(s, "packages", f) for f in os.listdir(os.path.join(s, "packages")))
        self.sweeps = sorted(os.path.join(s, "sweeps", f) for f in os.listdir(os.path.join(s, "sweeps")))
        self.traces = [os.path.join(scratch, "Fixtures", "jobs-trace.csv")]
        hot = os.path.join(scratch, "Fixtures", "hotspot")
        self.floorplans = [os.path.join(hot, f) for f in ("chip.flp", "uniform.flp", "top.flp")]
        self.ptrace = os.path.join(hot, "chip.ptrace")
        self.hdf5 = []


class Harness:
    def __init__(self, binary, timeout, scratch):
        self.binary = binary
        self.timeout = timeout
        self.scratch = scratch
        self.counts = {"inputs": 0, "processes": 0, "exit0": 0, "exit1": 0, "exit2": 0, "signals": 0,
                       "hangs": 0, "unlocated": 0, "other_exit": 0, "runs_of_accepted": 0}
        self.failures = []
        self.lock = threading.Lock()
        self.keep_failures = None

    def count(self, key, failure=None):
        with self.lock:
            self.counts[key] += 1
            if failure:
                self.failures.append(failure)

    def call(self, args, cwd, label):
        self.count("processes")
        env = dict(os.environ, SWIFT_BACKTRACE="enable=no")
        start = time.time()
        try:
            proc = subprocess.run([self.binary] + args, cwd=cwd, capture_output=True, timeout=self.timeout,
                                  env=env, stdin=subprocess.DEVNULL, start_new_session=True)
        except subprocess.TimeoutExpired:
            self.count("hangs", {"label": label, "args": args, "why": "hang over %.0f s" % self.timeout})
            return None
        code = proc.returncode
        stderr = proc.stderr.decode("utf-8", "replace")
        if code < 0:
            self.count("signals", {"label": label, "args": args, "why": "signal %d" % -code, "stderr": stderr[-2000:]})
        elif code == 0:
            self.count("exit0")
        elif code == 1:
            self.count("exit1")
            if not located(stderr):
                self.count("unlocated", {"label": label, "args": args, "why": "error without a location", "stderr": stderr[-2000:]})
        elif code == 2:
            self.count("exit2")
        else:
            failure = None if args and args[0] == "sweep" else {"label": label, "args": args, "why": "exit %d" % code, "stderr": stderr[-2000:]}
            self.count("other_exit", failure)  # a sweep exits with its failed-point count
        return code, time.time() - start

    def validate_batch(self, requests):
        """`plenum validate` over many files in one process (the start-up cost dominates a single
        validation); on a signal or a hang each file is validated alone to find the culprit.
        Returns (status, seconds) per request: 0 when the file is valid, else 1."""
        paths = [path for path, _ in requests]
        labels = ", ".join(label for _, label in requests)
        env = dict(os.environ, SWIFT_BACKTRACE="enable=no")
        start = time.time()
        try:
            proc = subprocess.run([self.binary, "validate"] + paths, cwd=self.scratch, capture_output=True, timeout=self.timeout,
                                  env=env, stdin=subprocess.DEVNULL, start_new_session=True)
        except subprocess.TimeoutExpired:
            proc = None
        if proc is None or proc.returncode not in (0, 1):
            return [self.call(["validate", path], self.scratch, label) for path, label in requests]
        self.count("processes")
        out = proc.stdout.decode("utf-8", "replace")
        stderr = proc.stderr.decode("utf-8", "replace")
        if proc.returncode == 1 and not located(stderr):
            self.count("unlocated", {"label": labels, "args": ["validate"] + paths, "why": "error without a location",
                                     "stderr": stderr[-2000:]})
        results = []
        valid = set(line.split(": valid")[0] for line in out.splitlines() if ": valid" in line)
        for path in paths:
            code = 0 if path in valid else 1
            self.count("exit0" if code == 0 else "exit1")
            results.append((code, time.time() - start))
        return results


def run_batch(harness, corpus, seeds, keep):
    """Runs the inputs of `seeds` together: their validations in one process, the rest alone."""
    pending = []
    for seed in seeds:
        generator = one_input(harness, corpus, seed, keep)
        try:
            pending.append((generator, next(generator)))
        except StopIteration:
            pass
    while pending:
        results = harness.validate_batch([request for _, request in pending])
        following = []
        for (generator, _), result in zip(pending, results):
            try:
                following.append((generator, generator.send(result)))
            except StopIteration:
                pass
        pending = following


def one_input(harness, corpus, seed, keep):
    failures_before = len(harness.failures)
    rng = random.Random(seed)
    mut = Mutator(rng)
    kinds = ["scenario"] * 6 + ["multisite", "package", "package", "sweep", "sweep", "trace", "trace", "hotspot", "hdf5", "hdf5", "hdf5"]
    if corpus.weather:
        kinds.append("weather")
    kind = rng.choice(kinds)
    label = "%s#%d" % (kind, seed)
    scratch = harness.scratch
    sdir = os.path.join(scratch, "Scenarios")
    name = "fuzz-%d" % seed
    made = []

    def write(path, content, binary=False):
        if binary:
            with open(path, "wb") as f:
                f.write(content)
        else:
            with open(path, "w", encoding="utf-8", errors="surrogatepass", newline="") as f:
                f.write(content)
        made.append(path)
        return path

    def mutated_beside(src):
        """A mutation of the YAML file `src`, written next to it (its relative paths still resolve)."""
        return write(os.path.join(os.path.dirname(src), name + ".yaml"), mut.yaml(open(src, encoding="utf-8").read()))

    def run_if_accepted(result, probability, command, path, what):
        """Runs an input that validated, with `probability` (drawn only for accepted inputs, so a
        seed reproduces the same case)."""
        if result and result[0] == 0 and rng.random() < probability:
            harness.count("runs_of_accepted")
            out = os.path.join(scratch, "%s-%d.h5" % (what, seed))
            made.append(out)
            # Packages on the design's grid: refinement repeats the same solver on finer grids
            # (minutes in a debug build) and has its own tests; the fuzz is after the inputs.
            extra = ["--set", "simulation.duration=20 min"] if command == "run" else (["--no-refine"] if command == "package" else [])
            harness.call([command, path, "--quiet", "-o", out] + extra, scratch, "%s %s" % (label, command))

    try:
        if kind == "scenario":
            path = mutated_beside(rng.choice(corpus.scenarios))
            run_if_accepted((yield (path, label)), 0.5, "run", path, "out")
        elif kind == "multisite":
            yield (mutated_beside(corpus.multisite[0]), label)
        elif kind == "package":
            path = mutated_beside(rng.choice(corpus.packages))
            run_if_accepted((yield (path, label)), 0.3, "package", path, "pkg")
        elif kind == "sweep":
            src = rng.choice(corpus.sweeps)
            text = mut.yaml(open(src, encoding="utf-8").read())
            text = re.sub(r"(?m)^output:.*$", "output: ../../sweep-out-%d" % seed, text)
            path = write(os.path.join(os.path.dirname(src), name + ".yaml"), text)
            r = yield (path, label)
            if r and r[0] == 0:
                harness.call(["sweep", path, "--dry-run"], scratch, label + " dry-run")
            made.append(os.path.join(scratch, "sweep-out-%d" % seed))
        elif kind == "trace":
            trace = write(os.path.join(sdir, name + ".csv"), mut.csv(open(corpus.traces[0], encoding="utf-8").read()))
            base = open(os.path.join(sdir, "quickstart.yaml"), encoding="utf-8").read()
            base = base[:base.index("workload:")] + "workload:\n  trace:\n    file: %s\n    hall: hall-1\n" % os.path.basename(trace)
            path = write(os.path.join(sdir, name + ".yaml"), base)
            run_if_accepted((yield (path, label)), 0.25, "run", path, "out")
        elif kind == "weather":
            text = open(corpus.weather, encoding="utf-8", errors="replace").read()
            lines = text.split("\n")
            for _ in range(1 + rng.randrange(3)):
                i = rng.randrange(len(lines))
                fields = lines[i].split(",")
                if len(fields) > 9 and rng.random() < 0.7:
                    fields[rng.choice([6, 8, 9])] = rng.choice(SPECIAL_NUMBERS + ["", "x"])
                    lines[i] = ",".join(fields)
                else:
                    lines[i] = mut.bytes_level(lines[i])
            weather = write(os.path.join(sdir, name + ".epw"), "\n".join(lines))
            base = open(os.path.join(sdir, "shanghai-a100-air.yaml"), encoding="utf-8").read()
            base = base.replace("  catalog: shanghai", "  catalog: shanghai\n  climate: {weather_file: %s}" % os.path.basename(weather), 1)
            path = write(os.path.join(sdir, name + ".yaml"), base)
            yield (path, label)
        elif kind == "hotspot":
            flp_src = rng.choice(corpus.floorplans)
            flp = write(os.path.join(scratch, name + ".flp"), mut.csv(open(flp_src, encoding="utf-8").read()).replace(",", rng.choice([",", "\t"])))
            args = ["package", "--flp", flp, "--no-refine", "--quiet", "-o", os.path.join(scratch, name + ".h5")]
            # Half the studies on HotSpot's own network (--model hotspot), half on Plenum's model.
            if rng.random() < 0.5:
                args += ["--model", "hotspot"]
            made.append(os.path.join(scratch, name + ".h5"))
            if flp_src.endswith("chip.flp") and rng.random() < 0.6:
                pt = write(os.path.join(scratch, name + ".ptrace"), mut.yaml(open(corpus.ptrace, encoding="utf-8").read()))
                args += ["--ptrace", pt]
            harness.call(args, scratch, label)
        elif kind == "hdf5":
            if not corpus.hdf5:
                return
            src = rng.choice(corpus.hdf5)
            path = write(os.path.join(scratch, name + ".h5"), mut.binary(open(src, "rb").read()), binary=True)
            choice = rng.randrange(6)
            if choice == 4:
                # The readers of issue 15: a damaged file is a located error, never a crash.
                harness.call(["report", path, "--quiet", "--output", os.path.join(scratch, name + ".html")], scratch, label)
            elif choice == 5:
                harness.call(["export", path, "--quiet", "--csv", os.path.join(scratch, name + "-csv")], scratch, label)
            elif choice == 0:
                harness.call(["inspect", path, "--timeout", str(max(5, harness.timeout - 5))], scratch, label)
            elif choice == 1:
                harness.call(["inspect", path, "--events", "--timeout", str(max(5, harness.timeout - 5))], scratch, label)
            elif choice == 2:
                dataset = rng.choice(["/scenario/text", "/jobs/job_name", "/summary/pue", "/timeseries/facility/it_power_w", "/events", "/layers/x"])
                harness.call(["inspect", path, "--dataset", dataset, "--timeout", str(max(5, harness.timeout - 5))], scratch, label)
            else:
                # A sweep folder with one damaged point: resume and merge must both survive it.
                folder = keep["sweep_folder"]
                if folder is None:
                    return
                work = os.path.join(scratch, "sweep-copy-%d" % seed)
                shutil.copytree(folder, work)
                made.append(work)
                points = sorted(f for f in os.listdir(work) if f.startswith("point-") and f.endswith(".h5"))
                target = os.path.join(work, rng.choice(points))
                with open(target, "rb") as f:
                    data = f.read()
                with open(target, "wb") as f:
                    f.write(mut.binary(data))
                harness.call(["merge", work], scratch, label + " merge")
    finally:
        harness.count("inputs")
        if harness.keep_failures and len(harness.failures) > failures_before:
            target = os.path.join(harness.keep_failures, "seed-%d" % seed)
            os.makedirs(target, exist_ok=True)
            for path in made:
                if os.path.isfile(path):
                    shutil.copy(path, target)
        for path in made:
            if os.path.isdir(path):
                shutil.rmtree(path, ignore_errors=True)
            elif os.path.exists(path):
                os.unlink(path)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build", "debug", "plenum"))
    parser.add_argument("--budget", type=int, default=200, help="inputs to try")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=30, help="seconds before a process counts as hung")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--batch", type=int, default=16, help="validations per plenum process")
    parser.add_argument("--report", help="write the counts and failures as JSON here")
    parser.add_argument("--keep-failures", help="copy the inputs of failing cases into this folder")
    parser.add_argument("--only", type=int, help="run only this input seed (as listed in a failure's label)")
    args = parser.parse_args()
    binary = os.path.abspath(args.binary)
    scratch = tempfile.mkdtemp(prefix="plenum-fuzz-")
    try:
        corpus = Corpus(scratch)
        harness = Harness(binary, args.timeout, scratch)
        if args.keep_failures:
            harness.keep_failures = os.path.abspath(args.keep_failures)
        # HDF5 seeds: real outputs of a run, a package and a sweep.
        q = os.path.join(scratch, "seed-run.h5")
        subprocess.run([binary, "run", os.path.join(scratch, "Scenarios", "quickstart.yaml"), "--quiet", "-o", q], check=True)
        p = os.path.join(scratch, "seed-package.h5")
        subprocess.run([binary, "package", corpus.packages[0], "--no-refine", "--quiet", "-o", p], check=True)
        sweep_text = ("scenario: Scenarios/quickstart.yaml\nseed: 3\noutput: seed-sweep\naxes:\n"
                      "  - key: simulation.duration\n    values: [10 min, 20 min]\n")
        sweep = os.path.join(scratch, "seed-sweep.yaml")
        with open(sweep, "w") as f:
            f.write(sweep_text)
        subprocess.run([binary, "sweep", sweep, "--quiet"], cwd=scratch, check=True)
        corpus.hdf5 = [q, p]
        keep = {"sweep_folder": os.path.join(scratch, "seed-sweep")}
        started = time.time()
        seeds = [args.only] if args.only is not None else [args.seed * 1_000_003 + k for k in range(args.budget)]
        done = 0
        batches = [seeds[k:k + args.batch] for k in range(0, len(seeds), args.batch)]
        with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
            for _ in pool.map(lambda batch: run_batch(harness, corpus, batch, keep), batches):
                done += 1
                if sys.stderr.isatty():
                    sys.stderr.write("\r%d/%d inputs, %d failures " % (harness.counts["inputs"], len(seeds), len(harness.failures)))
        if sys.stderr.isatty():
            sys.stderr.write("\n")
        result = dict(harness.counts, seconds=round(time.time() - started, 1), seed=args.seed, binary=binary,
                      failures=harness.failures[:200])
        if args.report:
            with open(args.report, "w") as f:
                json.dump(result, f, indent=2)
        summary = {k: v for k, v in result.items() if k != "failures"}
        print("fuzz:", json.dumps(summary))
        for failure in harness.failures[:20]:
            print("FAIL", json.dumps(failure)[:1500])
        bad = harness.counts["signals"] + harness.counts["hangs"] + harness.counts["unlocated"] + len(
            [f for f in harness.failures if f["why"].startswith("exit")])
        print("%d passed, %d failed" % (harness.counts["processes"] - bad, bad))
        return 1 if bad else 0
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
