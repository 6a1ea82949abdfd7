"""The goconc kernel in Jupyter Notebook, used through headless Chromium.

The test starts Debian's Jupyter Notebook 6 server on a loopback port,
opens a goconc notebook in Chromium driven by chromedriver (the W3C
WebDriver protocol spoken over HTTP), types a cell, runs it with
Shift+Enter, reads its output from the page, then interrupts a long cell
with the toolbar's interrupt button. A screenshot and the server's log are
kept in the run's temporary directory when it fails.

Run through tests/e2e/run.sh, which builds the kernel and points
JUPYTER_PATH at its kernelspec. Chromium and chromedriver come from
Debian's chromium and chromium-driver packages (./install.sh --with-test-deps).
"""

import base64
import json
import os
import pathlib
import secrets
import socket
import subprocess
import tempfile
import time
import unittest
import urllib.error
import urllib.request

import nbformat
from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

JUPYTER = "/usr/bin/jupyter"
CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
KERNEL = "goconc"

# WebDriver's names for keys that have no character of their own.
SHIFT = "\ue008"
ENTER = "\ue007"


def setUpModule():
    for path, package in ((CHROMIUM, "chromium"), (CHROMEDRIVER, "chromium-driver")):
        if not os.access(path, os.X_OK):
            raise RuntimeError(f"{path} is missing: install Debian's {package} (./install.sh --with-test-deps)")
    try:
        KernelSpecManager().get_kernel_spec(KERNEL)
    except NoSuchKernel:
        raise RuntimeError(
            "no goconc kernelspec on JUPYTER_PATH: run these tests through tests/e2e/run.sh"
        ) from None


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(what, probe, timeout, interval=0.25):
    """Calls probe until it returns something true and returns that."""
    deadline = time.monotonic() + timeout
    last_error = None
    while time.monotonic() < deadline:
        try:
            got = probe()
            if got:
                return got
        except (OSError, WebDriverError) as e:
            last_error = e
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}" + (f" ({last_error})" if last_error else ""))


class WebDriverError(Exception):
    pass


class WebDriver:
    """A client for the parts of the W3C WebDriver protocol the test uses."""

    def __init__(self, url):
        self.url = url.rstrip("/")
        self.session = None

    def call(self, method, path, body=None, timeout=60):
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(
            self.url + path, data=data, method=method, headers={"Content-Type": "application/json"}
        )
        try:
            with urllib.request.urlopen(req, timeout=timeout) as resp:
                reply = json.load(resp)
        except urllib.error.HTTPError as e:
            try:
                value = json.load(e).get("value", {})
            except ValueError:
                value = {}
            raise WebDriverError(f"{method} {path}: {e.code} {value.get('error')}: {value.get('message')}") from None
        return reply.get("value")

    def start(self, capabilities):
        value = self.call("POST", "/session", {"capabilities": {"alwaysMatch": capabilities}})
        self.session = value["sessionId"]

    def quit(self):
        if self.session:
            try:
                self.call("DELETE", f"/session/{self.session}", timeout=30)
            finally:
                self.session = None

    def _s(self, path, method="GET", body=None):
        return self.call(method, f"/session/{self.session}{path}", body)

    def get(self, url):
        self._s("/url", "POST", {"url": url})

    def script(self, source, *args):
        return self._s("/execute/sync", "POST", {"script": source, "args": list(args)})

    def find(self, css):
        """Returns the ids of the elements css selects, maybe none."""
        found = self._s("/elements", "POST", {"using": "css selector", "value": css})
        return [next(iter(e.values())) for e in found]

    def click(self, element):
        self._s(f"/element/{element}/click", "POST", {})

    def text(self, element):
        return self._s(f"/element/{element}/text")

    def type_keys(self, keys):
        """Presses and releases each key in turn, into whatever has focus."""
        actions = []
        for k in keys:
            actions += [{"type": "keyDown", "value": k}, {"type": "keyUp", "value": k}]
        self._s("/actions", "POST", {"actions": [{"type": "key", "id": "keyboard", "actions": actions}]})

    def chord(self, *keys):
        """Holds keys down together, as for Shift+Enter."""
        actions = [{"type": "keyDown", "value": k} for k in keys]
        actions += [{"type": "keyUp", "value": k} for k in reversed(keys)]
        self._s("/actions", "POST", {"actions": [{"type": "key", "id": "keyboard", "actions": actions}]})

    def screenshot(self, path):
        png = self._s("/screenshot")
        pathlib.Path(path).write_bytes(base64.b64decode(png))


