"""The goconc kernel driven by jupyter_client, as notebooks and consoles drive it.

The kernel is found as "goconc" through JUPYTER_PATH (run.sh points it at a
fresh kernelspec). These tests cover what the conformance suite does not:
interrupts, stdin, signatures, streaming while a cell runs, output goroutines
print after their cell finished, aborting queued cells after an error, which
channel each message travels on, and shutdown.
"""

import queue
import time
import unittest

import zmq
from jupyter_client.manager import KernelManager
from jupyter_client.session import Session

KERNEL_NAME = "goconc"
TIMEOUT = 30  # seconds; a passing test never waits this long


class KernelCase(unittest.TestCase):
    """Starts one kernel for the test class, with a blocking client."""

    transport = "tcp"

    @classmethod
    def setUpClass(cls):
        cls.km = KernelManager(kernel_name=KERNEL_NAME, transport=cls.transport)
        cls.km.start_kernel()
        cls.kc = cls.km.client()
        cls.kc.start_channels()
        try:
            cls.kc.wait_for_ready(timeout=60)
        except RuntimeError:
            cls.tearDownClass()
            raise

    @classmethod
    def tearDownClass(cls):
        cls.kc.stop_channels()
        cls.km.shutdown_kernel()

    def setUp(self):
        self.drain()

    def drain(self):
        """Discards messages left over from earlier tests."""
        for get in (self.kc.get_shell_msg, self.kc.get_iopub_msg, self.kc.get_stdin_msg):
            while True:
                try:
                    get(timeout=0.05)
                except queue.Empty:
                    break

    def shell_reply(self, msg_id):
        """Returns the shell reply to msg_id, skipping other replies."""
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            msg = self.kc.get_shell_msg(timeout=TIMEOUT)
            if msg["parent_header"].get("msg_id") == msg_id:
                return msg
        self.fail(f"no reply to {msg_id}")

    def iopub_until_idle(self, msg_id):
        """Returns the IOPub messages whose parent is msg_id, up to its idle status."""
        msgs = []
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            msg = self.kc.get_iopub_msg(timeout=TIMEOUT)
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            msgs.append(msg)
            if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                return msgs
        self.fail(f"no idle status for {msg_id}")

    def run_cell(self, code, **kwargs):
        """Executes code; returns the reply and the cell's IOPub messages."""
        msg_id = self.kc.execute(code, **kwargs)
        reply = self.shell_reply(msg_id)
        return reply, self.iopub_until_idle(msg_id)

    def stdout(self, msgs):
        return "".join(
            m["content"]["text"] for m in msgs if m["msg_type"] == "stream" and m["content"]["name"] == "stdout"
        )

    def stderr(self, msgs):
        return "".join(
            m["content"]["text"] for m in msgs if m["msg_type"] == "stream" and m["content"]["name"] == "stderr"
        )


