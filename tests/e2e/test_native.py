"""Native cells (%%race, %%native, %%time) through a real Jupyter client.

A native cell is built with the Go toolchain from the declarations of the
cells before it and run as a program; the interpreter's state is untouched.
Builds go to the Go build cache that run.sh warmed with goconc warm.
"""

import json
import os
import subprocess
import time
import unittest

from test_client import KernelCase

BUILD_TIMEOUT = 120  # a cold build under load; a warm one takes about a second


class NativeCase(KernelCase):
    def run_native(self, code):
        """Runs a cell that may take a build's time; returns reply and IOPub."""
        msg_id = self.kc.execute(code)
        deadline = time.monotonic() + BUILD_TIMEOUT
        while time.monotonic() < deadline:
            try:
                msg = self.kc.get_shell_msg(timeout=5)
            except Exception:
                continue
            if msg["parent_header"].get("msg_id") == msg_id:
                return msg, self.iopub_until_idle(msg_id)
        self.fail("no reply to the native cell")

    def ok(self, code):
        reply, msgs = self.run_native(code)
        self.assertEqual(reply["content"]["status"], "ok", reply["content"])
        return reply, msgs


class RaceTest(NativeCase):
    def test_racy_counter_reported_with_cell_lines_every_time(self):
        reply, _ = self.ok('import (\n\t"fmt"\n\t"sync"\n)\n')
        reply, _ = self.ok("var counter int\n\nfunc work(wg *sync.WaitGroup) {\n\tdefer wg.Done()\n"
                           "\tfor i := 0; i < 1000; i++ {\n\t\tcounter++\n\t}\n}\n")
        decl = reply["content"]["execution_count"]
        cell = ("%%race\nvar wg sync.WaitGroup\nfor i := 0; i < 4; i++ {\n\twg.Add(1)\n\tgo work(&wg)\n}\n"
                'wg.Wait()\nfmt.Println("counter:", counter)\n')
        for _ in range(3):
            reply, msgs = self.run_native(cell)
            c = reply["content"]
            self.assertEqual(c["status"], "error")
            self.assertEqual(c["ename"], "DataRace")
            report = "\n".join(c["traceback"])
            self.assertIn("WARNING: DATA RACE", report)
            self.assertIn(f"cell[{decl}]:6", report)  # counter++
            self.assertIn("counter++", report)
            self.assertIn(f"cell[{c['execution_count']}]:5", report)  # go work(&wg)
            self.assertIn("by goroutine", report)
            self.assertNotIn("runtime/", report)
            self.assertNotIn("/src/sync/", report)
            self.assertIn("counter: ", self.stdout(msgs))
            errors = [m for m in msgs if m["msg_type"] == "error"]
            self.assertEqual(len(errors), 1)

    def test_mutex_fixed_counter_clean_in_20_runs(self):
        self.ok('import (\n\t"fmt"\n\t"sync"\n)\n')
        self.ok("type Counter struct {\n\tmu sync.Mutex\n\tn  int\n}\n\n"
                "func (c *Counter) Inc() {\n\tc.mu.Lock()\n\tc.n++\n\tc.mu.Unlock()\n}\n")
        reply, msgs = self.ok("%%race -count 20\nvar c Counter\nvar wg sync.WaitGroup\n"
                              "for i := 0; i < 4; i++ {\n\twg.Add(1)\n\tgo func() {\n\t\tdefer wg.Done()\n"
                              "\t\tfor j := 0; j < 1000; j++ {\n\t\t\tc.Inc()\n\t\t}\n\t}()\n}\n"
                              'wg.Wait()\nfmt.Println("n =", c.n)\n')
        out = self.stdout(msgs)
        self.assertIn("n = 4000\n", out)
        self.assertIn("No data race found (20 runs under the race detector).", out)


