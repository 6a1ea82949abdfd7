"""A class on JupyterHub: Debian's hub with the repository's configuration.

The hub runs docs/jupyterhub_config.py with test overrides (a dummy login,
servers started as the test's own user, loopback ports, temporary paths) and
an API token of a test service. Three students each start a notebook server
and a goconc kernel through the hub's REST API and run a lesson notebook's
cells over the kernel's websocket, at the same time. Their kernels must give
the right answers, keep to themselves, be interrupted one at a time, and be
gone, with their interpreter processes, once the hub has stopped.
"""

import asyncio
import json
import os
import secrets
import signal
import socket
import subprocess
import time
import unittest
import uuid

import nbformat
import requests
from tornado.httpclient import HTTPRequest
from tornado.websocket import websocket_connect

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
CONFIG = os.path.join(ROOT, "docs", "jupyterhub_config.py")
LESSON = os.path.join(ROOT, "notebooks", "00-welcome.ipynb")
HUB = "/usr/bin/jupyterhub"
STUDENTS = ("ada", "brian", "chen")
TIMEOUT = 120  # seconds for one cell; a passing run never waits this long


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def goconc_processes(binary):
    """Returns the pids of processes running the goconc binary under test."""
    pids = []
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                argv = f.read().split(b"\0")
        except OSError:
            continue
        if argv and argv[0].decode(errors="replace") == binary:
            pids.append(int(pid))
    return pids


def process_of(needle):
    """Returns the pid of the process whose command line holds needle."""
    for pid in os.listdir("/proc"):
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                if needle.encode() in f.read():
                    return int(pid)
        except (OSError, ValueError):
            continue
    raise LookupError(f"no process with {needle} in its command line")


def parent_of(pid):
    with open(f"/proc/{pid}/stat") as f:
        return int(f.read().rsplit(")", 1)[1].split()[1])


def descendants(pid):
    """Returns pid and every process under it."""
    children = {}
    for p in os.listdir("/proc"):
        if p.isdigit():
            try:
                children.setdefault(parent_of(int(p)), []).append(int(p))
            except (OSError, ValueError, IndexError):
                pass
    tree, todo = [], [pid]
    while todo:
        p = todo.pop()
        tree.append(p)
        todo.extend(children.get(p, []))
    return tree


def alive(pids):
    """Returns the pids that still run (zombies count as gone)."""
    running = []
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as f:
                if f.read().rsplit(")", 1)[1].split()[0] != "Z":
                    running.append(pid)
        except OSError:
            pass
    return running


class Kernel:
    """A goconc kernel of one student, reached over its websocket."""

    def __init__(self, hub, user, kernel_id):
        self.hub, self.user, self.id = hub, user, kernel_id
        self.session = uuid.uuid4().hex
        self.ws = None

    async def connect(self):
        url = f"ws://127.0.0.1:{self.hub.port}/user/{self.user}/api/kernels/{self.id}/channels"
        req = HTTPRequest(url, headers={"Authorization": f"token {self.hub.token}"})
        self.ws = await websocket_connect(req)

    async def execute(self, code):
        """Runs code; returns (status, text printed, error name, error text)."""
        msg_id = uuid.uuid4().hex
        await self.ws.write_message(json.dumps({
            "header": {"msg_id": msg_id, "msg_type": "execute_request", "username": self.user,
                       "session": self.session, "date": "", "version": "5.3"},
            "parent_header": {}, "metadata": {}, "buffers": [], "channel": "shell",
            "content": {"code": code, "silent": False, "store_history": True,
                        "user_expressions": {}, "allow_stdin": False, "stop_on_error": True},
        }))
        text, status, ename, evalue, idle = [], None, "", "", False
        deadline = time.monotonic() + TIMEOUT
        while status is None or not idle:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"{self.user}: no reply to {code[:60]!r}")
            raw = await asyncio.wait_for(self.ws.read_message(), left)
            if raw is None:
                raise ConnectionError(f"{self.user}: the kernel's websocket closed")
            msg = json.loads(raw)
            if msg.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind, content = msg["msg_type"], msg["content"]
            if kind == "stream":
                text.append(content["text"])
            elif kind in ("execute_result", "display_data"):
                text.append(content["data"].get("text/plain", ""))
            elif kind == "error":
                ename, evalue = content["ename"], content["evalue"]
            elif kind == "execute_reply":
                status = content["status"]
            elif kind == "status" and content["execution_state"] == "idle":
                idle = True
        return status, "".join(text), ename, evalue

    def interrupt(self):
        self.hub.api("post", f"/user/{self.user}/api/kernels/{self.id}/interrupt", hub_api=False)


