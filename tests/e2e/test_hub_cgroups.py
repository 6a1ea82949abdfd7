"""The recipe's CPU-limited spawner against each kind of machine.

tests/e2e/test_hub.py checks the limit on the machine it runs on, which has
one kind of cgroup set-up. Here the spawner from docs/jupyterhub_config.py
meets the other kinds, as directory trees shaped like the cgroup
filesystems: cgroup v2 with the cpu controller, v2 without it (a hybrid
machine) next to a v1 cpu hierarchy, and neither. It must write the quota
where the kernel reads it, put the server's process in the student's group,
and, with nowhere to write, say why instead of starting the server as if
limited.
"""

import os
import tempfile
import types
import unittest

from test_hub import load_config

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
CONFIG = os.path.join(ROOT, "docs", "jupyterhub_config.py")


def read(path):
    with open(path) as f:
        return f.read()


class CPULimitedSpawner(unittest.TestCase):
    def setUp(self):
        self.ns = load_config()
        self.cls = self.ns["CPULimitedSpawner"]
        self.assertIs(self.ns["c"].JupyterHub.spawner_class, self.cls)
        self.assertEqual(self.ns["c"].Spawner.cpu_limit, 1.0)
        tmp = tempfile.TemporaryDirectory()
        self.addCleanup(tmp.cleanup)
        self.tmp = tmp.name

    def spawner(self, mounts, cpu_limit):
        self.ns["cgroup_mounts"] = lambda: mounts
        return self.cls(user=types.SimpleNamespace(name="ada"), cpu_limit=cpu_limit)

    def hierarchy(self, name, files):
        root = os.path.join(self.tmp, name)
        os.makedirs(root)
        for f, text in files.items():
            with open(os.path.join(root, f), "w") as out:
                out.write(text)
        return root

    def test_cgroup_v2_with_cpu(self):
        v2 = self.hierarchy("unified", {"cgroup.controllers": "cpuset cpu io memory pids\n",
                                        "cgroup.subtree_control": ""})
        group = self.spawner((v2, None), 0.5)._hold_to_cpu_limit(4242)
        self.assertEqual(group, os.path.join(v2, "goconc-jupyterhub", "ada"))
        self.assertEqual(read(os.path.join(group, "cpu.max")), "50000 100000")
        self.assertEqual(read(os.path.join(group, "cgroup.procs")), "4242")
        # The cpu controller is handed down to the students' groups.
        self.assertEqual(read(os.path.join(v2, "cgroup.subtree_control")), "+cpu")
        self.assertEqual(read(os.path.join(v2, "goconc-jupyterhub", "cgroup.subtree_control")), "+cpu")

    def test_hybrid_machine_uses_cgroup_v1(self):
        v2 = self.hierarchy("unified", {"cgroup.controllers": "hugetlb\n"})
        v1 = self.hierarchy("cpu", {})
        group = self.spawner((v2, v1), 1.5)._hold_to_cpu_limit(4242)
        self.assertEqual(group, os.path.join(v1, "goconc-jupyterhub", "ada"))
        self.assertEqual(read(os.path.join(group, "cpu.cfs_period_us")), "100000")
        self.assertEqual(read(os.path.join(group, "cpu.cfs_quota_us")), "150000")
        self.assertEqual(read(os.path.join(group, "cgroup.procs")), "4242")

    def test_no_cpu_control_says_why(self):
        v2 = self.hierarchy("unified", {"cgroup.controllers": "memory pids\n"})
        with self.assertRaises(LookupError) as caught:
            self.spawner((v2, None), 1.0)._hold_to_cpu_limit(4242)
        self.assertEqual(str(caught.exception), f"the cgroup v2 hierarchy at {v2} has no cpu controller; "
                                                "there is no cgroup v1 cpu hierarchy")

    def test_mounts_of_this_machine(self):
        # Whatever this machine has, the parser finds it without error.
        v2, v1 = self.ns["cgroup_mounts"]()
        for mount in (v2, v1):
            if mount is not None:
                self.assertTrue(os.path.isdir(mount), mount)


if __name__ == "__main__":
    unittest.main()
