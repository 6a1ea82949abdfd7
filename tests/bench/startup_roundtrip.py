#!/usr/bin/python3
"""Start-up and round-trip times of the goconc kernel beside ipykernel.

Usage (from the repository root, with Debian's Jupyter installed):

    /usr/bin/python3 tests/bench/startup_roundtrip.py [--runs 7] [--cells 30]

Each run starts each kernel afresh through jupyter_client, the two kernels
taking turns so that both see the same machine load, and measures over
ZeroMQ:

  start-up      from starting the kernel process to its kernel_info_reply
  first cell    execute_request of the first cell to its execute_reply and
                idle status (a kernel may finish warming up here)
  first result  start-up plus first cell, run by run
  round trip    as first cell, for each later cell

The cell is "1 + 1" in both languages. The script prints the medians and
the ratios goconc/ipykernel. It builds goconc and its kernelspec in a
temporary directory (or uses --goconc-bin), and uses Debian's python3
kernelspec (python3-ipykernel) for ipykernel.
"""

import argparse
import os
import pathlib
import queue
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[2]
CELL = "1 + 1"
TIMEOUT = 60.0


def prepare_goconc(tmp, binary):
    """Builds goconc unless given, installs its kernelspec under tmp and
    points Jupyter there, away from the user's own set-up."""
    if binary is None:
        binary = os.path.join(tmp, "goconc")
        go = shutil.which("go") or "/usr/local/go/bin/go"
        subprocess.run([go, "build", "-o", binary, "./cmd/goconc"], cwd=ROOT, check=True)
    prefix = os.path.join(tmp, "prefix")
    subprocess.run([binary, "install", "--prefix", prefix], check=True, stdout=subprocess.DEVNULL)
    os.environ["JUPYTER_PATH"] = os.path.join(prefix, "share", "jupyter")
    for var, sub in (("JUPYTER_RUNTIME_DIR", "runtime"), ("JUPYTER_DATA_DIR", "data"),
                     ("JUPYTER_CONFIG_DIR", "config"), ("IPYTHONDIR", "ipython")):
        os.environ[var] = os.path.join(tmp, sub)
    os.environ["PYDEVD_DISABLE_FILE_VALIDATION"] = "1"


def wait_reply(kc, msg_id, deadline):
    while True:
        left = deadline - time.perf_counter()
        if left <= 0:
            raise TimeoutError("no reply from the kernel")
        msg = kc.get_shell_msg(timeout=left)
        if msg["parent_header"].get("msg_id") == msg_id:
            return msg


def wait_idle(kc, msg_id, deadline):
    while True:
        left = deadline - time.perf_counter()
        if left <= 0:
            raise TimeoutError("the kernel did not go idle")
        msg = kc.get_iopub_msg(timeout=left)
        if (msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "status"
                and msg["content"]["execution_state"] == "idle"):
            return


def ensure_iopub(kc, deadline):
    """Waits until IOPub delivers. A subscription takes effect a moment
    after connecting, and a kernel's messages published before that are
    lost; the kernel_info_reply arrives on shell, which has no such gap."""
    while time.perf_counter() < deadline:
        msg_id = kc.kernel_info()
        wait_reply(kc, msg_id, deadline)
        try:
            kc.get_iopub_msg(timeout=0.5)
        except queue.Empty:
            continue
        while True:  # drain what the kernel_info requests published
            try:
                kc.get_iopub_msg(timeout=0.2)
            except queue.Empty:
                return
    raise TimeoutError("IOPub delivered nothing")


def round_trip(kc):
    """Seconds from execute_request to both execute_reply and idle."""
    start = time.perf_counter()
    deadline = start + TIMEOUT
    msg_id = kc.execute(CELL)
    reply = wait_reply(kc, msg_id, deadline)
    wait_idle(kc, msg_id, deadline)
    elapsed = time.perf_counter() - start
    if reply["content"]["status"] != "ok":
        raise RuntimeError(f"cell failed: {reply['content']}")
    return elapsed


def one_run(kernel, cells):
    """Starts kernel, times its start-up and cells, and shuts it down."""
    from jupyter_client.manager import KernelManager

    km = KernelManager(kernel_name=kernel)
    start = time.perf_counter()
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    try:
        deadline = start + TIMEOUT
        # A request sent before the kernel has bound its sockets waits in
        # ZeroMQ's queue; ask again now and then in case one is lost.
        while True:
            msg_id = kc.kernel_info()
            try:
                wait_reply(kc, msg_id, min(deadline, time.perf_counter() + 1))
                break
            except (TimeoutError, queue.Empty):
                if not km.is_alive():
                    raise RuntimeError(f"kernel {kernel} died while starting")
                if time.perf_counter() > deadline:
                    raise
        startup = time.perf_counter() - start
        ensure_iopub(kc, deadline)
        first = round_trip(kc)
        rest = [round_trip(kc) for _ in range(cells - 1)]
        return startup, first, rest
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=False)


def ms(seconds):
    return f"{seconds * 1000:.1f}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7, help="kernel starts per kernel (default 7)")
    parser.add_argument("--cells", type=int, default=30, help="cells per start (default 30)")
    parser.add_argument("--goconc-bin", help="use this goconc binary instead of building one")
    parser.add_argument("--baseline", default="python3", help="kernelspec to compare with (default python3)")
    args = parser.parse_args()
    if args.runs < 1 or args.cells < 2:
        parser.error("need at least 1 run and 2 cells")

    tmp = tempfile.mkdtemp(prefix="goconc-bench-")
    try:
        prepare_goconc(tmp, args.goconc_bin)
        kernels = ["goconc", args.baseline]
        results = {k: {"startup": [], "first": [], "ready": [], "trip": []} for k in kernels}
        for run in range(args.runs):
            for kernel in kernels if run % 2 == 0 else reversed(kernels):
                startup, first, rest = one_run(kernel, args.cells)
                r = results[kernel]
                r["startup"].append(startup)
                r["first"].append(first)
                r["ready"].append(startup + first)
                r["trip"].extend(rest)
            print(f"run {run + 1}/{args.runs} done", file=sys.stderr)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    medians = {k: {m: statistics.median(v) for m, v in r.items()} for k, r in results.items()}
    print(f"{args.runs} runs, {args.cells} cells each, cell {CELL!r}, {os.cpu_count()} CPUs; medians in ms")
    columns = (("startup", "start-up"), ("first", "first cell"), ("ready", "first result"), ("trip", "round trip"))
    print(f"{'kernel':<12}" + "".join(f"{title:>14}" for _, title in columns))
    for k in kernels:
        print(f"{k:<12}" + "".join(f"{ms(medians[k][m]):>14}" for m, _ in columns))
    g, b = medians["goconc"], medians[args.baseline]
    print(f"{'ratio':<12}" + "".join(f"{g[m] / b[m]:>14.2f}" for m, _ in columns))


if __name__ == "__main__":
    main()