class Hub:
    """Debian's JupyterHub on loopback, with the repository's configuration."""

    def __init__(self, tmp):
        self.tmp = tmp
        self.port = free_port()
        self.token = secrets.token_hex(16)
        os.makedirs(os.path.join(tmp, "home"), exist_ok=True)
        self.config = os.path.join(tmp, "hub_test_config.py")
        with open(self.config, "w") as f:
            f.write(f"""
load_subconfig({CONFIG!r})
c.JupyterHub.bind_url = "http://127.0.0.1:{self.port}"
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = {free_port()}
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{free_port()}"
c.ConfigurableHTTPProxy.pid_file = {os.path.join(tmp, "proxy.pid")!r}
c.JupyterHub.db_url = "sqlite:///{os.path.join(tmp, "hub.sqlite")}"
c.JupyterHub.cookie_secret_file = {os.path.join(tmp, "cookie_secret")!r}
c.JupyterHub.pid_file = {os.path.join(tmp, "hub.pid")!r}
c.JupyterHub.authenticator_class = "jupyterhub.auth.DummyAuthenticator"
c.JupyterHub.spawner_class = "jupyterhub.spawner.SimpleLocalProcessSpawner"
c.SimpleLocalProcessSpawner.home_dir_template = {os.path.join(tmp, "home", "{username}")!r}
# The kernelspec under test lives in a temporary prefix, not the system's.
c.Spawner.env_keep.append("JUPYTER_PATH")
# CI runs as root, and so do the servers a SimpleLocalProcessSpawner starts.
c.Spawner.args.append("--allow-root")
c.JupyterHub.services = [{{"name": "course-test", "api_token": {self.token!r}}}]
c.JupyterHub.load_roles = [{{"name": "course-test", "services": ["course-test"],
    "scopes": ["admin:users", "admin:servers", "access:servers", "read:users"]}}]
""")
        self.log = open(os.path.join(tmp, "hub.log"), "wb")
        self.proc = subprocess.Popen([HUB, "-f", self.config], cwd=tmp, stdout=self.log,
                                     stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + 60
        while True:
            try:
                if requests.get(self.url("/hub/api/"), timeout=2).ok:
                    return
            except requests.ConnectionError:
                pass
            if self.proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the hub did not start; see {self.log.name}")
            time.sleep(0.3)

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"

    def api(self, method, path, hub_api=True, **kwargs):
        if hub_api:
            path = "/hub/api" + path
        r = requests.request(method, self.url(path), timeout=60,
                             headers={"Authorization": f"token {self.token}"}, **kwargs)
        r.raise_for_status()
        return r.json() if r.content else None

    def start_server(self, user):
        self.api("post", f"/users/{user}")
        self.api("post", f"/users/{user}/server")
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            server = self.api("get", f"/users/{user}").get("servers", {}).get("")
            if server and server.get("ready"):
                return
            time.sleep(0.5)
        raise RuntimeError(f"{user}'s server did not start; see {self.log.name}")

    def start_kernel(self, user):
        model = self.api("post", f"/user/{user}/api/kernels", hub_api=False, json={"name": "goconc"})
        return Kernel(self, user, model["id"])

    def stop(self):
        """Stops the hub as an administrator would, with SIGTERM."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(60)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        self.log.close()


def lesson_cells(path):
    """Returns the lesson's code cells, each with whether it is meant to fail."""
    nb = nbformat.read(path, as_version=4)
    return [(cell.source, "raises-exception" in cell.get("metadata", {}).get("tags", []))
            for cell in nb.cells if cell.cell_type == "code" and cell.source.strip()]


class HubTest(unittest.TestCase):
    def test_class_on_a_hub(self):
        binary = os.environ["GOCONC_BIN"]
        tmp = os.path.join(os.environ["GOCONC_E2E_TMP"], "hub")
        os.makedirs(tmp, exist_ok=True)
        hub = Hub(tmp)
        try:
            for user in STUDENTS:
                hub.start_server(user)
            kernels = [hub.start_kernel(user) for user in STUDENTS]
            asyncio.run(self.use_kernels(kernels))
            self.assertGreaterEqual(len(goconc_processes(binary)), len(STUDENTS),
                                    "each student's kernel should run the goconc binary")
        finally:
            hub.stop()
        # Servers, kernels and interpreter processes go with the hub.
        deadline = time.monotonic() + 10
        while goconc_processes(binary) and time.monotonic() < deadline:
            time.sleep(0.2)
        self.assertEqual(goconc_processes(binary), [],
                         "goconc processes outlived the hub that started them")

    async def use_kernels(self, kernels):
        for k in kernels:
            await k.connect()
        cells = lesson_cells(LESSON)
        self.assertTrue(cells, f"{LESSON} has no code cells")

        # Every student runs the lesson at the same time.
        async def run_lesson(k):
            for source, should_fail in cells:
                status, text, ename, evalue = await k.execute(source)
                want = "error" if should_fail else "ok"
                self.assertEqual(status, want, f"{k.user}: {source[:80]!r}: {ename}: {evalue}\n{text}")

        await asyncio.gather(*(run_lesson(k) for k in kernels))

        # Right answers, from one shared computation per kernel.
        results = await asyncio.gather(*(k.execute(
            'import "sync"\nvar wg sync.WaitGroup\nvar mu sync.Mutex\ntotal := 0\n'
            'for g := 0; g < 4; g++ {\n\twg.Go(func() {\n\t\tfor i := 0; i < 1000; i++ {\n'
            '\t\t\tmu.Lock()\n\t\t\ttotal++\n\t\t\tmu.Unlock()\n\t\t}\n\t})\n}\nwg.Wait()\ntotal')
            for k in kernels))
        for k, (status, text, ename, evalue) in zip(kernels, results):
            self.assertEqual((status, text.strip()), ("ok", "4000"), f"{k.user}: {ename}: {evalue}")

        # Each kernel keeps its own state.
        ada, brian, chen = kernels
        self.assertEqual((await ada.execute('owner := "ada"\nowner'))[:2], ("ok", '"ada"'))
        status, _, _, evalue = await brian.execute("owner")
        self.assertEqual(status, "error")
        self.assertIn("undefined: owner", evalue)

        # Interrupting one student's cell stops that cell only.
        sleeping = asyncio.ensure_future(ada.execute('import "time"\ntime.Sleep(time.Hour)'))
        await asyncio.sleep(1)
        self.assertEqual(await chen.execute("6 * 7"), ("ok", "42", "", ""))
        self.assertFalse(sleeping.done(), "ada's cell ended before the interrupt")
        ada.interrupt()
        status, _, ename, _ = await asyncio.wait_for(sleeping, 30)
        self.assertEqual(status, "error")
        self.assertEqual((await ada.execute("owner"))[:2], ("ok", '"ada"'),
                         "the interrupt lost ada's state")
        self.assertEqual((await chen.execute("6 * 7"))[:2], ("ok", "42"))

        # A student's server that dies abruptly takes its kernel along, with
        # its interpreter and a goroutine spinning in it.
        spin = 'import "sync/atomic"\nvar spins atomic.Int64\ngo func() {\n\tfor {\n\t\tspins.Add(1)\n\t}\n}()\n"spinning"'
        self.assertEqual((await brian.execute(spin))[:2], ("ok", '"spinning"'))
        kernel = process_of(f"kernel-{brian.id}.json")
        server = parent_of(kernel)
        tree = descendants(kernel)
        self.assertGreaterEqual(len(tree), 2, "brian's kernel should have an interpreter process")
        os.kill(server, signal.SIGKILL)
        deadline = time.monotonic() + 5
        while alive(tree) and time.monotonic() < deadline:
            await asyncio.sleep(0.1)
        self.assertEqual(alive(tree), [], "brian's kernel outlived his server by 5 s")
        self.assertEqual((await chen.execute("6 * 7"))[:2], ("ok", "42"))


if __name__ == "__main__":
    unittest.main()
