#!/usr/bin/env python3
"""Opens Plenum's HTML reports in real headless Chromium (Debian's `chromium`) and checks them.

For each page: it loads from disk with no console error and no error caught by the page's own
handler (`body[data-errors]`), its script ran (`body[data-ready]`), every section renders (holds
a chart, a table or a paragraph), and it is under 5 MB. Against the HDF5 file it was written from
(h5py): every key figure's `data-value` equals `/summary`, the PUE chart's maximum and the monthly
PUE bars equal the file's series, a package's layer maps hold the file's hottest cell, a sweep's
points are the file's. With --screenshots DIR it also saves a PNG of each page (docs/report.md).

usage: check_reports_in_chromium.py [--screenshots DIR] KIND:REPORT.html:FILE.h5 ...
"""
import html.parser
import math
import os
import subprocess
import sys
import time

import h5py
import numpy as np

CHROMIUM = ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
            "--enable-logging=stderr", "--v=0"]


class Dom(html.parser.HTMLParser):
    """Collects elements' attributes by tag, and the sections with what they hold."""

    def __init__(self):
        super().__init__()
        self.elements = []          # (tag, attrs, section id)
        self.texts = []             # (section id, text)
        self.section = None
        self.body = {}

    def handle_data(self, data):
        if data.strip():
            self.texts.append((self.section, data.strip()))

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "body":
            self.body = attrs
        if tag == "section":
            self.section = attrs.get("id")
        self.elements.append((tag, attrs, self.section))

    def handle_endtag(self, tag):
        if tag == "section":
            self.section = None


def load(page):
    """The DOM after the page's scripts ran, the console errors, and the seconds it took."""
    started = time.monotonic()
    run = subprocess.run(CHROMIUM + ["--virtual-time-budget=5000", "--dump-dom", "file://" + os.path.abspath(page)],
                         capture_output=True, text=True, timeout=120)
    seconds = time.monotonic() - started
    errors = [line for line in run.stderr.splitlines() if ":CONSOLE" in line]
    dom = Dom()
    dom.feed(run.stdout)
    return dom, errors, seconds


def number(text):
    return float("nan") if text == "NaN" else float(text)


def same(a, b):
    return (math.isnan(a) and math.isnan(b)) or a == b


def check_common(page, dom, errors):
    problems = []
    if os.path.getsize(page) > 5 * 1024 * 1024:
        problems.append(f"{os.path.getsize(page)} bytes, more than 5 MB")
    if errors:
        problems.append("console: " + "; ".join(errors[:3]))
    if dom.body.get("data-errors"):
        problems.append("errors caught by the page: " + dom.body["data-errors"])
    if dom.body.get("data-ready") != "1":
        problems.append("the page's script did not finish (no body[data-ready])")
    sections = {attrs["id"] for tag, attrs, _ in dom.elements if tag == "section"}
    if not sections:
        problems.append("no sections")
    for section in sections:
        content = [tag for tag, _, s in dom.elements if s == section and tag in ("svg", "table", "p", "pre", "figure")]
        if not content:
            problems.append(f"section {section} is empty")
    for tag, attrs, _ in dom.elements:
        if tag in ("script", "img", "link") and any(attrs.get(k, "").startswith(("http:", "https:", "//")) for k in ("src", "href")):
            problems.append(f"<{tag}> loads from the network: {attrs}")
    return problems, sections


def key_values(dom):
    return {attrs["data-key"]: number(attrs["data-value"]) for tag, attrs, _ in dom.elements if "data-key" in attrs and "data-value" in attrs}


