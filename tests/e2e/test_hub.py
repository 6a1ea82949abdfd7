"""A class on JupyterHub: Debian's hub with the repository's configuration.

The hub runs docs/jupyterhub_config.py with test overrides (a dummy login,
servers started as the test's own user, loopback ports, temporary paths) and
an API token of a test service. Three students each start a notebook server
and a goconc kernel through the hub's REST API and, at the same time, work
over the kernel's websocket through lesson 03 (goroutines, channels, a
compiled program run with the Go toolchain, a chart) and the counter
exercise as released, failing its checks, then solved, passing them. Their
kernels must give the right answers, keep to themselves, be interrupted one
at a time, and be gone, with their interpreter processes, once the hub has
stopped.
"""

import asyncio
import json
import os
import re
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
LESSON = os.path.join(ROOT, "notebooks", "03-locks.ipynb")
EXERCISE = "counter"
RELEASED = os.path.join(ROOT, "exercises", "release", EXERCISE + ".ipynb")
SOLVED = os.path.join(ROOT, "exercises", "source", EXERCISE + ".ipynb")
HUB = "/usr/bin/jupyterhub"
STUDENTS = ("ada", "brian", "chen")
TIMEOUT = 120  # seconds for one cell; a passing run never waits this long

# What lesson 03's cells must print whatever the schedule: each cell is
# found by a piece of its source, and every pattern must match its output.
# Timings and interleavings vary from run to run and are left out.
LESSON_RESULTS = [
    ("type SafeCounter struct", [r"run 1: 10000 in ", r"run 3: 10000 in ",
                                 r"figure: SB's counter with a lock, 10 x 1,000 = 10000 "]),
    ("inside := make(chan struct{})", [r"B gets its lock while A is inside: true\n"]),
    ("func withdrawNoDefer", [r"recovered: negative amount\nis the lock free after the panic\? false\n"]),
    ("accountMu.Lock() // waits", [r"^Deadlock: all goroutines are asleep - deadlock!"]),
    ("func withdraw(amount int)", [r"is the lock free after the panic\? true\n"]),
    ("const reentrant", [r"fatal error: all goroutines are asleep - deadlock!\n"]),
    ("func (s *Store) Count", [r"^true 2\n$"]),
    ("type ChanLock", [r"got the lock within 200 ms\? false after \d+ms\n",
                       r"got the lock within 2 s\? true after "]),
    ("func twoGreeters", [r"with a lock around both pieces:\n(Thread-1 Hello World!\nThread-2 Hello World!"
                          r"|Thread-2 Hello World!\nThread-1 Hello World!)\n$"]),
    ("func countWith", [r"figure: ns per increment, local then lock once = \d+ ns\n", r"<svg"]),
    ("func fill(procs int)", [r'^panic: after Set\("btc", "8500"\), Get\("btc"\) = "", false'])
]


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


def load_config():
    """Runs the configuration file as JupyterHub does; returns its names."""
    from traitlets.config import Config
    ns = {"c": Config(), "__file__": CONFIG}
    ns["get_config"] = lambda: ns["c"]
    with open(CONFIG) as f:
        exec(compile(f.read(), CONFIG, "exec"), ns)
    return ns


def cgroup_mounts():
    """Returns the cgroup mount points as the hub's spawner finds them."""
    return load_config()["cgroup_mounts"]()


def install_kernel(tmp):
    """Builds goconc into tmp and installs its kernelspec there, for the
    Jupyter programs this process starts."""
    binary = os.path.join(tmp, "bin", "goconc")
    subprocess.run(["go", "build", "-o", binary, "./cmd/goconc"], cwd=ROOT, check=True)
    subprocess.run([binary, "install", "--prefix", os.path.join(tmp, "prefix")], check=True,
                   stdout=subprocess.DEVNULL)
    os.environ["JUPYTER_PATH"] = os.path.join(tmp, "prefix", "share", "jupyter")
    for d in ("data", "runtime", "config"):
        os.environ[f"JUPYTER_{d.upper()}_DIR"] = os.path.join(tmp, d)


def cpu_limits_possible():
    """Reports whether this machine lets the hub hold a server to a CPU
    limit: root, with the cpu controller in cgroup v2 or a cgroup v1 cpu
    hierarchy that can be written."""
    if os.geteuid() != 0:
        return False
    v2, v1 = cgroup_mounts()
    if v2:
        with open(os.path.join(v2, "cgroup.controllers")) as f:
            if "cpu" in f.read().split():
                return True
    return bool(v1) and os.access(v1, os.W_OK)


def cpu_group(pid):
    """Returns the directory of the control group that limits pid's CPU
    time: its cgroup v1 cpu group, else its cgroup v2 group."""
    v2, v1 = cgroup_mounts()
    with open(f"/proc/{pid}/cgroup") as f:
        lines = [line.rstrip("\n").split(":", 2) for line in f]
    for _, controllers, path in lines:
        if v1 and "cpu" in controllers.split(","):
            return v1 + path
    for _, controllers, path in lines:
        if v2 and controllers == "":
            return v2 + path
    raise LookupError(f"no cpu control group for {pid}")