class InterruptTest(KernelCase):
    def test_interrupt_keeps_state(self):
        reply, _ = self.run_cell('import (\n\t"fmt"\n\t"time"\n)\nx := 42')
        self.assertEqual(reply["content"]["status"], "ok")

        msg_id = self.kc.execute('fmt.Println("sleeping")\ntime.Sleep(time.Hour)')
        # Interrupt once the cell is running: its first output is out.
        self.iopub_wait_output(msg_id)
        # kernel.json has interrupt_mode "message": this sends an
        # interrupt_request on the control channel.
        self.km.interrupt_kernel()
        reply = self.shell_reply(msg_id)
        self.assertEqual(reply["content"]["status"], "error")
        self.assertEqual(reply["content"]["ename"], "Interrupted")
        errors = [m for m in self.iopub_until_idle(msg_id) if m["msg_type"] == "error"]
        self.assertEqual(len(errors), 1)

        reply, msgs = self.run_cell("fmt.Println(x)")
        self.assertEqual(reply["content"]["status"], "ok")
        self.assertEqual(self.stdout(msgs), "42\n")

    def test_interrupt_busy_loop(self):
        self.run_cell("n := 0")
        msg_id = self.kc.execute('println("looping")\nfor {\n\tn++\n}')
        # Interrupt once the loop runs, not while the cell is still
        # being checked.
        self.iopub_wait_output(msg_id)
        self.km.interrupt_kernel()
        reply = self.shell_reply(msg_id)
        self.assertEqual(reply["content"]["status"], "error")
        reply, msgs = self.run_cell("n > 0")
        result = [m for m in msgs if m["msg_type"] == "execute_result"]
        self.assertEqual(result[0]["content"]["data"]["text/plain"], "true")

    def test_interrupt_when_idle(self):
        msg = self.kc.session.msg("interrupt_request", {})
        self.kc.control_channel.send(msg)
        reply = self.kc.get_control_msg(timeout=TIMEOUT)
        self.assertEqual(reply["msg_type"], "interrupt_reply")
        self.assertEqual(reply["content"]["status"], "ok")
        reply, _ = self.run_cell("1")
        self.assertEqual(reply["content"]["status"], "ok")

    def iopub_wait_output(self, msg_id):
        """Waits for the first output of the cell msg_id: it is running."""
        while True:
            msg = self.kc.get_iopub_msg(timeout=TIMEOUT)
            if msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "stream":
                return


class StdinTest(KernelCase):
    def test_input_request_answered(self):
        msg_id = self.kc.execute(
            'import "fmt"\nvar name string\nfmt.Scanln(&name)\nfmt.Println("hello,", name)', allow_stdin=True
        )
        request = self.kc.get_stdin_msg(timeout=TIMEOUT)
        self.assertEqual(request["msg_type"], "input_request")
        self.assertEqual(request["parent_header"]["msg_id"], msg_id)
        self.assertIs(request["content"]["password"], False)
        self.kc.input("Gopher")
        reply = self.shell_reply(msg_id)
        self.assertEqual(reply["content"]["status"], "ok")
        self.assertEqual(self.stdout(self.iopub_until_idle(msg_id)), "hello, Gopher\n")

    def test_two_reads(self):
        code = (
            'import (\n\t"bufio"\n\t"fmt"\n\t"os"\n)\n'
            "r := bufio.NewReader(os.Stdin)\n"
            "a, _ := r.ReadString('\\n')\n"
            "b, _ := r.ReadString('\\n')\n"
            'fmt.Printf("%q %q\\n", a, b)'
        )
        msg_id = self.kc.execute(code, allow_stdin=True)
        for answer in ("one", "two"):
            self.assertEqual(self.kc.get_stdin_msg(timeout=TIMEOUT)["msg_type"], "input_request")
            self.kc.input(answer)
        self.assertEqual(self.shell_reply(msg_id)["content"]["status"], "ok")
        self.assertEqual(self.stdout(self.iopub_until_idle(msg_id)), '"one\\n" "two\\n"\n')

    def test_stdin_not_allowed(self):
        reply, msgs = self.run_cell(
            'import "fmt"\nvar s string\n_, err := fmt.Scanln(&s)\nfmt.Println(err)', allow_stdin=False
        )
        self.assertEqual(reply["content"]["status"], "ok")
        self.assertIn("does not accept input", self.stdout(msgs))
        with self.assertRaises(queue.Empty):
            self.kc.get_stdin_msg(timeout=0.2)


