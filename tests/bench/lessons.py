#!/usr/bin/python3
"""The course's figures, measured on this machine.

Usage (from the repository root):

    /usr/bin/python3 tests/bench/lessons.py [--runs 3] [NOTEBOOK.ipynb ...]

Runs each lesson notebook (default: notebooks/NN-*.ipynb but the welcome)
with goconc run, --runs times, taking turns between notebooks, and collects
the lines the lessons print as

    figure: NAME = VALUE  [talk: TALK]

Prints one table per lesson: each figure's median over the runs of this
command (see median_of for which values have one), every run's value, and
the talk's figure beside it, and each notebook's median wall time.
Nothing is asserted: these machines are noisy and have 2 cores.

A figure is one row: its name must be unique within a notebook run. A
name printed twice in one run (a notebook bug) is filed as "NAME (2)"
with a warning, so that a median is never taken over lines of one run.

--markdown prints instead, per lesson, the course outline's items
(tests/bench/outline.py) with the figures this machine produced for
them next to the talk's, and the items shown without a figure or not
shown at all, with the reason: the table for a closing note.
--committed reads the figures of the committed notebooks' outputs
instead of running them (one run, no wall times).
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

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from outline import OUTLINE, item_for  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parents[2]
FIGURE = re.compile(r"^figure: (?P<name>.+?) = (?P<value>.+?)(?:\s{2,}\[talk: (?P<talk>.*)\])?\s*$")
NUMBER = re.compile(r"^(?P<pre>[$€]?)(?P<num>[-+]?[0-9][0-9,_]*(?:\.[0-9]+)?)\s*(?P<unit>.*)$")


def figures(executed):
    """The figure lines of an executed notebook, in order."""
    return figures_of(json.loads(pathlib.Path(executed).read_text()), executed)


def figures_of(nb, where="notebook"):
    """The figure lines of a notebook's outputs (as JSON), in order, each
    name distinct."""
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
    return distinct(found, where)


def distinct(found, where):
    """found with each repeated name numbered, "NAME (2)", "NAME (3)": a
    figure is one row, and its median is over runs, never over lines."""
    seen, out = {}, []
    for name, value, talk in found:
        seen[name] = seen.get(name, 0) + 1
        if seen[name] > 1:
            print(f"lessons: {pathlib.Path(where).name}: figure {name!r} printed more than once in one run",
                  file=sys.stderr)
            name = f"{name} ({seen[name]})"
        out.append((name, value, talk))
    return out


# A number in a figure's value, with an optional time unit right after it,
# as Go prints durations ("1.106ms", "210µs", "2s"), or after a space as
# lesson 00 writes human time ("8.8 min", "5.7 days").
TOKEN = re.compile(r"(?<![\w.])(?P<num>[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)"
                   r"(?:(?P<dur>ns|µs|us|ms|s(?![a-zA-Z]))|\s(?P<human>min|hours|days|months|years)\b)?")
DURATION = {"ns": 1e-9, "µs": 1e-6, "us": 1e-6, "ms": 1e-3, "s": 1.0}
DAY = 86400.0
HUMAN = {"min": 60.0, "hours": 3600.0, "days": DAY, "months": 30.4 * DAY, "years": 365 * DAY}


LIST = re.compile(r"\[[^\]]*\]")


def parse(value):
    """value as a template (the text between its numbers and lists,
    durations marked), its numbers (durations in seconds) and its lists."""
    lists = LIST.findall(value)
    value = LIST.sub("\0l", value)
    parts, nums, last = [], [], 0
    for m in TOKEN.finditer(value):
        parts.append(value[last:m.start()])
        n = float(m["num"].replace(",", ""))
        if m["dur"]:
            parts.append("\0d")
            nums.append((n * DURATION[m["dur"]], "d", 0, False))
        elif m["human"]:
            parts.append("\0h")
            nums.append((n * HUMAN[m["human"]], "h", 0, False))
        else:
            decimals = len(m["num"].split(".")[1]) if "." in m["num"] else 0
            parts.append("\0n")
            nums.append((n, "n", decimals, "," in m["num"]))
        last = m.end()
    parts.append(value[last:])
    return "".join(parts), nums, lists


def duration(seconds):
    """seconds as Go prints a duration, to 3 or 4 significant digits."""
    if seconds == 0:
        return "0s"
    for unit, scale in (("s", 1.0), ("ms", 1e-3), ("µs", 1e-6)):
        if abs(seconds) >= scale:
            return f"{seconds / scale:.4g}{unit}"
    return f"{seconds / 1e-9:.4g}ns"


def human(seconds):
    """seconds in the largest of lesson 00's human units that fits."""
    unit = "min"
    for name, scale in HUMAN.items():
        if seconds >= scale:
            unit = name
    return f"{seconds / HUMAN[unit]:.1f} {unit}"