def read(path):
    with open(path) as f:
        return f.read()


class Reply:
    """What a cell gave back: its status, the text it printed and
    displayed (SVG included), its error and the kinds of its outputs."""

    def __init__(self):
        self.status, self.text, self.ename, self.evalue = None, "", "", ""
        self.kinds = set()

    def __iter__(self):
        return iter((self.status, self.text, self.ename, self.evalue))

    def __getitem__(self, i):
        return tuple(self)[i]

    def __eq__(self, other):
        return tuple(self) == tuple(other)

    def __repr__(self):
        return f"Reply{tuple(self)!r} with {sorted(self.kinds)}"

    def report(self):
        """Everything the cell showed, for matching: text, then the error."""
        return self.text + (f"{self.ename}: {self.evalue}" if self.ename else "")


# The kinds of output, as tests/e2e/test_lessons.py counts them.
KINDS = {"stream": "stream", "display_data": "display", "update_display_data": "display",
         "execute_result": "result", "error": "error"}


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
        """Runs code; returns its Reply, which unpacks to (status, text
        printed, error name, error text)."""
        msg_id = uuid.uuid4().hex
        await self.ws.write_message(json.dumps({
            "header": {"msg_id": msg_id, "msg_type": "execute_request", "username": self.user,
                       "session": self.session, "date": "", "version": "5.3"},
            "parent_header": {}, "metadata": {}, "buffers": [], "channel": "shell",
            "content": {"code": code, "silent": False, "store_history": True,
                        "user_expressions": {}, "allow_stdin": False, "stop_on_error": True},
        }))
        reply, text, idle = Reply(), [], False
        deadline = time.monotonic() + TIMEOUT
        while reply.status is None or not idle:
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
            if kind in KINDS:
                reply.kinds.add(KINDS[kind])
            if kind == "stream":
                text.append(content["text"])
            elif kind in ("execute_result", "display_data", "update_display_data"):
                data = content["data"]
                text.append(data.get("image/svg+xml") or data.get("text/plain", ""))
            elif kind == "error":
                reply.ename, reply.evalue = content["ename"], content["evalue"]
            elif kind == "execute_reply":
                reply.status = content["status"]
            elif kind == "status" and content["execution_state"] == "idle":
                idle = True
        reply.text = "".join(text)
        return reply

    def interrupt(self):
        self.hub.api("post", f"/user/{self.user}/api/kernels/{self.id}/interrupt", hub_api=False)


class Hub:
    """Debian's JupyterHub on loopback, with the repository's configuration."""

    def __init__(self, tmp, extra_config=""):
        self.tmp = tmp
        self.port = free_port()
        self.token = secrets.token_hex(16)
        self.cgroup_parent = f"goconc-hub-test-{secrets.token_hex(4)}"
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
# The configuration's spawner, CPU limits and all, starting servers as the
# test's own user.
from jupyterhub.spawner import SimpleLocalProcessSpawner
c.JupyterHub.spawner_class = type("TestSpawner", (c.JupyterHub.spawner_class, SimpleLocalProcessSpawner), {{}})
c.CPULimitedSpawner.cgroup_parent = {self.cgroup_parent!r}
def half_a_core_for_brian(spawner):
    if spawner.user.name == "brian":
        spawner.cpu_limit = 0.5
c.Spawner.pre_spawn_hook = half_a_core_for_brian
c.SimpleLocalProcessSpawner.home_dir_template = {os.path.join(tmp, "home", "{username}")!r}
# The kernelspec under test lives in a temporary prefix, not the system's.
c.Spawner.env_keep.append("JUPYTER_PATH")
# Lesson 03 runs a program with the Go toolchain: from run.sh's warm cache.
c.Spawner.env_keep.append("GOCACHE")
# CI runs as root, and so do the servers a SimpleLocalProcessSpawner starts.
c.Spawner.args.append("--allow-root")
c.JupyterHub.services = [{{"name": "course-test", "api_token": {self.token!r}}}]
c.JupyterHub.load_roles = [{{"name": "course-test", "services": ["course-test"],
    "scopes": ["admin:users", "admin:servers", "access:servers", "read:users"]}}]