class SignatureTest(KernelCase):
    """Messages not signed with the connection key are dropped unread."""

    def raw_shell(self):
        info = self.km.get_connection_info(session=True)
        ctx = zmq.Context.instance()
        sock = ctx.socket(zmq.DEALER)
        sock.linger = 0
        sock.connect(f"{info['transport']}://{info['ip']}:{info['shell_port']}")
        self.addCleanup(sock.close)
        good = Session(key=self.km.session.key, signature_scheme=self.km.session.signature_scheme)
        return sock, good

    def test_bad_signatures_dropped(self):
        sock, good = self.raw_shell()
        bad_key = Session(key=b"not-the-key", signature_scheme="hmac-sha256")
        unsigned = Session(key=b"", signature_scheme="hmac-sha256")

        def cell(name):
            return {"code": f"{name} := 1", "silent": False, "store_history": True,
                    "user_expressions": {}, "allow_stdin": False, "stop_on_error": True}

        bad_key.send(sock, "execute_request", cell("wrongKey"))
        unsigned.send(sock, "execute_request", cell("unsigned"))
        # A correctly signed message whose signature frame is then garbled.
        frames = good.serialize(good.msg("execute_request", cell("garbled")))
        frames[1] = b"ab" * 32
        sock.send_multipart(frames)
        # A correct signature over different content.
        frames = good.serialize(good.msg("execute_request", cell("tampered")))
        frames[-1] = frames[-1].replace(b"tampered", b"attacker")
        sock.send_multipart(frames)
        # Not a Jupyter message at all.
        sock.send_multipart([b"hello", b"world"])

        # Messages on one connection are handled in order: once this is
        # answered, the kernel has seen and dropped the others.
        probe = good.msg("kernel_info_request", {})
        good.send(sock, probe)
        self.assertTrue(sock.poll(TIMEOUT * 1000), "no reply to a well-signed request after bad ones")
        _, reply = good.feed_identities(sock.recv_multipart())
        reply = good.deserialize(reply)
        self.assertEqual(reply["msg_type"], "kernel_info_reply")
        self.assertEqual(reply["parent_header"]["msg_id"], probe["header"]["msg_id"])
        self.assertEqual(sock.poll(200), 0, "the kernel answered a badly signed message")

        # None of the bad cells ran.
        for name in ("wrongKey", "unsigned", "garbled", "tampered", "attacker"):
            reply, _ = self.run_cell(f"_ = {name}")
            self.assertEqual(reply["content"]["status"], "error", name)
            self.assertIn("undefined", reply["content"]["evalue"], name)

        # And the kernel still works for the real client.
        reply, msgs = self.run_cell('import "fmt"\nfmt.Println("still here")')
        self.assertEqual(self.stdout(msgs), "still here\n")


class StreamingTest(KernelCase):
    def test_output_arrives_while_cell_runs(self):
        code = 'import (\n\t"fmt"\n\t"time"\n)\nfmt.Println("first")\ntime.Sleep(2 * time.Second)\nfmt.Println("second")'
        msg_id = self.kc.execute(code)
        while True:
            msg = self.kc.get_iopub_msg(timeout=TIMEOUT)
            if msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "stream":
                break
        self.assertEqual(msg["content"]["text"], "first\n")
        # The cell is still asleep: its reply cannot have come yet.
        with self.assertRaises(queue.Empty, msg="execute_reply arrived before the first output"):
            self.kc.get_shell_msg(timeout=0.01)
        reply = self.shell_reply(msg_id)
        self.assertEqual(reply["content"]["status"], "ok")
        self.assertEqual(self.stdout(self.iopub_until_idle(msg_id)), "second\n")

    def test_many_lines_few_messages(self):
        code = 'import "fmt"\nfor i := 0; i < 200000; i++ {\n\tfmt.Println("line", i)\n}'
        reply, msgs = self.run_cell(code)
        self.assertEqual(reply["content"]["status"], "ok")
        streams = [m for m in msgs if m["msg_type"] == "stream"]
        text = self.stdout(msgs)
        self.assertEqual(text.count("\n"), 200000)
        self.assertTrue(text.endswith("line 199999\n"))
        # Gathered into messages of up to 64 KiB, not one per line.
        self.assertLess(len(streams), 2000)


