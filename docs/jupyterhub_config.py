# JupyterHub configuration for a goconc course on one Debian machine.
#
# Install once, as root:
#   apt-get install jupyterhub        # Debian's hub, proxy and notebook server
#   ./install.sh --system             # goconc for every user (see docs/jupyterhub.md)
# then run:
#   jupyterhub -f docs/jupyterhub_config.py
#
# Each student logs in with their own Unix account (PAM) and gets a notebook
# server of their own, in which "Go (goconc)" is a kernel like any other.
# tests/e2e/test_hub.py runs this file with test overrides (a dummy login,
# temporary paths); keep them in step.
import asyncio
import inspect
import os

from jupyterhub.spawner import LocalProcessSpawner
from traitlets import Unicode

c = get_config()  # noqa: F821 (provided by JupyterHub when it loads this file)

# Debian's configurable-http-proxy is a Node.js program whose modules live
# in /usr/share/nodejs; a Node.js that did not come from Debian does not
# look there.
if os.path.isdir("/usr/share/nodejs"):
    os.environ.setdefault("NODE_PATH", "/usr/share/nodejs")

# Listen on loopback; put a TLS-terminating web server in front for a class.
c.JupyterHub.bind_url = "http://127.0.0.1:8000"

# Students' own accounts (the default authenticator is PAM; named here so
# that the choice is visible).
c.JupyterHub.authenticator_class = "jupyterhub.auth.PAMAuthenticator"


class CPULimitedSpawner(LocalProcessSpawner):
    """A LocalProcessSpawner that holds each student's server, and every
    kernel and interpreter process it starts, to Spawner.cpu_limit cores
    with a control group of its own: cgroup v2's cpu.max where the hub's
    machine has the cpu controller in its v2 hierarchy, else cgroup v1's
    CFS quota. Where neither can be written (the hub not root, a container
    without its cgroups), the server starts unlimited and the hub's log
    says why. GOCONC_MAX_PROCS bounds only how many cores a kernel's
    goroutines run on at once; this bounds how much CPU time a student
    gets, whatever they run."""

    cgroup_parent = Unicode(
        "goconc-jupyterhub",
        config=True,
        help="Control group, under the hierarchy's root, holding one group per student.",
    )
    cgroup_period_us = 100_000  # the kernel's default CFS period

    async def start(self):
        result = await super().start()
        self.cgroup_dir = None
        if self.cpu_limit:
            try:
                self.cgroup_dir = self._hold_to_cpu_limit(self.pid)
                self.log.info("cpu_limit %g cores for %s: %s", self.cpu_limit, self.user.name, self.cgroup_dir)
            except (OSError, LookupError) as e:
                self.log.warning("cpu_limit %g cores for %s is NOT enforced: %s. Run the hub as root on a "
                                 "machine with cgroup v2 (cpu controller) or cgroup v1 (cpu hierarchy), or "
                                 "use a spawner that enforces cpu_limit (systemd, Kubernetes).",
                                 self.cpu_limit, self.user.name, e)
        return result

    async def run_post_stop_hook(self):
        # Called whenever the hub finds a server stopped, whether it stopped
        # it or found it dead. The server's kernels exit once it has gone;
        # the group can be removed when the last of them has.
        group, self.cgroup_dir = getattr(self, "cgroup_dir", None), None
        error = None
        for _ in range(50 if group else 0):
            try:
                os.rmdir(group)
                break
            except FileNotFoundError:
                break
            except OSError as e:
                error = e
                await asyncio.sleep(0.2)
        else:
            if group:
                self.log.warning("could not remove %s: %s", group, error)
        result = super().run_post_stop_hook()
        if inspect.isawaitable(result):
            result = await result
        return result

    def get_state(self):
        state = super().get_state()
        if getattr(self, "cgroup_dir", None):
            state["cgroup_dir"] = self.cgroup_dir
        return state

    def load_state(self, state):
        super().load_state(state)
        self.cgroup_dir = state.get("cgroup_dir")

    def _hold_to_cpu_limit(self, pid):
        """Moves pid into a new group of the student's, limited to
        cpu_limit cores, and returns the group's directory."""
        quota = max(1000, int(self.cpu_limit * self.cgroup_period_us))
        v2, v1 = cgroup_mounts()
        why = []
        if v2:
            controllers = read(os.path.join(v2, "cgroup.controllers")).split()
            if "cpu" in controllers:
                parent = os.path.join(v2, self.cgroup_parent)
                write(os.path.join(v2, "cgroup.subtree_control"), "+cpu")
                os.makedirs(parent, exist_ok=True)
                write(os.path.join(parent, "cgroup.subtree_control"), "+cpu")
                group = os.path.join(parent, self.user.name)
                os.makedirs(group, exist_ok=True)
                write(os.path.join(group, "cpu.max"), f"{quota} {self.cgroup_period_us}")
                write(os.path.join(group, "cgroup.procs"), str(pid))
                return group
            why.append(f"the cgroup v2 hierarchy at {v2} has no cpu controller")
        if v1:
            group = os.path.join(v1, self.cgroup_parent, self.user.name)
            os.makedirs(group, exist_ok=True)
            write(os.path.join(group, "cpu.cfs_period_us"), str(self.cgroup_period_us))
            write(os.path.join(group, "cpu.cfs_quota_us"), str(quota))
            write(os.path.join(group, "cgroup.procs"), str(pid))
            return group
        why.append("there is no cgroup v1 cpu hierarchy")
        raise LookupError("; ".join(why))


def cgroup_mounts():
    """Returns the mount points of the cgroup v2 hierarchy and of the
    cgroup v1 hierarchy with the cpu controller, each None if absent."""
    v2 = v1 = None
    with open("/proc/self/mountinfo") as f:
        for line in f:
            fields = line.split()
            sep = fields.index("-")
            mount, fstype, options = fields[4], fields[sep + 1], fields[sep + 3].split(",")
            if fstype == "cgroup2" and v2 is None:
                v2 = mount
            elif fstype == "cgroup" and "cpu" in options and v1 is None:
                v1 = mount
    return v2, v1


def read(path):
    with open(path) as f:
        return f.read()


def write(path, text):
    with open(path, "w") as f:
        f.write(text)


# A server per student, started as that student, held to cpu_limit cores.
c.JupyterHub.spawner_class = CPULimitedSpawner
# Each student's share of the machine's CPU time: a spinning goroutine in
# one notebook cannot take more than this from the others.
c.Spawner.cpu_limit = 1.0
c.Spawner.default_url = "/tree"
c.Spawner.start_timeout = 60
c.Spawner.http_timeout = 60

# Idle kernels are shut down by the notebook server (notebook 6's culler),
# so a forgotten goroutine does not hold a core for the rest of the day.
c.Spawner.args = [
    "--MappingKernelManager.cull_idle_timeout=3600",
    "--MappingKernelManager.cull_interval=300",
    "--MappingKernelManager.cull_connected=True",
]

# When the hub stops, students' servers stop too, and with them every
# kernel and interpreter process.
c.JupyterHub.cleanup_servers = True
