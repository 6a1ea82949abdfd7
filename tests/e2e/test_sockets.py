"""No local client can take the goconc kernel down, lock it or stall it.

These tests connect to a kernel started by jupyter_client with raw TCP
sockets (and pyzmq where a real ZeroMQ peer is needed), the way a hostile
or broken client on the same machine could, and check that the kernel's
real client is still served. They also check the requests that must be
answered while a cell runs, and the worker lost between cells.
"""

import glob
import os
import signal
import socket
import struct
import time
import unittest

import zmq
from jupyter_client.manager import KernelManager
from jupyter_client.session import Session

from test_client import KERNEL_NAME, KernelCase, TIMEOUT

GREETING = bytes([0xFF] + [0] * 8 + [0x7F, 3, 0]) + b"NULL".ljust(20, b"\0") + bytes(32)


def ready_command(socket_type, identity=b""):
    body = b"\x05READY" + b"\x0bSocket-Type" + struct.pack(">I", len(socket_type)) + socket_type
    if identity:
        body += b"\x08Identity" + struct.pack(">I", len(identity)) + identity
    return bytes([0x04, len(body)]) + body


def raw_peer(port, socket_type=None):
    """A TCP connection to the kernel; with socket_type, after a handshake."""
    s = socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT)
    if socket_type:
        s.sendall(GREETING + ready_command(socket_type))
    return s


def closed_by_kernel(s, timeout=10):
    """Reads until the kernel closes the connection; False on timeout."""
    s.settimeout(timeout)
    try:
        while s.recv(65536):
            pass
        return True
    except ConnectionResetError:
        return True
    except socket.timeout:
        return False


class HostileClientTest(KernelCase):
    def assert_serves(self):
        self.assertTrue(self.km.is_alive(), "the kernel died")
        reply, _ = self.run_cell("1 + 1")
        self.assertEqual(reply["content"]["status"], "ok")

    def port(self, name):
        return self.km.get_connection_info()[name]

    def test_frame_claiming_2_to_the_62_bytes(self):
        for name in ("shell_port", "hb_port", "control_port", "stdin_port"):
            with self.subTest(name):
                s = raw_peer(self.port(name), b"DEALER")
                s.sendall(bytes([0x02, 0x40, 0, 0, 0, 0, 0, 0, 0]))
                self.assertTrue(closed_by_kernel(s), "the connection stayed open")
                s.close()
                self.assert_serves()

    def test_silent_connection_does_not_lock_the_door(self):
        silent = [raw_peer(self.port("shell_port")) for _ in range(3)]
        try:
            start = time.monotonic()
            # A client of its own session: one sharing the first client's
            # would share its ZeroMQ identity, which the kernel refuses
            # (as libzmq's ROUTER ignores it).
            own = Session(key=self.km.session.key, signature_scheme=self.km.session.signature_scheme)
            kc = self.km.client(session=own)
            kc.start_channels()
            try:
                kc.wait_for_ready(timeout=TIMEOUT)
                reply = kc.execute_interactive("2 + 2", timeout=TIMEOUT, output_hook=lambda msg: None)
                self.assertEqual(reply["content"]["status"], "ok")
            finally:
                kc.stop_channels()
            # The guard's handshake deadline is 5 s: faster shows the new
            # client did not wait for the silent ones.
            self.assertLess(time.monotonic() - start, 4.5)
        finally:
            for s in silent:
                s.close()

    def test_stalled_subscriber_stalls_nobody(self):
        stalled = raw_peer(self.port("iopub_port"), b"SUB")
        stalled.sendall(bytes([0x00, 0x01, 0x01]))  # subscribe to all, then read nothing
        try:
            time.sleep(0.3)
            mb = 8
            code = ('import ("fmt"; "strings")\nline := strings.Repeat("x", 1023) + "\\n"\n'
                    f"for i := 0; i < {mb * 1024}; i++ {{ fmt.Print(line) }}")
            reply, msgs = self.run_cell(code)
            self.assertEqual(reply["content"]["status"], "ok")
            got = sum(len(m["content"]["text"]) for m in msgs if m["msg_type"] == "stream")
            self.assertEqual(got, mb << 20, "the reading client lost output")
            reply, msgs = self.run_cell('fmt.Println("after")')
            self.assertIn("after", "".join(m["content"].get("text", "") for m in msgs))
        finally:
            stalled.close()

    def test_subscriber_sending_garbage_is_dropped(self):
        s = raw_peer(self.port("iopub_port"), b"SUB")
        s.sendall(bytes([0x00, 0x05]) + b"hello")
        self.assertTrue(closed_by_kernel(s))
        s.close()
        self.assert_serves()

    def test_replayed_request_runs_once(self):
        self.run_cell("replays := 0")
        ctx = zmq.Context.instance()
        dealer = ctx.socket(zmq.DEALER)
        dealer.linger = 0
        dealer.connect(f"tcp://127.0.0.1:{self.port('shell_port')}")
        try:
            session = self.kc.session
            msg = session.msg("execute_request", {"code": "replays++", "silent": False})
            frames = session.serialize(msg)
            dealer.send_multipart(frames)
            dealer.poll(TIMEOUT * 1000)
            dealer.recv_multipart()
            dealer.send_multipart(frames)  # the same signed bytes again
            time.sleep(0.5)
        finally:
            dealer.close()
        reply, msgs = self.run_cell("replays")
        result = [m for m in msgs if m["msg_type"] == "execute_result"]
        self.assertEqual(result[0]["content"]["data"]["text/plain"], "1", "the replay ran")


