"""./install.sh --system, run for real, then used by students without root.

The script runs as root (as CI does) with --prefix pointing at a throwaway
directory every user can reach, so that the binary, the kernelspec and the
shared build cache all land there and nothing else on the machine changes.
Two students, unprivileged accounts with homes of their own, then start a
kernel from the installed kernelspec with jupyter_client and run an
interpreted cell and a native one. Their native builds must come from the
shared cache (nothing it holds is built again in their own cache), and
neither may change what the other's builds read: the shared cache stays
exactly as root left it, whatever a student tries.
"""

import hashlib
import json
import os
import pwd
import shutil
import subprocess
import tempfile
import unittest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
PYTHON = "/usr/bin/python3"
# Unused user ids for the two students: the test needs no account in
# /etc/passwd, only ids that own nothing yet.
STUDENT_IDS = {"ada": 64101, "brian": 64102}
INSTALL_TIMEOUT = 900  # seconds; the shared cache is built from nothing

# Runs as a student: starts the installed kernelspec, runs an interpreted
# and a native cell, then tries to change the shared cache in every way a
# file allows. Prints one JSON object.
STUDENT = r'''
import json, os, sys
from jupyter_client.manager import start_new_kernel

shared = sys.argv[1]
result = {"cells": {}, "attacks": {}}
km, kc = start_new_kernel(kernel_name="goconc", startup_timeout=120)
try:
    cells = {
        "interpreted": 'import (\n\t"fmt"\n\t"sync"\n)\nvar mu sync.Mutex\nvar wg sync.WaitGroup\ntotal := 0\n'
                       'for g := 0; g < 4; g++ {\n\twg.Go(func() {\n\t\tfor i := 0; i < 1000; i++ {\n'
                       '\t\t\tmu.Lock()\n\t\t\ttotal++\n\t\t\tmu.Unlock()\n\t\t}\n\t})\n}\nwg.Wait()\n'
                       'fmt.Println(total)',
        "native": '%%native\nimport (\n\t"fmt"\n\t"sync"\n)\nresults := make(chan int)\n'
                  'var wg sync.WaitGroup\nfor g := 1; g <= 4; g++ {\n\twg.Add(1)\n'
                  '\tgo func() {\n\t\tdefer wg.Done()\n\t\tresults <- g * g\n\t}()\n}\n'
                  'go func() {\n\twg.Wait()\n\tclose(results)\n}()\nsum := 0\n'
                  'for r := range results {\n\tsum += r\n}\nfmt.Println("sum of squares", sum)',
    }
    for name, code in cells.items():
        out = []
        reply = kc.execute_interactive(code, timeout=300, output_hook=lambda m: out.append(m))
        text = "".join(m["content"].get("text", "") for m in out if m["msg_type"] == "stream")
        errors = [m["content"]["ename"] + ": " + m["content"]["evalue"] for m in out if m["msg_type"] == "error"]
        result["cells"][name] = {"status": reply["content"]["status"], "text": text, "errors": errors}
    result["kernel_uid"] = os.stat(f"/proc/{km.provisioner.process.pid}").st_uid
finally:
    km.shutdown_kernel(now=True)

def attempt(name, f):
    try:
        f()
        result["attacks"][name] = "succeeded"
    except OSError as e:
        result["attacks"][name] = type(e).__name__

entry = sorted(os.listdir(os.path.join(shared, "o")))[0]
target = os.path.join(shared, "o", entry)
attempt("create an entry", lambda: open(os.path.join(shared, "a", "poisoned"), "w").close())
attempt("overwrite an output", lambda: open(target, "r+b").write(b"poison"))
attempt("replace an output", lambda: os.rename(os.path.join(shared, "a", os.listdir(os.path.join(shared, "a"))[0]), target))
attempt("delete an output", lambda: os.remove(target))
attempt("make an output writable", lambda: os.chmod(target, 0o666))
attempt("make the layer writable", lambda: os.chmod(os.path.join(shared, "o"), 0o777))
attempt("replace the layer", lambda: os.rename(os.path.join(shared, "o"), os.path.join(shared, "o.old")))
print(json.dumps(result))
'''


def snapshot(tree):
    """Returns every file and directory under tree with its owner, mode and,
    for files, a hash of its content."""
    state = {}
    for dirpath, dirnames, filenames in os.walk(tree):
        for name in dirnames + filenames:
            path = os.path.join(dirpath, name)
            st = os.lstat(path)
            digest = ""
            if os.path.isfile(path):
                with open(path, "rb") as f:
                    digest = hashlib.sha256(f.read()).hexdigest()
            state[os.path.relpath(path, tree)] = (st.st_uid, st.st_gid, st.st_mode, digest)
    return state


