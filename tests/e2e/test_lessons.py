"""The course's notebooks, executed through the kernel by jupyter nbconvert.

Every notebook in notebooks/ is executed with the real command line,
`jupyter nbconvert --to notebook --execute`, as notebooks/refresh.sh does.
A cell that fails without the raises-exception tag fails the run (nbconvert
stops there); a tagged cell that does not fail fails the test, since the
lesson would teach a failure that does not happen; and each code cell's
outputs must be of the same kinds as the committed ones, so the committed
outputs are known to come from the current code.

nbconvert runs with notebooks/nbconvert_config.py, as refresh.sh does: it
interrupts the cells whose metadata asks for it (goconc.interrupt_after).

Run through tests/e2e/run.sh, which builds the kernel and points
JUPYTER_PATH at its kernelspec. GOCONC_LESSONS (names separated by
spaces or commas, such as "02-races 04-deadlocks") limits the run to
those notebooks.
"""

import os
import pathlib
import subprocess
import tempfile
import time
import unittest

import nbformat

ROOT = pathlib.Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
CONFIG = ROOT / "notebooks" / "nbconvert_config.py"


def selected(notebooks):
    """The notebooks GOCONC_LESSONS names, or all of them."""
    names = os.environ.get("GOCONC_LESSONS", "").replace(",", " ").split()
    if not names:
        return notebooks
    chosen = [p for p in notebooks if p.stem in names or p.name in names]
    missing = set(names) - {p.stem for p in chosen} - {p.name for p in chosen}
    if missing:
        raise SystemExit(f"GOCONC_LESSONS names no notebook: {sorted(missing)}")
    return chosen


JUPYTER = "/usr/bin/jupyter"
RAISES = "raises-exception"
# A lesson aims at 40 s; a notebook stopped here has a real problem.
NOTEBOOK_TIMEOUT = 300


# The kinds of output compared: text, rich display, a result, an error.
KINDS = {"stream": "stream", "display_data": "display", "update_display_data": "display",
         "execute_result": "result", "error": "error"}


def output_kinds(cell):
    """The kinds of a code cell's outputs, as a sorted list without
    repeats. Only kinds count: text is cut into messages differently from
    run to run, and a failing cell's runtime may write its report to
    stdout or stderr."""
    return sorted({KINDS.get(out["output_type"], out["output_type"]) for out in cell.get("outputs", [])})


def code_cells(nb):
    return [c for c in nb.cells if c.cell_type == "code"]


def label(cell, index):
    first = cell.source.strip().splitlines()[0] if cell.source.strip() else ""
    return f"code cell {index + 1} ({cell.get('id', '?')}: {first[:50]!r})"


class LessonNotebooks(unittest.TestCase):
    def test_every_notebook(self):
        self.assertTrue(NOTEBOOKS, "no notebooks in notebooks/")
        outdir = tempfile.mkdtemp(prefix="lessons-", dir=os.environ.get("GOCONC_E2E_TMP"))
        for path in selected(NOTEBOOKS):
            with self.subTest(notebook=path.name):
                self.check_notebook(path, pathlib.Path(outdir))

    def check_notebook(self, path, outdir):
        start = time.monotonic()
        proc = subprocess.run(
            [JUPYTER, "nbconvert", "--config", str(CONFIG), "--to", "notebook", "--execute",
             "--ExecutePreprocessor.kernel_name=goconc",
             "--output-dir", str(outdir), str(path)],
            cwd=path.parent, capture_output=True, text=True, timeout=NOTEBOOK_TIMEOUT,
        )
        elapsed = time.monotonic() - start
        print(f"{path.name}: executed in {elapsed:.1f} s", flush=True)
        self.assertEqual(proc.returncode, 0,
                         f"nbconvert failed on {path.name} (a cell failed without the "
                         f"{RAISES} tag?):\n{proc.stderr[-4000:]}")
        committed = nbformat.read(path, as_version=4)
        executed = nbformat.read(outdir / path.name, as_version=4)
        old, new = code_cells(committed), code_cells(executed)
        self.assertEqual(len(old), len(new))
        for i, (c, e) in enumerate(zip(old, new)):
            where = f"{path.name}, {label(c, i)}"
            failed = any(o["output_type"] == "error" for o in e.get("outputs", []))
            if RAISES in c.metadata.get("tags", []):
                self.assertTrue(failed, f"{where} is tagged {RAISES} but did not fail")
            else:
                self.assertFalse(failed, f"{where} failed")
            self.assertEqual(
                output_kinds(c), output_kinds(e),
                f"{where}: the committed outputs differ in kind from a fresh run's: "
                f"run notebooks/refresh.sh {path.relative_to(ROOT)} and commit")


if __name__ == "__main__":
    unittest.main()