class Sha512Test(KernelCase):
    """A connection file asking for hmac-sha512 signatures."""

    @classmethod
    def setUpClass(cls):
        cls.km = KernelManager(kernel_name=KERNEL_NAME)
        cls.km.session.signature_scheme = "hmac-sha512"
        cls.km.start_kernel()
        cls.kc = cls.km.client()
        cls.kc.start_channels()
        try:
            cls.kc.wait_for_ready(timeout=60)
        except RuntimeError:
            cls.tearDownClass()
            raise

    def test_cells_run(self):
        self.assertEqual(self.km.get_connection_info()["signature_scheme"], "hmac-sha512")
        reply, msgs = self.run_cell("6 * 7")
        self.assertEqual(reply["content"]["status"], "ok")
        result = [m for m in msgs if m["msg_type"] == "execute_result"]
        self.assertEqual(result[0]["content"]["data"]["text/plain"], "42")


class RunningCellTest(KernelCase):
    def test_introspection_while_a_cell_runs(self):
        self.run_cell('import ("fmt"; "time")\nvar _ = fmt.Sprint')
        run = self.kc.execute("time.Sleep(4 * time.Second)")
        start = time.monotonic()
        for send, check in (
            (lambda: self.kc.complete("fmt.Pri", 7), lambda c: self.assertIn("Println", c["matches"])),
            (lambda: self.kc.inspect("fmt.Println", 6), lambda c: self.assertTrue(c["found"])),
            (lambda: self.kc.is_complete("for {"), lambda c: self.assertEqual(c["status"], "incomplete")),
        ):
            reply = self.shell_reply(send())
            check(reply["content"])
        self.assertLess(time.monotonic() - start, 3.5, "replies waited for the cell")
        self.assertEqual(self.shell_reply(run)["content"]["status"], "ok")

    def test_question_mark_inspects(self):
        self.run_cell('import "fmt"\nvar _ = fmt.Sprint')
        reply, _ = self.run_cell("fmt.Println?")
        pages = [p for p in reply["content"]["payload"] if p.get("source") == "page"]
        self.assertTrue(pages, reply["content"])
        self.assertIn("Println", pages[0]["data"]["text/plain"])

    def worker_pid(self):
        kernel = self.km.provisioner.process.pid
        for f in glob.glob(f"/proc/{kernel}/task/*/children"):
            with open(f) as fh:
                pids = fh.read().split()
            if pids:
                return int(pids[0])
        self.fail("the kernel has no worker process")

    def test_worker_lost_between_cells_is_told(self):
        reply, _ = self.run_cell("kept := 42")
        self.assertEqual(reply["content"]["status"], "ok")
        matches = self.shell_reply(self.kc.complete("kep", 3))["content"]["matches"]
        self.assertIn("kept", matches)
        os.kill(self.worker_pid(), signal.SIGKILL)
        deadline = time.monotonic() + 10
        while "kept" in self.shell_reply(self.kc.complete("kep", 3))["content"]["matches"]:
            self.assertLess(time.monotonic(), deadline, "completion still offers kept")
            time.sleep(0.1)
        reply, msgs = self.run_cell("kept")
        stderr = "".join(m["content"]["text"] for m in msgs
                         if m["msg_type"] == "stream" and m["content"]["name"] == "stderr")
        self.assertIn("interpreter process was lost", stderr)
        self.assertEqual(reply["content"]["status"], "error")


if __name__ == "__main__":
    unittest.main()
