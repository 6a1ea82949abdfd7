"""Nothing a cell does takes the goconc kernel down.

Each fault runs in a cell through jupyter_client; the cell must end with an
error that says what happened, and a following cell must still run. Where
the interpreter survives, state from before the fault must be kept; where
it had to be restarted, the error must say that its state was lost.
"""

import os
import time
import unittest

from test_client import KernelCase, TIMEOUT


class FaultTest(KernelCase):
    @classmethod
    def setUpClass(cls):
        # A small memory limit keeps the out-of-memory case quick.
        os.environ["GOCONC_MEMORY_LIMIT"] = "512MiB"
        try:
            super().setUpClass()
        finally:
            del os.environ["GOCONC_MEMORY_LIMIT"]

    def error_of(self, code):
        reply, msgs = self.run_cell(code)
        self.assertEqual(reply["content"]["status"], "error", f"cell {code!r} did not fail")
        errors = [m["content"] for m in msgs if m["msg_type"] == "error"]
        self.assertEqual(len(errors), 1, msgs)
        return errors[0], msgs

    def assert_alive(self, keep):
        """A cell still runs; keep says whether the earlier state must be there."""
        reply, msgs = self.run_cell("1 + 1")
        self.assertEqual(reply["content"]["status"], "ok")
        reply, msgs = self.run_cell("marker")
        if keep:
            self.assertEqual(reply["content"]["status"], "ok", "state was lost")
        else:
            self.assertEqual(reply["content"]["status"], "error", "state should have been lost")
        self.run_cell('import ("fmt"; "os"; "sync"; "time")\nvar _ = fmt.Sprint\nvar _ = os.Getpid\nvar _ sync.Mutex\nvar _ = time.Now\nmarker := 1')

    def setUp(self):
        super().setUp()
        reply, _ = self.run_cell('import ("fmt"; "os"; "sync"; "time")\nvar _ = fmt.Sprint\nvar _ = os.Getpid\nvar _ sync.Mutex\nvar _ = time.Now\nmarker := 1')
        self.assertEqual(reply["content"]["status"], "ok")

    def test_panic(self):
        err, _ = self.error_of('panic("boom")')
        self.assertIn("boom", err["evalue"])
        self.assert_alive(keep=True)

    def test_panic_in_goroutine(self):
        err, _ = self.error_of('go func() { panic("from a goroutine") }()\ntime.Sleep(time.Second)')
        self.assertIn("from a goroutine", err["evalue"])
        self.assert_alive(keep=True)

    def test_concurrent_map_writes(self):
        err, _ = self.error_of("m := map[int]int{}\nfor i := 0; i < 4; i++ {\n\tgo func() { for { m[i]++ } }()\n}\ntime.Sleep(5 * time.Second)")
        self.assertIn("concurrent map", err["evalue"])
        self.assertIn("lost", "\n".join(err["traceback"]))
        self.assert_alive(keep=False)

    def test_stack_overflow(self):
        err, _ = self.error_of("func down(n int) int { return down(n+1) + 1 }\ndown(0)")
        self.assertIn("stack", err["evalue"])
        self.assert_alive(keep=False)

    def test_os_exit(self):
        err, _ = self.error_of("os.Exit(3)")
        self.assertIn("os.Exit(3)", err["evalue"])
        self.assert_alive(keep=True)

    def test_memory_limit(self):
        # One byte per page commits the memory as surely as every byte
        # does, and keeps the interpreted loop short on a busy machine.
        err, _ = self.error_of("var keep [][]byte\nfor {\n\tb := make([]byte, 1<<20)\n\tfor i := 0; i < len(b); i += 4096 { b[i] = 1 }\n\tkeep = append(keep, b)\n}")
        self.assertEqual(err["ename"], "MemoryLimit")
        self.assertIn("512 MiB", err["evalue"])
        self.assert_alive(keep=False)

    def test_deadlock(self):
        start = time.monotonic()
        err, _ = self.error_of("var a, b sync.Mutex\nvar wg sync.WaitGroup\nwg.Add(2)\ngo func() { defer wg.Done(); a.Lock(); time.Sleep(50 * time.Millisecond); b.Lock() }()\ngo func() { defer wg.Done(); b.Lock(); time.Sleep(50 * time.Millisecond); a.Lock() }()\nwg.Wait()")
        self.assertLess(time.monotonic() - start, 2 + 0.2)
        report = "\n".join(err["traceback"])
        self.assertIn("all goroutines are asleep - deadlock!", report)
        self.assertIn("sync.Mutex.Lock", report)
        self.assertIn("the lock is held by goroutine", report)
        self.assert_alive(keep=True)

    def interrupt(self, code):
        msg_id = self.kc.execute(code)
        time.sleep(0.5)
        start = time.monotonic()
        self.km.interrupt_kernel()
        reply = self.shell_reply(msg_id)
        took = time.monotonic() - start
        self.assertEqual(reply["content"]["status"], "error")
        self.iopub_until_idle(msg_id)
        return reply["content"], took

    def test_interrupt_infinite_loop(self):
        content, took = self.interrupt("n := 0\nfor { n++ }")
        self.assertEqual(content["ename"], "Interrupted")
        self.assertLess(took, 1.5)
        self.assert_alive(keep=True)

    def test_interrupt_blocked_goroutines(self):
        content, took = self.interrupt("var mu sync.Mutex\nmu.Lock()\nvar wg sync.WaitGroup\nfor i := 0; i < 3; i++ {\n\twg.Add(1)\n\tgo func() { defer wg.Done(); mu.Lock() }()\n}\nc := sync.NewCond(&sync.Mutex{})\ngo func() { c.L.Lock(); c.Wait() }()\ngo func() { time.Sleep(time.Hour) }()\nwg.Wait()")
        self.assertEqual(content["ename"], "Interrupted")
        self.assertLess(took, 1.5)
        self.assert_alive(keep=True)


if __name__ == "__main__":
    unittest.main()
