"""Notebooks executed on the goconc kernel by nbconvert and by nbclient.

Run through tests/e2e/run.sh, which builds the kernel and points
JUPYTER_PATH at its kernelspec.
"""

import os
import pathlib
import subprocess
import tempfile
import unittest

import nbclient
import nbformat
from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

HERE = pathlib.Path(__file__).resolve().parent
NOTEBOOK = HERE / "testdata" / "e2e.ipynb"
JUPYTER = "/usr/bin/jupyter"
KERNEL = "goconc"
# Generous: the first cell of a fresh kernel starts the interpreter, and
# the machine may be busy with other tests.
CELL_TIMEOUT = 60


def setUpModule():
    try:
        KernelSpecManager().get_kernel_spec(KERNEL)
    except NoSuchKernel:
        raise RuntimeError(
            "no goconc kernelspec on JUPYTER_PATH: run these tests through tests/e2e/run.sh"
        ) from None


def scratch_dir():
    """A fresh directory under the run's temporary directory."""
    return tempfile.mkdtemp(prefix="nb-", dir=os.environ.get("GOCONC_E2E_TMP"))


def code_cell(nb, cell_id):
    for cell in nb.cells:
        if cell.get("id") == cell_id:
            return cell
    raise AssertionError(f"notebook has no cell {cell_id!r}")


def stream_text(cell, name="stdout"):
    return "".join(o["text"] for o in cell.outputs if o.output_type == "stream" and o.name == name)


def outputs_of_type(cell, output_type):
    return [o for o in cell.outputs if o.output_type == output_type]


def write_notebook(path, sources):
    """Writes a goconc notebook whose code cells hold sources."""
    cells = []
    for i, src in enumerate(sources):
        cell = nbformat.v4.new_code_cell(src)
        cell["id"] = f"c{i}"
        cells.append(cell)
    nb = nbformat.v4.new_notebook(
        cells=cells,
        metadata={"kernelspec": {"name": KERNEL, "display_name": "Go (goconc)", "language": "go"}},
    )
    nbformat.write(nb, path)


class ExecutedNotebookChecks:
    """Checks on testdata/e2e.ipynb once executed, by whichever client."""

    def check_executed(self, nb):
        self.assertEqual(nb.metadata.language_info.get("name"), "go", nb.metadata.language_info)
        for cell in nb.cells:
            if cell.cell_type != "code":
                continue
            self.assertEqual(outputs_of_type(cell, "error"), [], f"cell {cell.id} failed")
            self.assertIsInstance(cell.execution_count, int, f"cell {cell.id} has no execution count")

        counts = [c.execution_count for c in nb.cells if c.cell_type == "code"]
        self.assertEqual(counts, sorted(counts), "execution counts out of order")
        self.assertEqual(len(set(counts)), len(counts), "execution counts repeat")

        # Imports, a declaration and a statement in one cell.
        self.assertEqual(stream_text(code_cell(nb, "cell-1")), "ready\n")

        # Goroutines joined by a WaitGroup, using the earlier declaration.
        self.assertEqual(stream_text(code_cell(nb, "cell-2")), "squares: [0 1 4 9 16 25 36 49]\n")

        # Rich output from goconc/display, next to ordinary printing.
        cell = code_cell(nb, "cell-3")
        html = [o.data["text/html"] for o in outputs_of_type(cell, "display_data") if "text/html" in o.data]
        self.assertEqual(len(html), 1, cell.outputs)
        self.assertIn('<b id="goconc-e2e">bold from Go</b>', html[0])
        self.assertEqual(stream_text(cell), "after html\n")

        # A trailing expression becomes the cell's result.
        for cell_id, want in (("cell-4", "25"), ("cell-5", "60")):
            cell = code_cell(nb, cell_id)
            results = outputs_of_type(cell, "execute_result")
            self.assertEqual(len(results), 1, cell.outputs)
            self.assertEqual(results[0].data.get("text/plain"), want)
            self.assertEqual(results[0].execution_count, cell.execution_count)


class TestNbconvert(ExecutedNotebookChecks, unittest.TestCase):
    def nbconvert(self, notebook, *flags):
        out = scratch_dir()
        cmd = [
            JUPYTER, "nbconvert", "--to", "notebook", "--execute",
            f"--ExecutePreprocessor.timeout={CELL_TIMEOUT}",
            "--output-dir", out, "--output", "executed.ipynb", *flags, str(notebook),
        ]
        proc = subprocess.run(cmd, cwd=out, capture_output=True, text=True, timeout=5 * CELL_TIMEOUT)
        return proc, pathlib.Path(out) / "executed.ipynb"

    def test_execute(self):
        proc, executed = self.nbconvert(NOTEBOOK)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.check_executed(nbformat.read(executed, as_version=4))

    def test_errors(self):
        src = pathlib.Path(scratch_dir()) / "errors.ipynb"
        write_notebook(src, [
            "x := 41",
            "x + undefinedName",
            'panic("boom")',
            "x + 1",
        ])

        # Without --allow-errors the first failing cell stops the run.
        proc, _ = self.nbconvert(src)
        self.assertNotEqual(proc.returncode, 0, "nbconvert passed a notebook with a failing cell")
        self.assertIn("undefinedName", proc.stderr)

        proc, executed = self.nbconvert(src, "--allow-errors")
        self.assertEqual(proc.returncode, 0, proc.stderr)
        nb = nbformat.read(executed, as_version=4)

        compile_err = outputs_of_type(code_cell(nb, "c1"), "error")
        self.assertEqual(len(compile_err), 1, code_cell(nb, "c1").outputs)
        self.assertTrue(compile_err[0].ename)
        self.assertIn("undefinedName", compile_err[0].evalue + "\n".join(compile_err[0].traceback))

        panicked = outputs_of_type(code_cell(nb, "c2"), "error")
        self.assertEqual(len(panicked), 1, code_cell(nb, "c2").outputs)
        self.assertIn("boom", panicked[0].evalue + "\n".join(panicked[0].traceback))

        # Neither error lost the state of earlier cells.
        result = outputs_of_type(code_cell(nb, "c3"), "execute_result")
        self.assertEqual([r.data.get("text/plain") for r in result], ["42"])


class TestNbclient(ExecutedNotebookChecks, unittest.TestCase):
    def test_execute(self):
        nb = nbformat.read(NOTEBOOK, as_version=4)
        client = nbclient.NotebookClient(
            nb, kernel_name=KERNEL, timeout=CELL_TIMEOUT, resources={"metadata": {"path": scratch_dir()}},
        )
        client.execute()
        self.check_executed(nb)
        # execute() shuts the kernel down when it is done.
        self.assertIsNone(client.kc)

    def test_reuse_kernel(self):
        """One kernel runs two notebooks in turn and keeps its state."""
        first = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell('greeting := "hello"')])
        second = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell('greeting + ", gopher"')])
        client = nbclient.NotebookClient(
            first, kernel_name=KERNEL, timeout=CELL_TIMEOUT, resources={"metadata": {"path": scratch_dir()}},
        )
        with client.setup_kernel():
            client.execute_cell(first.cells[0], 0)
            client.nb = second
            client.execute_cell(second.cells[0], 0)
        result = outputs_of_type(second.cells[0], "execute_result")
        self.assertEqual([r.data.get("text/plain") for r in result], ['"hello, gopher"'])


if __name__ == "__main__":
    unittest.main()
