"""The committed course notebooks, read without running them.

- Prose stays true on every run: a Markdown cell does not quote a
  number that the code cell before it printed (a timing, a lost-update
  count), since the next run prints another; it describes the shape
  instead ("a different wrong total each run", "about 2x"). See
  notebooks/README.md, "Prose about measurements".
- Every figure line (`figure: NAME = VALUE`) has a name of its own in its
  notebook, so tests/bench/lessons.py takes its median over runs of the
  bench, never over lines of one run.
- Every figure belongs to one item of the course outline
  (tests/bench/outline.py), and every item that names figures has them.
- A lesson ends with its exercise: the heading with a link to its graded
  exercise, the starting point, the self-check.
- The README's course section lists the lessons in order.

These read files only, in well under a second.
"""

import json
import pathlib
import re
import subprocess
import sys
import unittest

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "bench"))

import lessons  # noqa: E402
from outline import OUTLINE, item_for  # noqa: E402

NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
LESSONS = [p for p in NOTEBOOKS if p.name != "00-welcome.ipynb"]

# A number as prose and programs write it: 10,000 or 10000 or 1.72.
NUMBER = re.compile(r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?")
REVIEWED = "numbers-not-from-this-run"  # tag of a Markdown cell whose numbers were checked by hand
TALK = re.compile(r"\[talk: [^\]]*\]")
FENCE = re.compile(r"```.*?```", re.S)


def load(path):
    return json.loads(path.read_text())


def source(cell):
    s = cell["source"]
    return s if isinstance(s, str) else "".join(s)


def stream_text(cell):
    text = []
    for out in cell.get("outputs", []):
        if out.get("output_type") == "stream":
            t = out["text"]
            text.append(t if isinstance(t, str) else "".join(t))
    return "".join(text)


def numbers(text):
    """The numbers in text, as floats."""
    return {float(m[1].replace(",", "") + (m[2] or "")) for m in NUMBER.finditer(text)}


def quotable(value):
    """Whether prose quoting value is likely quoting a run's measurement:
    a fraction, or a whole number of 100 or more (smaller whole numbers are
    counts the lesson sets, like 2 cores or 10 workers)."""
    return value != int(value) or value >= 100


def run_quotes(nb):
    """(cell index, number as written, excerpt) for each number a Markdown
    cell quotes from the output of the code cell before it. A number the
    notebook's code writes (a constant), a figure's name holds (a version,
    a size) or a talk's figure gives is not a run's measurement."""
    fixed = set()
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            fixed |= numbers(source(cell))
            for line in stream_text(cell).splitlines():
                m = lessons.FIGURE.match(line.strip())
                if m:
                    fixed |= numbers(m["name"]) | numbers(m["talk"] or "")
    found, printed = [], set()
    for i, cell in enumerate(nb["cells"]):
        if cell["cell_type"] == "code":
            printed = numbers(TALK.sub("", stream_text(cell)))
            continue
        if cell["cell_type"] != "markdown":
            continue
        if REVIEWED in cell.get("metadata", {}).get("tags", []):
            # Numbers read against an earlier run (a range seen over many
            # runs, a talk's list): a later run may print one of them.
            printed = set()
            continue
        prose = FENCE.sub("", source(cell))
        for m in NUMBER.finditer(prose):
            v = float(m[1].replace(",", "") + (m[2] or ""))
            if v in printed and v not in fixed and quotable(v):
                found.append((i, m[0], prose[max(0, m.start() - 60):m.end() + 20].replace("\n", " ")))
        printed = set()  # only the Markdown right after a code cell speaks of its output
    return found


class NotebookProse(unittest.TestCase):
    def test_numbers(self):
        self.assertEqual(numbers("lost 1,574,242 of 10000 in 1.72 s"), {1574242.0, 10000.0, 1.72})

    def test_finds_a_quoted_run(self):
        nb = {"cells": [
            {"cell_type": "code", "source": "fmt.Println(racy(10, 1000))",
             "outputs": [{"output_type": "stream", "text": "9065\n"}]},
            {"cell_type": "markdown", "source": "Here it is 9,065, out of 10,000."},
        ]}
        self.assertEqual([q[1] for q in run_quotes(nb)], ["9,065"])
        nb["cells"][1]["source"] = "A different wrong total each run, short of 10,000."
        self.assertEqual(run_quotes(nb), [])

    def test_prose_quotes_no_run(self):
        for path in NOTEBOOKS:
            with self.subTest(notebook=path.name):
                quotes = run_quotes(load(path))
                self.assertEqual(quotes, [], f"{path.name}: Markdown quotes numbers the cell above printed, "
                                 "which the next run changes; describe the shape instead "
                                 "(notebooks/README.md, \"Prose about measurements\")")


def figure_names(nb):
    """The names of a notebook's figure lines, as printed (repeats kept)."""
    names = []
    for cell in nb["cells"]:
        for line in stream_text(cell).splitlines():
            m = lessons.FIGURE.match(line.strip())
            if m:
                names.append(m["name"])
    return names


class Figures(unittest.TestCase):
    def test_names_unique(self):
        for path in LESSONS:
            with self.subTest(notebook=path.name):
                names = figure_names(load(path))
                dup = sorted({n for n in names if names.count(n) > 1})
                self.assertEqual(dup, [], f"{path.name}: figure names printed more than once in one run: "
                                 "give each figure its own name")

    def test_outline_covers_figures(self):
        self.assertEqual(sorted(OUTLINE), sorted(p.stem for p in LESSONS))
        for path in LESSONS:
            lesson = path.stem
            with self.subTest(notebook=path.name):
                names = figure_names(load(path))
                self.assertTrue(names, f"{path.name} prints no figure")
                unmapped = [n for n in names if item_for(lesson, n) is None]
                self.assertEqual(unmapped, [], f"{path.name}: figures in no outline item of tests/bench/outline.py")
                for item in OUTLINE[lesson]:
                    self.assertTrue(item.figures or item.shown or item.not_shown,
                                    f"{lesson}: {item.text!r} says neither where it is shown nor why not")
                    for prefix in item.figures:
                        self.assertTrue(any(n.startswith(prefix) for n in names),
                                        f"{lesson}: no figure named {prefix!r}... for {item.text!r}")

    def test_markdown_table(self):
        out = subprocess.run([sys.executable, str(ROOT / "tests" / "bench" / "lessons.py"),
                              "--committed", "--markdown"], capture_output=True, text=True, check=True).stdout
        for path in LESSONS:
            self.assertIn(f"### {path.stem}\n\n| outline item | this machine | talk |", out)
        self.assertNotIn("no figure printed", out)
        self.assertNotIn("(not in the outline)", out)

    def test_median(self):
        cases = [
            (["1.95 s", "2.10 s", "1.80 s"], "1.95 s"),
            (["1,574,242", "1,000,000", "2,000,000"], "1,574,242"),
            (["20.342ms (idle: 210µs)", "11.3ms (idle: 1.1ms)", "2s (idle: 900µs)"], "20.34ms (idle: 900µs)"),
            (["28.5 days", "2.0 months", "10 days"], "28.5 days"),
            (["alone 0s, beside 5.95ms", "alone 0s, beside 6.1ms"], "alone 0s, beside 6.025ms"),
            (["sequential 0.035s"], "sequential 0.035s"),
            (["[6 0 0] [6 0 0]", "[6 0 0] [6 0 0]"], "[6 0 0] [6 0 0]"),
            (["0.70 s, per worker [2 2 2]", "0.80 s, per worker [2 2 2]"], "0.75 s, per worker [2 2 2]"),
            (["0.40 s, per worker [1 0]", "0.50 s, per worker [0 1]"], "0.45 s, per worker [varies]"),
            (["[0 6 0] [6 0 0]", "[6 0 0] [6 0 0]"], None),
            (["connecting, connected", "connecting, connected"], None),
            (["3 answers", "2 prices"], None),
        ]
        for values, want in cases:
            with self.subTest(values=values):
                self.assertEqual(lessons.median_of(values), want)

    def test_repeated_name_numbered(self):
        found = lessons.distinct([("a", "1", ""), ("a", "2", ""), ("b", "3", "")], "x.ipynb")
        self.assertEqual([f[0] for f in found], ["a", "a (2)", "b"])


EXERCISE_HEADING = re.compile(r"(?m)^## Exercise: [a-z0-9-]+\s*$")
RELEASE_LINK = re.compile(r"\]\(\.\./exercises/release/([a-z0-9-]+)\.ipynb\)")


class LessonShape(unittest.TestCase):
    def test_ends_with_exercise(self):
        for path in LESSONS:
            with self.subTest(notebook=path.name):
                cells = load(path)["cells"]
                heading, start, check = cells[-3:]
                self.assertEqual(heading["cell_type"], "markdown")
                self.assertRegex(source(heading), EXERCISE_HEADING,
                                 f"{path.name}: the third cell from the end is not the exercise heading")
                self.assertTrue(source(heading).lstrip().startswith("## Exercise: "),
                                f"{path.name}: the exercise heading cell holds other text before it")
                for link in RELEASE_LINK.findall(source(heading)):
                    self.assertTrue((ROOT / "exercises" / "release" / f"{link}.ipynb").exists(), link)
                self.assertTrue(RELEASE_LINK.search(source(heading)),
                                f"{path.name}: the exercise does not link a graded exercise in exercises/release/")
                self.assertIn("exercise", start.get("metadata", {}).get("tags", []))
                self.assertIn("self-check", check.get("metadata", {}).get("tags", []))

    def test_readme_lists_lessons_in_order(self):
        readme = (ROOT / "README.md").read_text()
        section = readme.split("\n## The course\n", 1)[1].split("\n## ", 1)[0]
        listed = re.findall(r"^\| \[[^\]]+\]\(notebooks/([0-9][0-9]-[a-z-]+)\.ipynb\) \| .+ \|$", section, re.M)
        self.assertEqual(listed, [p.stem for p in LESSONS])


if __name__ == "__main__":
    unittest.main()
