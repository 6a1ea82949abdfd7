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
import os

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

# A server per student, started as that student.
c.JupyterHub.spawner_class = "jupyterhub.spawner.LocalProcessSpawner"
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
