#!/usr/bin/python3
"""Each student's CPU share on one JupyterHub, as docs/jupyterhub_config.py
enforces it.

Starts Debian's JupyterHub as tests/e2e/test_hub.py does, with its
CPU-limited spawner: ada has a cpu_limit of 1 core, brian 0.5, chen none.
Each runs a cell that spins goroutines on every core (GOMAXPROCS is the
machine's core count) for SECONDS, one student at a time, in turns; the CPU
time their kernel processes spend over that window, divided by the wall
time, is the number of cores each got. Printed: medians over ROUNDS rounds,
and each student's cores as a ratio to chen's, the unlimited peer. Run as
root on a machine with cgroups the hub can write (see docs/jupyterhub.md);
elsewhere every student gets what chen gets. On a busy machine nobody gets
their limit and the figures say little.

usage: /usr/bin/python3 tests/bench/hub_cpu.py [--seconds S] [--rounds N]
"""

import argparse
import asyncio
import os
import shutil
import statistics
import sys
import tempfile
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "tests", "e2e"))

import test_hub  # noqa: E402  (the hub and websocket helpers)

from hub import usage  # noqa: E402  (resident memory and CPU time of processes)

# cpu_limit per student; None: no limit, the peer the others are compared with.
LIMITS = {"ada": 1.0, "brian": 0.5, "chen": None}
CONFIG = f"""
def bench_limits(spawner):
    spawner.cpu_limit = {LIMITS!r}.get(spawner.user.name)
c.Spawner.pre_spawn_hook = bench_limits
"""


def spin(seconds):
    return ('import (\n\t"runtime"\n\t"sync"\n\t"time"\n)\n'
            f'deadline := time.Now().Add({int(seconds * 1000)} * time.Millisecond)\n'
            'var spinners sync.WaitGroup\nfor range runtime.NumCPU() {\n'
            '\tspinners.Go(func() {\n\t\tfor n := 0; time.Now().Before(deadline); n++ {\n\t\t}\n\t})\n}\n'
            'spinners.Wait()\n"spun"')


async def cores_used(kernel, seconds):
    """Runs the spinning cell in kernel; returns the cores it got."""
    tree = test_hub.descendants(test_hub.process_of(f"kernel-{kernel.id}.json"))
    before = usage(tree)[1]
    start = time.monotonic()
    r = await kernel.execute(spin(seconds))
    wall = time.monotonic() - start
    if r.status != "ok":
        raise RuntimeError(f"{kernel.user}: {r!r}")
    return (usage(tree)[1] - before) / wall


async def measure(hub, rounds, seconds):
    kernels = [hub.start_kernel(user) for user in LIMITS]
    for k in kernels:
        await k.connect()
        await k.execute("1")
    cores = {k.user: [] for k in kernels}
    for r in range(rounds):
        # Interleaved, the order turned each round.
        for k in kernels if r % 2 == 0 else kernels[::-1]:
            cores[k.user].append(await cores_used(k, seconds))
        print(f"round {r + 1}: " + ", ".join(f"{u} {v[-1]:.2f} cores" for u, v in cores.items()),
              file=sys.stderr)
    return cores


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seconds", type=float, default=3)
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()

    tmp = tempfile.mkdtemp(prefix="goconc-hub-cpu.")
    test_hub.install_kernel(tmp)

    hub = test_hub.Hub(os.path.join(tmp, "hub"), CONFIG)
    try:
        for user in LIMITS:
            hub.start_server(user)
        cores = asyncio.run(measure(hub, args.rounds, args.seconds))
    finally:
        hub.stop()
        shutil.rmtree(tmp, ignore_errors=True)

    enforced = test_hub.cpu_limits_possible()
    print(f"{args.rounds} rounds of {args.seconds:g} s spinning on every core, one student at a time, "
          f"{os.cpu_count()} cores; limits {'enforced' if enforced else 'NOT enforced on this machine'}")
    print(f"{'student':<8} {'cpu_limit':>9} {'cores used':>11} {'vs chen':>8}")
    peer = statistics.median(cores["chen"])
    for user, limit in LIMITS.items():
        used = statistics.median(cores[user])
        shown = "none" if limit is None else f"{limit:.2f}"
        print(f"{user:<8} {shown:>9} {used:>11.2f} {used / peer:>8.2f}")


if __name__ == "__main__":
    main()