class NativeTest(NativeCase):
    PRIMES = ("func isPrime(n int) bool {\n\tif n < 2 {\n\t\treturn false\n\t}\n"
              "\tfor d := 2; d*d <= n; d++ {\n\t\tif n%d == 0 {\n\t\t\treturn false\n\t\t}\n\t}\n\treturn true\n}\n\n"
              "func countPrimes(limit int) int {\n\tn := 0\n\tfor i := 0; i < limit; i++ {\n"
              "\t\tif isPrime(i) {\n\t\t\tn++\n\t\t}\n\t}\n\treturn n\n}\n")

    def test_native_primes_match_interpreted(self):
        self.ok('import "fmt"\n')
        self.ok(self.PRIMES)
        _, msgs = self.ok("fmt.Println(countPrimes(20000))")
        interpreted = self.stdout(msgs)
        _, msgs = self.ok("%%native\nfmt.Println(countPrimes(20000))")
        self.assertEqual(self.stdout(msgs), interpreted)
        self.assertEqual(interpreted, "2262\n")

    def test_earlier_type_and_function_build(self):
        self.ok('import (\n\t"fmt"\n\t"strings"\n)\n')
        self.ok("type Greeter struct{ Name string }\n\n"
                'func (g Greeter) Greet() string { return "hello, " + g.Name }\n\n'
                "func shout(s string) string { return strings.ToUpper(s) }\n")
        _, msgs = self.ok('%%native\ng := Greeter{Name: "gopher"}\nfmt.Println(shout(g.Greet()))')
        self.assertEqual(self.stdout(msgs), "HELLO, GOPHER\n")

    def test_statement_variable_named_error(self):
        reply, _ = self.ok('import "fmt"\nlimit := 10\n')
        setter = reply["content"]["execution_count"]
        reply, _ = self.run_native("%%native\nfmt.Println(limit * 2)")
        c = reply["content"]
        self.assertEqual(c["status"], "error")
        self.assertEqual(c["ename"], "CompileError")
        text = "\n".join(c["traceback"])
        self.assertIn(f"cell[{c['execution_count']}]:2:", text)
        self.assertIn("limit", text)
        self.assertIn(f"cell[{setter}]", text)
        self.assertIn("var limit", text)
        # The interpreter still has it.
        _, msgs = self.ok("fmt.Println(limit)")
        self.assertEqual(self.stdout(msgs), "10\n")

    def test_compile_error_in_cell_coordinates(self):
        reply, _ = self.run_native('%%native\nimport "fmt"\n\nfmt.Println(undefinedThing)\n')
        c = reply["content"]
        self.assertEqual(c["ename"], "CompileError")
        self.assertIn(f"cell[{c['execution_count']}]:4:13: undefined: undefinedThing", "\n".join(c["traceback"]))

    def test_deadlock_mapped_to_cell(self):
        reply, _ = self.run_native("%%native\nch := make(chan int)\nch <- 1\n")
        c = reply["content"]
        self.assertEqual(c["ename"], "Deadlock")
        text = "\n".join(c["traceback"])
        self.assertIn("all goroutines are asleep - deadlock!", text)
        self.assertIn(f"cell[{c['execution_count']}]:3", text)

    def test_interrupt_within_a_second_keeps_state(self):
        self.ok('import "fmt"\nkept := "still here"\n')
        msg_id = self.kc.execute('%%native\nimport "fmt"\nfmt.Println("spinning")\nfor {\n}\n')
        deadline = time.monotonic() + BUILD_TIMEOUT
        while True:  # the program runs once its first line is out
            msg = self.kc.get_iopub_msg(timeout=BUILD_TIMEOUT)
            if msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "stream":
                break
            self.assertLess(time.monotonic(), deadline)
        start = time.monotonic()
        self.km.interrupt_kernel()
        reply = self.shell_reply(msg_id)
        self.assertLess(time.monotonic() - start, 1.0)
        self.assertEqual(reply["content"]["ename"], "Interrupted")
        _, msgs = self.ok("fmt.Println(kept)")
        self.assertEqual(self.stdout(msgs), "still here\n")

    def test_time_interpreted_and_native(self):
        _, msgs = self.ok('%%time\nimport "fmt"\nfmt.Println("timed")')
        out = self.stdout(msgs)
        self.assertTrue(out.startswith("timed\n"), out)
        self.assertIn("Wall time: ", out)
        self.assertIn("CPU times: user ", out)
        _, msgs = self.ok('%%time\n%%native\nimport "fmt"\nfmt.Println("timed natively")')
        out = self.stdout(msgs)
        self.assertTrue(out.startswith("timed natively\n"), out)
        self.assertIn("CPU times: user ", out)
        self.assertIn("Wall time: ", out)

    def test_display_from_native_cell(self):
        _, msgs = self.ok('%%native\nimport (\n\t"fmt"\n\t"goconc/display"\n)\n'
                          'fmt.Println("before")\ndisplay.HTML("<b>native</b>")\nfmt.Println("after")\n')
        kinds = [m["msg_type"] for m in msgs if m["msg_type"] in ("stream", "display_data")]
        self.assertIn("display_data", kinds)
        shown = [m for m in msgs if m["msg_type"] == "display_data"][0]
        self.assertEqual(shown["content"]["data"]["text/html"], "<b>native</b>")
        self.assertEqual(self.stdout(msgs), "before\nafter\n")

    def test_completion_and_inspection(self):
        msg_id = self.kc.complete("%%r", 3)
        reply = self.shell_reply(msg_id)["content"]
        self.assertEqual(reply["matches"], ["%%race"])
        self.assertEqual((reply["cursor_start"], reply["cursor_end"]), (0, 3))
        msg_id = self.kc.complete("%%", 2)
        self.assertEqual(sorted(self.shell_reply(msg_id)["content"]["matches"]), ["%%native", "%%race", "%%time"])
        msg_id = self.kc.inspect("%%race -count 5\nx := 1", 3)
        reply = self.shell_reply(msg_id)["content"]
        self.assertTrue(reply["found"])
        self.assertIn("go build -race", reply["data"]["text/plain"])

    def test_unknown_magic(self):
        reply, _ = self.run_native("%%racy\n1")
        self.assertEqual(reply["content"]["ename"], "MagicError")
        self.assertIn("%%race", reply["content"]["evalue"])