class LateOutputTest(KernelCase):
    """What a goroutine prints after its cell has finished goes under that
    cell, as ipykernel sends the output of threads a cell started."""

    def streams_until_idle(self, msg_id):
        """Returns every stream message on IOPub up to the idle status of msg_id."""
        streams = []
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            msg = self.kc.get_iopub_msg(timeout=TIMEOUT)
            if msg["msg_type"] == "stream":
                streams.append(msg)
            elif (
                msg["msg_type"] == "status"
                and msg["content"]["execution_state"] == "idle"
                and msg["parent_header"].get("msg_id") == msg_id
            ):
                return streams
        self.fail(f"no idle status for {msg_id}")

    def wait_stream(self, text):
        """Returns the next stream message on IOPub with the given text."""
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            msg = self.kc.get_iopub_msg(timeout=TIMEOUT)
            if msg["msg_type"] == "stream" and msg["content"]["text"] == text:
                return msg
        self.fail(f"no stream {text!r}")

    def test_late_output_while_another_cell_runs(self):
        reply, msgs = self.run_cell(
            'import (\n\t"fmt"\n\t"time"\n)\n'
            "go func() {\n\ttime.Sleep(time.Second)\n\tfmt.Println(\"late\")\n}()\n"
            'fmt.Println("started")'
        )
        self.assertEqual(reply["content"]["status"], "ok")
        self.assertEqual(self.stdout(msgs), "started\n")
        first = reply["parent_header"]["msg_id"]

        second = self.kc.execute('fmt.Println("second")\ntime.Sleep(2 * time.Second)\nfmt.Println("second again")')
        streams = self.streams_until_idle(second)
        by_parent = {}
        for m in streams:
            by_parent.setdefault(m["parent_header"]["msg_id"], []).append(m["content"]["text"])
        self.assertEqual("".join(by_parent.get(first, [])), "late\n")
        self.assertEqual("".join(by_parent.get(second, [])), "second\nsecond again\n")
        self.assertEqual(self.shell_reply(second)["content"]["status"], "ok")

    def test_late_output_while_idle(self):
        reply, _ = self.run_cell(
            'import (\n\t"fmt"\n\t"time"\n)\n'
            "go func() {\n\ttime.Sleep(500 * time.Millisecond)\n\tfmt.Println(\"after idle\")\n}()"
        )
        self.assertEqual(reply["content"]["status"], "ok")
        msg = self.wait_stream("after idle\n")
        self.assertEqual(msg["parent_header"]["msg_id"], reply["parent_header"]["msg_id"])
        self.assertEqual(msg["content"]["name"], "stdout")


