#!/usr/bin/env python3
"""Runs every Python and shell snippet of README.md and docs/ against real example outputs, so a
snippet can never rot.

Usage: python3 Tests/python/run_doc_snippets.py PLENUM_BINARY

A scratch folder gets a copy of Scenarios/ and the outputs the snippets read (made by the binary);
then every ```sh block whose lines are `plenum ...` commands runs there with `plenum` on PATH, and
every ```python block runs there with matplotlib's non-interactive backend. A block that cannot
run in CI (a build, a benchmark of minutes) must be preceded by a line
`<!-- not run in CI: REASON -->` (or `<!-- run by .ci/run: WHERE -->` when CI runs it another way);
any other block that fails or is skipped fails this check.
"""
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BLOCK = re.compile(r"(?P<marker><!-- (?:not run in CI|run by \.ci/run): [^>]+-->\s*\n)?[ \t]*```(?P<lang>python|sh)\n(?P<body>.*?)\n[ \t]*```", re.S)


def snippets():
    files = [os.path.join(ROOT, "README.md")] + sorted(glob.glob(os.path.join(ROOT, "docs", "**", "*.md"), recursive=True))
    for path in files:
        text = open(path, encoding="utf-8").read()
        for match in BLOCK.finditer(text):
            line = text.count("\n", 0, match.start("lang")) + 1
            # Blocks inside list items are indented: remove the common indentation.
            lines = match.group("body").split("\n")
            indent = min((len(l) - len(l.lstrip()) for l in lines if l.strip()), default=0)
            body = "\n".join(l[indent:] for l in lines)
            yield os.path.relpath(path, ROOT), line, match.group("lang"), body, match.group("marker")


def main():
    binary = os.path.abspath(sys.argv[1])
    scratch = tempfile.mkdtemp(prefix="plenum-docs-")
    passed = failed = skipped = 0
    try:
        shutil.copytree(os.path.join(ROOT, "Scenarios"), os.path.join(scratch, "Scenarios"))
        bin_dir = os.path.join(scratch, "bin")
        os.makedirs(bin_dir)
        os.symlink(binary, os.path.join(bin_dir, "plenum"))
        env = dict(os.environ, PATH=bin_dir + os.pathsep + os.environ["PATH"], MPLBACKEND="Agg")

        def plenum(*args):
            subprocess.run(["plenum", *args, "--quiet"], cwd=scratch, env=env, check=True)

        # The outputs the snippets read, at the paths the docs name.
        plenum("run", "Scenarios/quickstart.yaml")
        plenum("run", "Scenarios/inference-service.yaml")
        plenum("run", "Scenarios/export-limited-h800.yaml")
        plenum("run", "Scenarios/crah-failure.yaml")
        # --no-refine: the snippets read the file's layout, and the debug build refines slowly.
        plenum("package", "Scenarios/packages/monolithic-7nm.yaml", "--no-refine")

        blocks = list(snippets())
        # Shell first (they make the sweep's output), then Python.
        for source, line, lang, body, marker in sorted(blocks, key=lambda b: b[2] != "sh"):
            where = "%s:%d" % (source, line)
            commands = [l for l in body.split("\n") if l.strip() and not l.strip().startswith("#")]
            if marker:
                skipped += 1
                print("skip %s (%s)" % (where, marker.strip()[len("<!-- "):-len(" -->")].strip()))
                continue
            if lang == "sh" and not all(c.startswith("plenum ") for c in commands):
                failed += 1
                print("FAIL %s: a shell block of other than plenum commands needs a '<!-- not run in CI: why -->' line" % where)
                continue
            if lang == "sh":
                script = "set -euo pipefail\n" + "\n".join(c.split(" #")[0] for c in commands)
                run = subprocess.run(["bash", "-c", script], cwd=scratch, env=env, capture_output=True, text=True, timeout=900)
            else:
                run = subprocess.run([sys.executable, "-c", body], cwd=scratch, env=env, capture_output=True, text=True, timeout=300)
            if run.returncode == 0:
                passed += 1
                print("ok   %s (%s)" % (where, lang))
            else:
                failed += 1
                print("FAIL %s (%s): exit %d\n%s" % (where, lang, run.returncode, (run.stderr or run.stdout)[-1500:]))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    print("docs snippets: %d passed, %d failed, %d skipped with a reason" % (passed, failed, skipped))
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