class RunNotebookTest(unittest.TestCase):
    """goconc run honours the magics as the kernel does."""

    def test_goconc_run(self):
        tmp = os.environ["GOCONC_E2E_TMP"]
        cells = [
            'import (\n\t"fmt"\n\t"sync"\n)\n',
            "var total int\n\nfunc add(wg *sync.WaitGroup) {\n\tdefer wg.Done()\n\ttotal++\n}\n",
            '%%native\nfmt.Println("native", total)\n',
            "%%race\nvar wg sync.WaitGroup\nfor i := 0; i < 4; i++ {\n\twg.Add(1)\n\tgo add(&wg)\n}\nwg.Wait()\n",
        ]
        nb = {
            "cells": [{"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None, "source": c}
                      for c in cells],
            "metadata": {"kernelspec": {"name": "goconc", "display_name": "Go", "language": "go"}},
            "nbformat": 4, "nbformat_minor": 5,
        }
        path = os.path.join(tmp, "native.ipynb")
        out = os.path.join(tmp, "native-out.ipynb")
        with open(path, "w") as f:
            json.dump(nb, f)
        p = subprocess.run([os.environ["GOCONC_BIN"], "run", "--out", out, path],
                           capture_output=True, text=True, timeout=BUILD_TIMEOUT)
        self.assertEqual(p.returncode, 1, p.stderr)  # the race fails the run
        self.assertIn("native 0\n", p.stdout)
        self.assertIn("WARNING: DATA RACE", p.stderr)
        self.assertIn("cell[2]:5", p.stderr)
        self.assertIn("cell[4]:5", p.stderr)
        with open(out) as f:
            done = json.load(f)
        last = done["cells"][3]["outputs"][-1]
        self.assertEqual(last["output_type"], "error")
        self.assertEqual(last["ename"], "DataRace")


if __name__ == "__main__":
    unittest.main()