class RoutingTest(KernelCase):
    """Every message goes on the right channel, naming the right parent."""

    def test_output_routing(self):
        code = (
            'import (\n\t"fmt"\n\t"os"\n\t"goconc/display"\n)\n'
            'fmt.Println("to stdout")\n'
            'fmt.Fprintln(os.Stderr, "to stderr")\n'
            'display.HTML("<i>shown</i>")\n'
            "6 * 7"
        )
        msg_id = self.kc.execute(code)
        reply = self.shell_reply(msg_id)
        self.assertEqual(reply["msg_type"], "execute_reply")
        self.assertEqual(reply["content"]["status"], "ok")
        count = reply["content"]["execution_count"]
        msgs = self.iopub_until_idle(msg_id)
        kinds = [m["msg_type"] for m in msgs]
        self.assertEqual(kinds[0], "status")
        self.assertEqual(msgs[0]["content"]["execution_state"], "busy")
        self.assertEqual(kinds[1], "execute_input")
        by_type = {}
        for m in msgs:
            self.assertEqual(m["parent_header"]["msg_id"], msg_id)
            self.assertEqual(m["header"]["version"], "5.3")
            by_type.setdefault(m["msg_type"], []).append(m)
        streams = {m["content"]["name"]: m["content"]["text"] for m in by_type["stream"]}
        self.assertEqual(streams, {"stdout": "to stdout\n", "stderr": "to stderr\n"})
        self.assertEqual(by_type["display_data"][0]["content"]["data"]["text/html"], "<i>shown</i>")
        result = by_type["execute_result"][0]["content"]
        self.assertEqual(result["data"]["text/plain"], "42")
        self.assertEqual(result["execution_count"], count)
        self.assertEqual(by_type["execute_input"][0]["content"]["execution_count"], count)

    def test_control_replies_on_control(self):
        msg = self.kc.session.msg("kernel_info_request", {})
        self.kc.control_channel.send(msg)
        reply = self.kc.get_control_msg(timeout=TIMEOUT)
        self.assertEqual(reply["msg_type"], "kernel_info_reply")
        self.assertEqual(reply["parent_header"]["msg_id"], msg["header"]["msg_id"])
        self.assertEqual(reply["content"]["implementation"], "goconc")
        # Busy and idle bracket control requests too.
        states = [m["content"]["execution_state"] for m in self.iopub_until_idle(msg["header"]["msg_id"])]
        self.assertEqual(states, ["busy", "idle"])
        with self.assertRaises(queue.Empty):
            self.kc.get_shell_msg(timeout=0.2)

    def test_kernel_info_on_shell(self):
        msg_id = self.kc.kernel_info()
        reply = self.shell_reply(msg_id)
        info = reply["content"]
        self.assertEqual(info["protocol_version"], "5.3")
        self.assertEqual(info["language_info"]["name"], "go")
        self.assertEqual(info["language_info"]["mimetype"], "text/x-go")
        self.assertEqual(info["language_info"]["codemirror_mode"], "go")

    def test_update_display(self):
        reply, msgs = self.run_cell('import "goconc/display"\nh := display.Text("one")\nh.Text("two")')
        self.assertEqual(reply["content"]["status"], "ok")
        shown = [m for m in msgs if m["msg_type"] == "display_data"]
        updated = [m for m in msgs if m["msg_type"] == "update_display_data"]
        self.assertEqual(len(shown), 1)
        self.assertEqual(len(updated), 1)
        display_id = shown[0]["content"]["transient"]["display_id"]
        self.assertTrue(display_id)
        self.assertEqual(updated[0]["content"]["transient"]["display_id"], display_id)
        self.assertEqual(updated[0]["content"]["data"]["text/plain"], "two")

    def test_comms(self):
        msg_id = self.kc.comm_info()
        reply = self.shell_reply(msg_id)
        self.assertEqual(reply["content"], {"status": "ok", "comms": {}})
        # A comm to a target the kernel does not have is closed at once.
        msg = self.kc.session.msg("comm_open", {"comm_id": "c-1", "target_name": "jupyter.widget", "data": {}})
        self.kc.shell_channel.send(msg)
        closes = [m for m in self.iopub_until_idle(msg["header"]["msg_id"]) if m["msg_type"] == "comm_close"]
        self.assertEqual([m["content"]["comm_id"] for m in closes], ["c-1"])


class StopOnErrorTest(KernelCase):
    def test_queued_cells_aborted_after_error(self):
        # The first cell waits for input, so the next two are queued
        # behind it when it fails.
        first = self.kc.execute(
            'import "fmt"\nvar s string\nfmt.Scanln(&s)\npanic("failed: " + s)', allow_stdin=True
        )
        queued = [self.kc.execute("aborted1 := 1"), self.kc.execute("aborted2 := 1")]
        self.kc.get_stdin_msg(timeout=TIMEOUT)
        time.sleep(0.5)  # for the queued requests to reach the kernel
        self.kc.input("boom")
        self.assertEqual(self.shell_reply(first)["content"]["status"], "error")
        for msg_id in queued:
            self.assertEqual(self.shell_reply(msg_id)["content"]["status"], "aborted")
        # Later cells run again, and the aborted ones never ran.
        reply, _ = self.run_cell("_ = aborted1")
        self.assertEqual(reply["content"]["status"], "error")
        self.assertIn("undefined", reply["content"]["evalue"])

    def test_no_abort_without_stop_on_error(self):
        first = self.kc.execute("undefinedThing()", stop_on_error=False)
        second = self.kc.execute("ran := true")
        self.assertEqual(self.shell_reply(first)["content"]["status"], "error")
        self.assertEqual(self.shell_reply(second)["content"]["status"], "ok")


