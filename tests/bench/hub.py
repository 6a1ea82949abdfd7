#!/usr/bin/python3
"""Students per core and memory per student on one JupyterHub.

Starts Debian's JupyterHub with docs/jupyterhub_config.py (as
tests/e2e/test_hub.py does), STUDENTS students each with a server, and in
turns a goconc kernel and an ipykernel per student. Each student's kernel runs
the same short lesson, in Go or in Python: a counter shared by 4 workers under
a lock (100,000 increments), 20 simulated requests of 50 ms through 5 workers,
and 200 printed lines. For each kind of kernel it prints medians over ROUNDS
rounds of:

  idle MiB     resident memory of one student's kernel processes after start-up
               (goconc: the kernel and its interpreter; ipykernel: one process)
  lesson MiB   the same after the lesson ran
  CPU s        CPU time the kernel processes spent on the lesson
  students/core  how many students one core serves if each runs the lesson
               once a minute: 60 / CPU s

usage: /usr/bin/python3 tests/bench/hub.py [--students N] [--rounds N]
"""

import argparse
import asyncio
import os
import statistics
import sys
import tempfile

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "tests", "e2e"))

import test_hub  # noqa: E402  (the hub and websocket helpers)

GO_LESSON = [
    'import (\n\t"fmt"\n\t"sync"\n\t"time"\n)',
    'var mu sync.Mutex\nvar wg sync.WaitGroup\ncount := 0\nfor w := 0; w < 4; w++ {\n'
    '\twg.Go(func() {\n\t\tfor i := 0; i < 25000; i++ {\n\t\t\tmu.Lock()\n\t\t\tcount++\n'
    '\t\t\tmu.Unlock()\n\t\t}\n\t})\n}\nwg.Wait()\ncount',
    'jobs := make(chan int)\nvar done sync.WaitGroup\nfor w := 0; w < 5; w++ {\n'
    '\tdone.Go(func() {\n\t\tfor range jobs {\n\t\t\ttime.Sleep(50 * time.Millisecond)\n\t\t}\n\t})\n}\n'
    'for i := 0; i < 20; i++ {\n\tjobs <- i\n}\nclose(jobs)\ndone.Wait()\n"fetched"',
    'for i := 0; i < 200; i++ {\n\tfmt.Println("line", i)\n}',
]

PY_LESSON = [
    'import threading, time, queue',
    'lock = threading.Lock()\ncount = 0\ndef work():\n    global count\n'
    '    for _ in range(25000):\n        with lock:\n            count += 1\n'
    'ts = [threading.Thread(target=work) for _ in range(4)]\n'
    '[t.start() for t in ts]\n[t.join() for t in ts]\ncount',
    'jobs = queue.Queue()\ndef fetch():\n    while (j := jobs.get()) is not None:\n        time.sleep(0.05)\n'
    'ws = [threading.Thread(target=fetch) for _ in range(5)]\n[w.start() for w in ws]\n'
    'for i in range(20):\n    jobs.put(i)\nfor _ in ws:\n    jobs.put(None)\n[w.join() for w in ws]\n"fetched"',
    'for i in range(200):\n    print("line", i)',
]


def usage(pids):
    """Returns (resident MiB, CPU seconds) summed over pids."""
    rss, cpu = 0, 0.0
    tick = os.sysconf("SC_CLK_TCK")
    page = os.sysconf("SC_PAGE_SIZE")
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            with open(f"/proc/{pid}/statm") as f:
                rss += int(f.read().split()[1]) * page
        except OSError:
            continue
        cpu += (int(fields[11]) + int(fields[12])) / tick
    return rss / (1 << 20), cpu


async def lesson(kernel, cells):
    if kernel.ws is None:
        await kernel.connect()
    for code in cells:
        status, text, ename, evalue = await kernel.execute(code)
        if status != "ok":
            raise RuntimeError(f"{kernel.user}: {code[:40]!r}: {ename}: {evalue}")


async def one_round(hub, students, kind):
    spec, cells = {"goconc": ("goconc", GO_LESSON), "ipykernel": ("python3", PY_LESSON)}[kind]
    kernels = []
    for user in students:
        model = hub.api("post", f"/user/{user}/api/kernels", hub_api=False, json={"name": spec})
        kernels.append(test_hub.Kernel(hub, user, model["id"]))
    # A first cell waits for start-up; then a settled idle reading.
    await all_run(kernels, ["1"])
    await asyncio.sleep(1)
    trees = [test_hub.descendants(test_hub.process_of(f"kernel-{k.id}.json")) for k in kernels]
    idle = [usage(t) for t in trees]
    await all_run(kernels, cells)
    after = [usage(test_hub.descendants(test_hub.process_of(f"kernel-{k.id}.json"))) for k in kernels]
    for k in kernels:
        hub.api("delete", f"/user/{k.user}/api/kernels/{k.id}", hub_api=False)
    return ([m for m, _ in idle], [m for m, _ in after], [a[1] - i[1] for a, i in zip(after, idle)])


async def all_run(kernels, cells):
    await asyncio.gather(*(lesson(k, cells) for k in kernels))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--students", type=int, default=3)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()

    tmp = tempfile.mkdtemp(prefix="goconc-hub-bench.")
    test_hub.install_kernel(tmp)

    hub = test_hub.Hub(os.path.join(tmp, "hub"))
    results = {"goconc": ([], [], []), "ipykernel": ([], [], [])}
    students = [f"student{i}" for i in range(args.students)]
    try:
        for user in students:
            hub.start_server(user)
        for r in range(args.rounds):
            for kind in ("goconc", "ipykernel") if r % 2 == 0 else ("ipykernel", "goconc"):
                idle, after, cpu = asyncio.run(one_round(hub, students, kind))
                for acc, vals in zip(results[kind], (idle, after, cpu)):
                    acc.extend(vals)
                print(f"round {r + 1} {kind}: idle {statistics.median(idle):.1f} MiB, "
                      f"after {statistics.median(after):.1f} MiB, CPU {statistics.median(cpu):.2f} s",
                      file=sys.stderr)
    finally:
        hub.stop()

    print(f"{args.students} students, {args.rounds} rounds, {os.cpu_count()} cores; medians per student")
    print(f"{'kernel':<12} {'idle MiB':>9} {'lesson MiB':>11} {'CPU s':>7} {'students/core':>14}")
    rows = {}
    for kind, (idle, after, cpu) in results.items():
        row = (statistics.median(idle), statistics.median(after), statistics.median(cpu))
        rows[kind] = row
        print(f"{kind:<12} {row[0]:>9.1f} {row[1]:>11.1f} {row[2]:>7.2f} {60 / max(row[2], 1e-3):>14.0f}")
    g, p = rows["goconc"], rows["ipykernel"]
    print(f"{'goconc/ipy':<12} {g[0] / p[0]:>9.2f} {g[1] / p[1]:>11.2f} {g[2] / max(p[2], 1e-3):>7.2f}")


if __name__ == "__main__":
    main()