def check_run(dom, path, sections):
    problems = []
    for needed in ["figures", "energy-flow", "monthly", "timeseries", "floor-plan", "events", "jobs", "inputs"]:
        if needed not in sections:
            problems.append(f"no section {needed}")
    values = key_values(dom)
    with h5py.File(path, "r") as f:
        summary = f["summary"]
        compared = 0
        for key, shown in values.items():
            if key in summary and summary[key].ndim == 0:
                compared += 1
                if not same(shown, float(summary[key][()])):
                    problems.append(f"{key}: page {shown}, file {summary[key][()]}")
        if compared < 10:
            problems.append(f"only {compared} key figures found on the page")
        pue = f["timeseries/facility/pue"][:]
        lines = [attrs for tag, attrs, _ in dom.elements if tag == "polyline" and attrs.get("data-series") == "PUE"]
        if not lines or not same(number(lines[0]["data-max"]), float(np.nanmax(pue))) or int(lines[0]["data-count"]) != len(pue):
            problems.append("the PUE chart does not hold the file's series (maximum or count)")
        monthly = summary["monthly_pue"][:]
        bars = [number(attrs["data-value"]) for tag, attrs, _ in dom.elements if tag == "rect" and attrs.get("class") == "bar"
                and attrs.get("data-series") == "PUE"]
        if bars != [m for m in monthly if not math.isnan(m)]:
            problems.append(f"monthly PUE bars {bars} are not the file's {list(monthly)}")
        if "network" in f:
            # A hall with a fabric: its own section, one row per hall of /network.
            if "network" not in sections:
                problems.append("the file has /network but the page has no network section")
            halls = [h.decode() if isinstance(h, bytes) else h for h in f["network/hall_name"][()]]
            shown = {text for section, text in dom.texts if section == "network"}
            missing = [h for h in halls if h not in shown]
            if missing:
                problems.append(f"network halls missing from the page: {missing}")
        if "events" in f and len(f["events/kind"]) > 0:
            counts = {attrs["data-kind"]: 0 for tag, attrs, s in dom.elements if tag == "span" and "data-kind" in attrs}
            kinds = f["events/kind"].asstr()[()]
            for tag, attrs, s in dom.elements:
                if tag == "span" and "data-kind" in attrs:
                    pass
            if set(counts) != set(kinds):
                problems.append("the event counts do not list the file's kinds")
    return problems


def check_package(dom, path, sections):
    problems = []
    with h5py.File(path, "r") as f:
        values = key_values(dom)
        for key in f["summary"]:
            if key in values and not same(values[key], float(f["summary"][key][()])):
                problems.append(f"{key}: page {values[key]}, file {f['summary'][key][()]}")
        if "layers" in f:
            figures = {attrs["data-layer"]: number(attrs["data-max"]) for tag, attrs, _ in dom.elements if tag == "figure" and "data-layer" in attrs}
            for name in f["layers"]:
                if f["layers"][name].ndim == 2 and not same(figures.get(name, float("nan")), float(np.nanmax(f["layers"][name][:]))):
                    problems.append(f"layer {name}: the map's hottest cell is not the file's")
    return problems


def check_sweep(dom, path, sections):
    problems = []
    with h5py.File(path, "r") as f:
        names = list(f["points/point_name"].asstr()[()])
    rows = [attrs for tag, attrs, s in dom.elements if s == "points" and tag == "tr"]
    if len(rows) != len(names) + 1:
        problems.append(f"{len(rows) - 1} point rows for {len(names)} points")
    if not any(tag == "circle" for tag, _, s in dom.elements if s == "kpis"):
        problems.append("no KPI against parameter chart has points")
    return problems


def check_compare(dom, path, sections):
    values = key_values(dom)
    with h5py.File(path, "r") as f:
        pue = float(f["summary/pue"][()])
    return [] if same(values.get("pue[0]", float("nan")), pue) else [f"pue of the first run: page {values.get('pue[0]')}, file {pue}"]


def main(argv):
    screenshots = None
    if argv and argv[0] == "--screenshots":
        screenshots, argv = argv[1], argv[2:]
        os.makedirs(screenshots, exist_ok=True)
    failed = 0
    for item in argv:
        kind, page, path = item.split(":", 2)
        dom, errors, seconds = load(page)
        problems, sections = check_common(page, dom, errors)
        problems += {"run": check_run, "package": check_package, "sweep": check_sweep, "compare": check_compare}.get(kind, lambda *_: [])(dom, path, sections)
        if screenshots:
            name = os.path.join(screenshots, os.path.basename(page).replace(".html", ".png"))
            subprocess.run(CHROMIUM + ["--window-size=1280,2400", "--virtual-time-budget=3000", "--screenshot=" + name,
                                       "file://" + os.path.abspath(page)], capture_output=True, timeout=120)
        status = "ok  " if not problems else "FAIL"
        print(f"{status} {kind:8s} {page}: {len(sections)} sections, {os.path.getsize(page) / 1024:.0f} KiB, loaded in {seconds:.1f} s")
        for problem in problems:
            print("     " + problem)
        failed += bool(problems)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