""" + extra_config)
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
        # The spawner removes each student's control group when the server
        # stops; what is left is recorded, then removed with the parent.
        self.cgroups_left = []
        for mount in cgroup_mounts():
            parent = mount and os.path.join(mount, self.cgroup_parent)
            if not parent or not os.path.isdir(parent):
                continue
            for d in os.listdir(parent):
                if os.path.isdir(os.path.join(parent, d)):
                    self.cgroups_left.append(os.path.join(parent, d))
                    try:
                        os.rmdir(os.path.join(parent, d))
                    except OSError:
                        pass
            try:
                os.rmdir(parent)
            except OSError:
                pass


class Cell:
    """A code cell of a notebook: its source, whether it is meant to fail,
    and the kinds of the outputs committed with it."""

    def __init__(self, cell):
        self.source = cell.source
        self.should_fail = "raises-exception" in cell.get("metadata", {}).get("tags", [])
        self.kinds = {KINDS.get(o["output_type"], o["output_type"]) for o in cell.get("outputs", [])}
        self.grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id", "")


def code_cells(path):
    nb = nbformat.read(path, as_version=4)
    return [Cell(c) for c in nb.cells if c.cell_type == "code" and c.source.strip()]


def solution(path):
    """Returns the source of the exercise's solution cell, as a student who
    solved it would type it: the reference solution without its markers."""
    for cell in code_cells(path):
        if cell.grade_id == "solution":
            return "\n".join(line for line in cell.source.splitlines()
                             if line.strip() not in ("// BEGIN SOLUTION", "// END SOLUTION"))
    raise LookupError(f"{path} has no solution cell")


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
        # Each student's control group goes with their server.
        self.assertEqual(hub.cgroups_left, [], "students' control groups outlived their servers")

    async def use_kernels(self, kernels):
        for k in kernels:
            await k.connect()
        lesson = code_cells(LESSON)
        for piece, _ in LESSON_RESULTS:
            self.assertEqual(sum(piece in c.source for c in lesson), 1,
                             f"{LESSON}: want one code cell holding {piece!r}")

        # Every student works through the lesson at the same time: each cell
        # ends as it should, shows what the committed notebook shows (a
        # chart, a result, an error), and prints what it must.
        async def run_lesson(k):
            for cell in lesson:
                r = await k.execute(cell.source)
                where = f"{k.user}: {cell.source[:60]!r}"
                self.assertEqual(r.status, "error" if cell.should_fail else "ok", f"{where}: {r!r}")
                self.assertEqual(r.kinds, cell.kinds, f"{where}: outputs of other kinds than committed")
                for piece, patterns in LESSON_RESULTS:
                    if piece in cell.source:
                        for pattern in patterns:
                            self.assertRegex(r.report(), re.compile(pattern, re.M), where)

        await asyncio.gather(*(run_lesson(k) for k in kernels))

        # Then each does the exercise: as released, its checks fail, saying
        # why; solved, every check passes on every run.
        released, solved = code_cells(RELEASED), solution(SOLVED)
        checks = [c for c in released if c.grade_id.startswith("test_")]
        self.assertTrue(checks, f"{RELEASED} has no checks")

        async def do_exercise(k):
            for cell in released:
                r = await k.execute(cell.source)
                if cell in checks:
                    self.assertEqual((r.status, r.ename), ("error", "panic"), f"{k.user}: {r!r}")
                    self.assertIn("runs failed", r.evalue, k.user)
                    self.assertIn("x panic: not implemented", r.text, k.user)
                else:
                    self.assertEqual(r.status, "ok", f"{k.user}: {cell.source[:60]!r}: {r!r}")
            self.assertEqual((await k.execute(solved)).status, "ok", f"{k.user}: the solution")
            for cell in checks:
                r = await k.execute(cell.source)
                self.assertEqual(r.status, "ok", f"{k.user}: {cell.source[:60]!r}: {r!r}")
                self.assertRegex(r.text, r"^✓ .*: all 10 runs passed\n$", k.user)

        await asyncio.gather(*(do_exercise(k) for k in kernels))

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
        self.assertEqual(tuple(await chen.execute("6 * 7")), ("ok", "42", "", ""))
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
        self.check_cpu_limit(brian.hub, tree)
        os.kill(server, signal.SIGKILL)
        deadline = time.monotonic() + 5
        while alive(tree) and time.monotonic() < deadline:
            await asyncio.sleep(0.1)
        self.assertEqual(alive(tree), [], "brian's kernel outlived his server by 5 s")
        self.assertEqual((await chen.execute("6 * 7"))[:2], ("ok", "42"))


    def check_cpu_limit(self, hub, tree):
        """brian's server was given half a core: his kernel and interpreter
        are held to it while his goroutine spins, or, where the machine
        allows no CPU limit, the hub's log says it is not enforced."""
        if not cpu_limits_possible():
            with open(hub.log.name, errors="replace") as f:
                self.assertIn("cpu_limit 0.5 cores for brian is NOT enforced", f.read())
            return
        group = cpu_group(tree[0])
        self.assertEqual(os.path.basename(group), "brian", f"brian's kernel runs in {group}")
        self.assertEqual(os.path.basename(os.path.dirname(group)), hub.cgroup_parent)
        for pid in tree:
            self.assertEqual(cpu_group(pid), group, f"process {pid} of brian's kernel")
        if os.path.exists(os.path.join(group, "cpu.max")):
            self.assertEqual(read(os.path.join(group, "cpu.max")).split(), ["50000", "100000"])
        else:
            self.assertEqual(read(os.path.join(group, "cpu.cfs_quota_us")).strip(), "50000")
            self.assertEqual(read(os.path.join(group, "cpu.cfs_period_us")).strip(), "100000")
        # A goroutine spinning on a core wants twice the quota: the
        # scheduler must have held it back.
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            stat = dict(line.split() for line in read(os.path.join(group, "cpu.stat")).splitlines())
            if int(stat["nr_throttled"]) > 0:
                return
            time.sleep(0.2)
        self.fail(f"brian's spinning goroutine was never throttled: {stat}")


if __name__ == "__main__":
    unittest.main()