def median_of(values):
    """The median of a figure's values over runs, or None.

    Values with the same text around their numbers have one: each number
    is the median of the numbers in its place, durations compared in
    seconds whatever unit Go printed them in ("2 answers, 0.71 s" and
    "3 answers, 0.80 s" give a median of each). A list ("[0 6 0]") is an
    outcome, not a measurement: it is kept when every run printed the same,
    else shown as "[varies]". Values whose text differs between runs, or
    that hold no number or list, have no median."""
    if not values:
        return None
    parsed = [parse(v) for v in values]
    if len(set(values)) == 1:
        return values[0] if "\0" in parsed[0][0] else None
    template, first_nums, first_lists = parsed[0]
    if "\0" not in template or any(t != template or len(n) != len(first_nums) or len(ls) != len(first_lists)
                                   for t, n, ls in parsed):
        return None
    medians = {"d": [], "n": [], "l": []}
    merged = []
    for i, (_, kind, _, comma) in enumerate(first_nums):
        med = statistics.median(p[1][i][0] for p in parsed)
        if kind == "d":
            merged.append(duration(med))
        elif kind == "h":
            merged.append(human(med))
        else:
            decimals = max(p[1][i][2] for p in parsed)
            merged.append(f"{med:,.{decimals}f}" if comma else f"{med:.{decimals}f}")
    lists = [ls if all(p[2][i] == ls for p in parsed) else "[varies]" for i, ls in enumerate(first_lists)]
    if not first_nums and "[varies]" in lists:
        return None
    nums, ls = iter(merged), iter(lists)
    pieces = template.split("\0")
    text = pieces[0]
    for rest in pieces[1:]:
        text += (next(ls) if rest[0] == "l" else next(nums)) + rest[1:]
    return text


def record(r, found):
    """Adds one run's figures to a notebook's results."""
    for name, value, talk in found:
        if name not in r["figures"]:
            r["figures"][name] = {"values": [], "talk": talk}
            r["order"].append(name)
        r["figures"][name]["values"].append(value)