@unittest.skipUnless(os.geteuid() == 0, "install.sh --system needs root (CI runs as root)")
class SystemInstall(unittest.TestCase):
    def setUp(self):
        for uid in STUDENT_IDS.values():
            try:
                pwd.getpwuid(uid)
                self.fail(f"user id {uid} belongs to an account here; the test needs an unused one")
            except KeyError:
                pass
        # Every user must be able to reach the prefix, as under /usr/local.
        base = os.environ.get("GOCONC_E2E_TMP")
        self.root = tempfile.mkdtemp(prefix="goconc-system-", dir="/tmp")
        os.chmod(self.root, 0o755)
        if not os.environ.get("GOCONC_E2E_KEEP"):  # kept for inspection, as run.sh keeps its own
            self.addCleanup(shutil.rmtree, self.root, ignore_errors=True)
        self.log = os.path.join(base or self.root, "system-install.log")

    def test_install_for_every_user(self):
        prefix = os.path.join(self.root, "usr", "local")
        with open(self.log, "w") as log:
            proc = subprocess.run([os.path.join(ROOT, "install.sh"), "--system", "--no-jupyter",
                                   "--prefix", prefix], cwd=self.root, stdout=log,
                                  stderr=subprocess.STDOUT, timeout=INSTALL_TIMEOUT)
        with open(self.log) as f:
            output = f.read()
        self.assertEqual(proc.returncode, 0, output[-3000:])
        print(output.strip().splitlines()[-1], flush=True)

        binary = os.path.join(prefix, "bin", "goconc")
        shared = os.path.join(prefix, "var", "cache", "goconc", "build")
        spec_dir = os.path.join(prefix, "share", "jupyter", "kernels", "goconc")
        self.assertEqual(os.stat(binary).st_mode & 0o777, 0o755)
        with open(os.path.join(spec_dir, "kernel.json")) as f:
            spec = json.load(f)
        self.assertEqual(spec["argv"][0], binary)
        self.assertEqual(spec["env"]["GOCACHEPROG"], f"{binary} gocache --shared {shared}")

        # root filled the shared cache, and only root may write to it.
        before = snapshot(shared)
        outputs = {p for p in before if p.startswith("o/")}
        self.assertGreater(len(outputs), 50, "install.sh left the shared build cache nearly empty")
        for path, (uid, _, mode, _) in before.items():
            self.assertEqual(uid, 0, f"{path} in the shared cache is not root's")
            self.assertEqual(mode & 0o022, 0, f"{path} in the shared cache is writable by others")

        go = shutil.which("go") or "/usr/local/go/bin/go"
        for name, uid in STUDENT_IDS.items():
            with self.subTest(student=name):
                own = self.run_student(name, uid, prefix, shared, os.path.dirname(go))
                self.assertEqual(snapshot(shared), before,
                                 f"{name}'s kernel and attempts changed the shared build cache")
                # The student's native build read the shared layer: no action
                # it holds was run again and stored in the student's own.
                # (Outputs are named by their content, so two actions with
                # the same output, such as an empty file, share a name:
                # actions are what tell a rebuild.)
                rebuilt = [e for e in os.listdir(os.path.join(own, "a"))
                           if os.path.exists(os.path.join(shared, "a", e))]
                self.assertEqual(rebuilt, [], f"{name}'s build ran again actions the shared cache holds")
                self.assertTrue(os.listdir(os.path.join(own, "a")), f"{name}'s own cache layer is empty")
                for dirpath, _, filenames in os.walk(own):
                    for f in filenames:
                        st = os.stat(os.path.join(dirpath, f))
                        self.assertEqual((st.st_uid, st.st_mode & 0o022), (uid, 0),
                                         f"{name}'s cache entry {f}: owner or mode")

    def test_refuses_a_prefix_students_cannot_reach(self):
        private = os.path.join(self.root, "private")
        os.mkdir(private, 0o700)
        prefix = os.path.join(private, "usr", "local")
        proc = subprocess.run([os.path.join(ROOT, "install.sh"), "--system", "--no-jupyter",
                               "--prefix", prefix], capture_output=True, text=True, timeout=120)
        self.assertNotEqual(proc.returncode, 0, proc.stdout)
        self.assertIn(f"other users cannot enter {private} (mode drwx------)", proc.stderr)
        self.assertEqual(os.listdir(private), [], "the refused install left files behind")

    def run_student(self, name, uid, prefix, shared, go_bin):
        """Runs STUDENT as the user id uid; returns the user's own cache layer."""
        home = os.path.join(self.root, "home", name)
        os.makedirs(home)
        os.chown(home, uid, uid)
        os.chmod(home, 0o700)
        env = {
            "HOME": home,
            "USER": name,
            "PATH": f"{go_bin}:/usr/local/bin:/usr/bin:/bin",
            "LANG": "C.UTF-8",
            "JUPYTER_PATH": os.path.join(prefix, "share", "jupyter"),
            "PYTHONDONTWRITEBYTECODE": "1",
        }
        proc = subprocess.run([PYTHON, "-c", STUDENT, shared], cwd=home, env=env, user=uid,
                              group=uid, extra_groups=[], capture_output=True, text=True, timeout=600)
        self.assertEqual(proc.returncode, 0, f"{name}: {proc.stderr[-3000:]}")
        result = json.loads(proc.stdout.strip().splitlines()[-1])
        self.assertEqual(result["kernel_uid"], uid, f"{name}'s kernel does not run as {name}")
        cells = result["cells"]
        self.assertEqual((cells["interpreted"]["status"], cells["interpreted"]["text"]), ("ok", "4000\n"),
                         f"{name}: {cells['interpreted']}")
        self.assertEqual((cells["native"]["status"], cells["native"]["text"]), ("ok", "sum of squares 30\n"),
                         f"{name}: {cells['native']}")
        for attack, outcome in result["attacks"].items():
            self.assertEqual(outcome, "PermissionError", f"{name} tried to {attack} in the shared cache")
        return os.path.join(home, ".cache", "goconc", "build")


if __name__ == "__main__":
    unittest.main()