class RedeclareTest(KernelCase):
    def test_type_declared_again(self):
        """A notebook's newest declaration of a type wins in later cells."""
        reply, msgs = self.run_cell(
            'import "fmt"\ntype Account struct { ID int; Balance int }\n'
            "func (a Account) Rich() bool { return a.Balance > 100 }\n"
            "a := Account{1, 10}\nfmt.Println(a)"
        )
        self.assertEqual(reply["content"]["status"], "ok")
        self.assertEqual(self.stdout(msgs), "{1 10}\n")

        reply, msgs = self.run_cell(
            "type Account struct { ID int; Owner string; Balance int }\n"
            'b := Account{ID: 2, Owner: "x", Balance: 500}\nfmt.Println(b, b.Rich())'
        )
        self.assertEqual(reply["content"]["status"], "ok")
        self.assertEqual(self.stdout(msgs), "{2 x 500} true\n")
        self.assertIn("Account declared again: a, made with the earlier declaration, is dropped", self.stderr(msgs))

        reply, _ = self.run_cell("fmt.Println(a)")
        self.assertEqual(reply["content"]["status"], "error")
        self.assertIn("undefined: a", reply["content"]["evalue"])

        # Only a method declared again: the new body runs, and b, a value
        # of the type whose fields are unchanged, keeps its value and
        # calls the new method.
        reply, msgs = self.run_cell(
            "func (a Account) Rich() bool { return a.Balance > 1000 }\n"
            "fmt.Println(Account{Balance: 500}.Rich(), Account{Balance: 2000}.Rich())"
        )
        self.assertEqual(reply["content"]["status"], "ok")
        self.assertEqual(self.stdout(msgs), "false true\n")
        self.assertNotIn("dropped", self.stderr(msgs))

        reply, msgs = self.run_cell("fmt.Println(b, b.Rich())")
        self.assertEqual(reply["content"]["status"], "ok")
        self.assertEqual(self.stdout(msgs), "{2 x 500} false\n")


class IPCTransportTest(KernelCase):
    transport = "ipc"

    def test_execute_over_ipc(self):
        reply, msgs = self.run_cell('import "fmt"\nfmt.Println("over ipc")')
        self.assertEqual(reply["content"]["status"], "ok")
        self.assertEqual(self.stdout(msgs), "over ipc\n")
        self.assertTrue(self.kc.is_alive())


class ShutdownTest(unittest.TestCase):
    def test_shutdown_request(self):
        km = KernelManager(kernel_name=KERNEL_NAME)
        km.start_kernel()
        kc = km.client()
        kc.start_channels()
        try:
            kc.wait_for_ready(timeout=60)
            msg_id = kc.shutdown(restart=True)
            reply = kc.get_control_msg(timeout=TIMEOUT)
            self.assertEqual(reply["msg_type"], "shutdown_reply")
            self.assertEqual(reply["parent_header"]["msg_id"], msg_id)
            self.assertEqual(reply["content"], {"status": "ok", "restart": True})
            # The reply is broadcast on IOPub too.
            deadline = time.monotonic() + TIMEOUT
            while time.monotonic() < deadline:
                msg = kc.get_iopub_msg(timeout=TIMEOUT)
                if msg["msg_type"] == "shutdown_reply":
                    break
            self.assertEqual(msg["parent_header"]["msg_id"], msg_id)
            # The process exits by itself, cleanly.
            process = km.provisioner.process
            process.wait(timeout=TIMEOUT)
            self.assertEqual(process.returncode, 0)
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=True)


if __name__ == "__main__":
    unittest.main()
