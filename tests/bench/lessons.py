#!/usr/bin/python3
"""The course's figures, measured on this machine.

Usage (from the repository root):

    /usr/bin/python3 tests/bench/lessons.py [--runs 3] [NOTEBOOK.ipynb ...]

Runs each lesson notebook (default: notebooks/NN-*.ipynb but the welcome)
with goconc run, --runs times, taking turns between notebooks, and collects
the lines the lessons print as

    figure: NAME = VALUE  [talk: TALK]

Prints one table per lesson: each figure's median over the runs (when its
values are numbers, with their unit), every run's value, and the talk's
figure beside it, and each notebook's median wall time. Nothing is
asserted: these machines are noisy and have 2 cores.
"""

import argparse
import json
import os
import pathlib
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[2]
FIGURE = re.compile(r"^figure: (?P<name>.+?) = (?P<value>.+?)(?:\s{2,}\[talk: (?P<talk>.*)\])?\s*$")
NUMBER = re.compile(r"^(?P<num>[-+]?[0-9][0-9,_]*(?:\.[0-9]+)?)\s*(?P<unit>.*)$")


def figures(executed):
    """The figure lines of an executed notebook, in order."""
    nb = json.loads(pathlib.Path(executed).read_text())
    found = []
    for cell in nb["cells"]:
        for out in cell.get("outputs", []):
            if out.get("output_type") != "stream":
                continue
            text = out["text"] if isinstance(out["text"], str) else "".join(out["text"])
            for line in text.splitlines():
                m = FIGURE.match(line.strip())
                if m:
                    found.append((m["name"], m["value"].strip(), m["talk"] or ""))
    return found


def median_of(values):
    """The median of values that are all numbers with the same unit, else None."""
    nums, units = [], set()
    for v in values:
        m = NUMBER.match(v)
        if not m:
            return None
        nums.append(float(m["num"].replace(",", "").replace("_", "")))
        units.add(m["unit"])
    if len(units) != 1:
        return None
    med = statistics.median(nums)
    text = f"{med:.3g}" if abs(med) < 1000 else f"{med:,.0f}"
    unit = units.pop()
    return f"{text} {unit}".strip()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--goconc", help="a goconc binary (default: build one)")
    ap.add_argument("notebooks", nargs="*")
    args = ap.parse_args()
    notebooks = [pathlib.Path(p).resolve() for p in args.notebooks] or [
        p for p in sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb")) if p.name != "00-welcome.ipynb"]
    tmp = tempfile.mkdtemp(prefix="goconc-bench-")
    try:
        binary = args.goconc
        if binary is None:
            binary = os.path.join(tmp, "goconc")
            go = shutil.which("go") or "/usr/local/go/bin/go"
            subprocess.run([go, "build", "-o", binary, "./cmd/goconc"], cwd=ROOT, check=True)
        env = dict(os.environ, GOCONC_BIN=binary)
        results = {nb.name: {"walls": [], "figures": {}, "order": [], "failed": 0} for nb in notebooks}
        for run in range(args.runs):
            for nb in notebooks:
                out = os.path.join(tmp, f"{run}-{nb.name}")
                start = time.monotonic()
                proc = subprocess.run([binary, "run", "--out", out, str(nb)], cwd=nb.parent, env=env,
                                      stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
                wall = time.monotonic() - start
                r = results[nb.name]
                print(f"run {run + 1}/{args.runs} {nb.name}: {wall:.1f} s"
                      + ("" if proc.returncode == 0 else " FAILED"), file=sys.stderr, flush=True)
                if proc.returncode != 0:
                    r["failed"] += 1
                    print(proc.stderr[-2000:], file=sys.stderr)
                r["walls"].append(wall)
                if not os.path.exists(out):
                    continue
                for name, value, talk in figures(out):
                    if name not in r["figures"]:
                        r["figures"][name] = {"values": [], "talk": talk}
                        r["order"].append(name)
                    r["figures"][name]["values"].append(value)
        for nb in notebooks:
            r = results[nb.name]
            failed = f", {r['failed']} failed" if r["failed"] else ""
            print(f"\n## {nb.name}: median wall time {statistics.median(r['walls']):.1f} s "
                  f"({args.runs} runs{failed})\n")
            print("| figure | median | runs | talk |")
            print("|---|---:|---|---|")
            for name in r["order"]:
                f = r["figures"][name]
                med = median_of(f["values"]) or "-"
                print(f"| {name} | {med} | {'; '.join(f['values'])} | {f['talk']} |")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