class TestNotebookInBrowser(unittest.TestCase):
    def setUp(self):
        self.dir = pathlib.Path(tempfile.mkdtemp(prefix="browser-", dir=os.environ.get("GOCONC_E2E_TMP")))
        notebooks = self.dir / "notebooks"
        notebooks.mkdir()
        nb = nbformat.v4.new_notebook(
            cells=[nbformat.v4.new_code_cell("")],
            metadata={"kernelspec": {"name": KERNEL, "display_name": "Go (goconc)", "language": "go"}},
        )
        nbformat.write(nb, notebooks / "browser.ipynb")

        self.token = secrets.token_hex(16)
        port = free_port()
        self.base = f"http://127.0.0.1:{port}"
        self.server_log = open(self.dir / "notebook-server.log", "wb")
        self.addCleanup(self.server_log.close)
        # Debian ships Notebook 6, configured through NotebookApp.
        argv = [
            JUPYTER, "notebook", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
            "--port-retries=0", f"--NotebookApp.token={self.token}",
            f"--NotebookApp.notebook_dir={notebooks}",
        ]
        if os.geteuid() == 0:  # CI machines run as root; the server refuses that unless told
            argv.append("--allow-root")
        self.server = subprocess.Popen(
            argv,
            stdout=self.server_log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
        )
        self.addCleanup(self.stop, self.server)
        wait_for(
            "the notebook server",
            lambda: urllib.request.urlopen(f"{self.base}/api/status?token={self.token}", timeout=5).status == 200,
            timeout=60,
        )

        driver_port = free_port()
        self.driver_log = self.dir / "chromedriver.log"
        self.chromedriver = subprocess.Popen(
            [CHROMEDRIVER, f"--port={driver_port}", f"--log-path={self.driver_log}"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL,
        )
        self.addCleanup(self.stop, self.chromedriver)
        self.wd = WebDriver(f"http://127.0.0.1:{driver_port}")
        wait_for("chromedriver", lambda: self.wd.call("GET", "/status", timeout=5).get("ready"), timeout=30)
        self.wd.start({
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": CHROMIUM,
                "args": [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", f"--user-data-dir={self.dir / 'chromium-profile'}",
                    "--window-size=1280,900",
                ],
            },
        })
        self.addCleanup(self.wd.quit)

    @staticmethod
    def stop(proc):
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()

    def fail_with_evidence(self, err):
        """Fails the test, keeping a picture of the page and the server's log."""
        shot = self.dir / "failure.png"
        try:
            self.wd.screenshot(shot)
        except Exception as e:  # the browser may be what broke
            shot = f"none ({e})"
        self.server_log.flush()
        log = (self.dir / "notebook-server.log").read_text(errors="replace")[-3000:]
        raise AssertionError(f"{err}\nscreenshot: {shot}\nnotebook server log ends:\n{log}") from err

    def output_text(self, cell_index):
        return self.wd.script(
            "const cells = document.querySelectorAll('#notebook-container .cell');"
            "const cell = cells[arguments[0]];"
            "if (!cell) return '';"
            "const out = cell.querySelector('.output');"
            "return out ? out.innerText : '';",
            cell_index,
        )

    def test_run_cell(self):
        try:
            self.run_cell_and_interrupt()
        except (AssertionError, WebDriverError, OSError) as e:
            self.fail_with_evidence(e)

    def run_cell_and_interrupt(self):
        wd = self.wd
        wd.get(f"{self.base}/notebooks/browser.ipynb?token={self.token}")

        # The page starts a goconc kernel and shows its name and state.
        wait_for("the kernel to be idle", lambda: wd.find("#kernel_indicator_icon.kernel_idle_icon"), timeout=90)
        name = wd.find(".kernel_indicator_name")
        self.assertEqual(wd.text(name[0]), "Go (goconc)")

        # Type into the first cell as a person would and run it.
        editor = wait_for("the cell editor", lambda: wd.find("#notebook-container .cell .CodeMirror"), timeout=30)
        wd.click(editor[0])
        wd.type_keys('import "fmt"')
        wd.type_keys(ENTER)
        wd.type_keys('fmt.Println("hello from the browser:", 6*7)')
        wd.chord(SHIFT, ENTER)
        out = wait_for("the cell's output", lambda: self.output_text(0), timeout=60)
        self.assertIn("hello from the browser: 42", out)
        prompt = wd.script("return document.querySelector('#notebook-container .cell .input_prompt').innerText")
        self.assertRegex(prompt, r"In\s*\[1\]")

        # Shift+Enter left a new cell selected: run a long cell there and
        # stop it with the toolbar's interrupt button.
        wd.type_keys('import "time"')
        wd.type_keys(ENTER)
        wd.type_keys("time.Sleep(10 * time.Minute)")
        wd.chord(SHIFT, ENTER)
        wait_for("the kernel to be busy", lambda: wd.find("#kernel_indicator_icon.kernel_busy_icon"), timeout=30)
        interrupt = wd.find('button[data-jupyter-action="jupyter-notebook:interrupt-kernel"]')
        self.assertTrue(interrupt, "no interrupt button in the toolbar")
        wd.click(interrupt[0])
        out = wait_for("the interrupted cell's error", lambda: self.output_text(1), timeout=30)
        self.assertIn("Interrupted", out)
        wait_for("the kernel to be idle again", lambda: wd.find("#kernel_indicator_icon.kernel_idle_icon"), timeout=30)

        # The kernel survived the interrupt and kept the cells' state. The
        # button took the focus: click into the new cell's editor first.
        editors = wd.find("#notebook-container .cell .CodeMirror")
        self.assertEqual(len(editors), 3, "Shift+Enter on the last cell did not add a cell")
        wd.click(editors[2])
        wd.type_keys('fmt.Println("still here")')
        wd.chord(SHIFT, ENTER)
        out = wait_for("the last cell's output", lambda: self.output_text(2), timeout=60)
        self.assertIn("still here", out)
        wd.screenshot(self.dir / "done.png")


if __name__ == "__main__":
    unittest.main()
