"""jupyter console on the goconc kernel, typed at through a pseudo-terminal.

The console runs its full prompt_toolkit interface, as a person sees it;
the test answers its cursor-position queries like a terminal would, types
cells, reads what the screen shows and leaves with Ctrl-D.

Ctrl-C is not tried here: Debian's jupyter_console 6.4.4 loses its SIGINT
handler to prompt_toolkit after the first prompt, so Ctrl-C never reaches
any kernel (jupyter/jupyter_console#296). The browser test interrupts a
cell through the notebook instead.

Run through tests/e2e/run.sh, which builds the kernel and points
JUPYTER_PATH at its kernelspec.
"""

import errno
import fcntl
import os
import pty
import re
import select
import signal
import struct
import termios
import time
import unittest

from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

JUPYTER = "/usr/bin/jupyter"
KERNEL = "goconc"

# Escape sequences a terminal interprets rather than shows: CSI (colours,
# cursor moves), OSC (titles) and two-byte escapes.
ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]")
CURSOR_POSITION_QUERY = b"\x1b[6n"


def setUpModule():
    try:
        KernelSpecManager().get_kernel_spec(KERNEL)
    except NoSuchKernel:
        raise RuntimeError(
            "no goconc kernelspec on JUPYTER_PATH: run these tests through tests/e2e/run.sh"
        ) from None


class Terminal:
    """A program running on a pseudo-terminal, with expect-style reading."""

    def __init__(self, argv, env, rows=40, cols=120):
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child
            try:
                os.execve(argv[0], argv, env)
            finally:
                os._exit(127)
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        self.raw = b""
        self.text = ""  # what was shown, escape sequences removed
        self.pos = 0  # how far expect has consumed text
        self.eof = False
        self.status = None

    def _read(self, timeout):
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return
        try:
            data = os.read(self.fd, 65536)
        except OSError as e:
            if e.errno != errno.EIO:  # EIO: the other side has closed
                raise
            data = b""
        if not data:
            self.eof = True
            return
        tail = self.raw[-len(CURSOR_POSITION_QUERY):]
        self.raw += data
        # Answer each cursor position query, as a terminal would; without an
        # answer prompt_toolkit waits and then complains.
        for _ in range((tail + data).count(CURSOR_POSITION_QUERY)):
            self.send("\x1b[1;1R")
        self.text = ANSI.sub("", self.raw.decode("utf-8", "replace")).replace("\r", "")

    def expect(self, pattern, timeout=30):
        """Waits for pattern (a regex) to appear past what was matched
        before, and returns the match."""
        regex = re.compile(pattern)
        deadline = time.monotonic() + timeout
        while True:
            m = regex.search(self.text, self.pos)
            if m:
                self.pos = m.end()
                return m
            left = deadline - time.monotonic()
            if left <= 0 or self.eof:
                why = "the program ended" if self.eof else f"{timeout} s passed"
                raise AssertionError(
                    f"{why} before {pattern!r} showed; the screen ended with:\n{self.text[-2000:]}"
                )
            self._read(min(left, 0.5))

    def send(self, s):
        os.write(self.fd, s.encode())

    def wait(self, timeout):
        """Waits for the program to exit and returns its exit status."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.status = os.waitstatus_to_exitcode(status)
                return self.status
            self._read(0.2)  # keep the terminal drained
        raise AssertionError(f"still running after {timeout} s; the screen ended with:\n{self.text[-2000:]}")

    def close(self):
        if self.status is None:
            try:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
            except ProcessLookupError:
                pass
        os.close(self.fd)


def kernel_processes():
    """The pids of running goconc kernels built for this run."""
    binary = os.environ.get("GOCONC_BIN")
    if binary:
        binary = os.path.realpath(binary)  # as goconc install writes it
    pids = set()
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/cmdline", "rb") as f:
                argv = f.read().split(b"\0")
        except OSError:
            continue
        if len(argv) > 1 and argv[1] == b"kernel" and (binary is None or argv[0] == binary.encode()):
            pids.add(int(entry))
    return pids


class TestConsole(unittest.TestCase):
    def setUp(self):
        env = dict(os.environ, TERM="xterm-256color", COLUMNS="120", LINES="40")
        self.before = kernel_processes()
        self.term = Terminal([JUPYTER, "console", "--kernel", KERNEL], env)
        self.addCleanup(self.term.close)

    def run_cell(self, code, prompt):
        """Types code at the prompt numbered prompt and presses Enter."""
        self.term.expect(rf"In \[{prompt}\]:", timeout=60)
        self.term.send(code + "\r")

    def test_session(self):
        t = self.term
        self.run_cell('import "fmt"', 1)
        self.run_cell('fmt.Println("sum:", 40+2)', 2)
        t.expect(r"sum: 42\n")

        # State carries from cell to cell; a trailing expression is shown
        # as the cell's Out.
        self.run_cell("x := 21", 3)
        self.run_cell("x * 2", 4)
        t.expect(r"Out\[4\]:\s*42")

        # A failing cell shows its error, and the state survives it.
        self.run_cell("x + undefinedName", 5)
        t.expect(r"undefined: undefinedName")
        self.run_cell('fmt.Println("still", x)', 6)
        t.expect(r"still 21\n")

        # IPython's inspection syntax shows the documentation.
        self.run_cell("fmt.Println?", 7)
        t.expect(r"func Println\(")

        # The kernel's own log stays out of the console (only --debug).
        self.assertNotIn("goconc kernel:", t.text)

        # Ctrl-D asks whether to leave; the console then shuts its kernel down.
        t.expect(r"In \[8\]:", timeout=60)
        t.send("\x04")
        t.expect(r"exit")
        t.send("y\r")
        self.assertEqual(t.wait(timeout=30), 0, t.text[-2000:])

        deadline = time.monotonic() + 15
        while (left := kernel_processes() - self.before) and time.monotonic() < deadline:
            time.sleep(0.2)
        self.assertEqual(left, set(), "kernel still running after the console exited")


if __name__ == "__main__":
    unittest.main()