def run_notebooks(notebooks, runs, binary, tmp):
    """Runs each notebook runs times, taking turns, and returns its results."""
    env = dict(os.environ, GOCONC_BIN=binary)
    results = {nb.name: {"walls": [], "figures": {}, "order": [], "failed": 0} for nb in notebooks}
    for run in range(runs):
        for nb in notebooks:
            out = os.path.join(tmp, f"{run}-{nb.name}")
            start = time.monotonic()
            proc = subprocess.run([binary, "run", "--out", out, str(nb)], cwd=nb.parent, env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            wall = time.monotonic() - start
            r = results[nb.name]
            print(f"run {run + 1}/{runs} {nb.name}: {wall:.1f} s"
                  + ("" if proc.returncode == 0 else " FAILED"), file=sys.stderr, flush=True)
            if proc.returncode != 0:
                r["failed"] += 1
                print(proc.stderr[-2000:], file=sys.stderr)
            r["walls"].append(wall)
            if os.path.exists(out):
                record(r, figures(out))
    return results


def cell(text):
    """text made safe for a Markdown table cell."""
    return text.replace("|", "\\|").replace("\n", " ")


def print_figures(notebooks, results, runs):
    for nb in notebooks:
        r = results[nb.name]
        failed = f", {r['failed']} failed" if r["failed"] else ""
        wall = f"median wall time {statistics.median(r['walls']):.1f} s " if r["walls"] else ""
        print(f"\n## {nb.name}: {wall}({runs} run{'s' if runs > 1 else ''}{failed})\n")
        print("| figure | median | runs | talk |")
        print("|---|---:|---|---|")
        for name in r["order"]:
            f = r["figures"][name]
            med = median_of(f["values"]) or "-"
            print(f"| {cell(name)} | {cell(med)} | {cell('; '.join(f['values']))} | {cell(f['talk'])} |")


def print_outline(notebooks, results, runs):
    """Per lesson: outline item | this machine | talk."""
    what = f"the median of {runs} runs" if runs > 1 else "one run"
    print(f"Figures on this machine: {what} of each lesson notebook.")
    for nb in notebooks:
        lesson = nb.stem
        r = results[nb.name]
        items = OUTLINE.get(lesson, [])
        print(f"\n### {lesson}\n")
        print("| outline item | this machine | talk |")
        print("|---|---|---|")
        rows = {id(it): [] for it in items}
        unmapped = []
        for name in r["order"]:
            f = r["figures"][name]
            values = f["values"]
            value = median_of(values) or "; ".join(values)
            it = item_for(lesson, name)
            (rows[id(it)] if it is not None else unmapped).append((name, value, f["talk"]))
        for it in items:
            if it.not_shown:
                print(f"| {cell(it.text)} | **not shown**: {cell(it.not_shown)} | {cell(it.talk or '-')} |")
                continue
            first = cell(it.text)
            if it.shown:
                label = "" if it.shown.startswith("described") else "shown: "
                print(f"| {first} | {label}{cell(it.shown)} | {cell(it.talk or '-')} |")
                first = ""
            if it.figures and not rows[id(it)]:
                print(f"| {first} | **no figure printed** (expected: {cell(', '.join(it.figures))}) | - |")
            for name, value, talk in rows[id(it)]:
                print(f"| {first} | {cell(name)} = {cell(value)} | {cell(talk or it.talk or '-')} |")
                first = ""
        for name, value, talk in unmapped:
            print(f"| (not in the outline) | {cell(name)} = {cell(value)} | {cell(talk or '-')} |")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--goconc", help="a goconc binary (default: build one)")
    ap.add_argument("--markdown", action="store_true",
                    help="print per lesson: outline item | this machine | talk")
    ap.add_argument("--committed", action="store_true",
                    help="read the committed notebooks' figures instead of running them")
    ap.add_argument("notebooks", nargs="*")
    args = ap.parse_args()
    notebooks = [pathlib.Path(p).resolve() for p in args.notebooks] or [
        p for p in sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb")) if p.name != "00-welcome.ipynb"]
    if args.committed:
        runs = 1
        results = {}
        for nb in notebooks:
            results[nb.name] = {"walls": [], "figures": {}, "order": [], "failed": 0}
            record(results[nb.name], figures(nb))
    else:
        runs = args.runs
        tmp = tempfile.mkdtemp(prefix="goconc-bench-")
        try:
            binary = args.goconc
            if binary is None:
                binary = os.path.join(tmp, "goconc")
                go = shutil.which("go") or "/usr/local/go/bin/go"
                subprocess.run([go, "build", "-o", binary, "./cmd/goconc"], cwd=ROOT, check=True)
            results = run_notebooks(notebooks, runs, binary, tmp)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    if args.markdown:
        print_outline(notebooks, results, runs)
    else:
        print_figures(notebooks, results, runs)


if __name__ == "__main__":
    main()
