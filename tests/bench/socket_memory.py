#!/usr/bin/python3
"""Memory the goconc kernel holds under idle and stalled clients, beside ipykernel.

Usage (from the repository root, with Debian's Jupyter installed):

    /usr/bin/python3 tests/bench/socket_memory.py [--runs 3] [--mb 30]

Each run starts each kernel afresh through jupyter_client, the two kernels
taking turns, and reads the kernel process's resident memory (VmRSS; for
goconc the protocol process, not its interpreter worker) at three points:

  ready        after start-up, one client connected
  100 idle     with 100 more TCP connections that finished a ZMTP
               handshake on the shell port and send nothing
  stalled sub  the peak while a cell prints --mb MB, with one IOPub
               subscriber that subscribed and then reads nothing (the
               jupyter_client still reads everything and must get it all)

It prints the medians in MiB and the ratios goconc/ipykernel.
"""

import argparse
import os
import queue
import shutil
import socket
import statistics
import struct
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from startup_roundtrip import prepare_goconc, wait_reply, ensure_iopub  # noqa: E402

TIMEOUT = 120.0

CELLS = {
    "goconc": 'import "fmt"\nimport "strings"\nline := strings.Repeat("x", 1023) + "\\n"\n'
              'for i := 0; i < {n}; i++ {{ fmt.Print(line) }}',
    "python3": "import sys\nline = 'x' * 1023 + '\\n'\nfor i in range({n}): sys.stdout.write(line)",
}


def rss_mib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def zmtp_peer(port, socket_type):
    """A TCP connection that completes a ZMTP 3.0 NULL handshake."""
    s = socket.create_connection(("127.0.0.1", port))
    greeting = bytes([0xFF] + [0] * 8 + [0x7F, 3, 0]) + b"NULL".ljust(20, b"\0") + bytes(32)
    prop = b"\x0bSocket-Type" + struct.pack(">I", len(socket_type)) + socket_type
    ready = b"\x05READY" + prop
    s.sendall(greeting + bytes([0x04, len(ready)]) + ready)
    return s


def one_run(kernel, mb):
    from jupyter_client.manager import KernelManager

    km = KernelManager(kernel_name=kernel)
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    peers = []
    try:
        deadline = time.perf_counter() + TIMEOUT
        while True:
            try:
                wait_reply(kc, kc.kernel_info(), min(deadline, time.perf_counter() + 1))
                break
            except (TimeoutError, queue.Empty):
                if time.perf_counter() > deadline:
                    raise
        ensure_iopub(kc, deadline)
        pid = km.provisioner.process.pid
        time.sleep(0.5)
        ready = rss_mib(pid)

        info = km.get_connection_info()
        peers = [zmtp_peer(info["shell_port"], b"DEALER") for _ in range(100)]
        time.sleep(1.0)
        wait_reply(kc, kc.kernel_info(), time.perf_counter() + TIMEOUT)
        idle = rss_mib(pid)
        for p in peers:
            p.close()
        peers = []

        sub = zmtp_peer(info["iopub_port"], b"SUB")
        sub.sendall(bytes([0x00, 0x01, 0x01]))  # subscribe to everything; never read
        peers.append(sub)
        time.sleep(0.5)
        peak, done = [0.0], threading.Event()

        def sample():
            while not done.is_set():
                peak[0] = max(peak[0], rss_mib(pid))
                time.sleep(0.02)

        sampler = threading.Thread(target=sample)
        sampler.start()
        msg_id = kc.execute(CELLS[kernel].format(n=mb * 1024))
        got, deadline = 0, time.perf_counter() + TIMEOUT
        while True:
            msg = kc.get_iopub_msg(timeout=max(0.1, deadline - time.perf_counter()))
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            if msg["msg_type"] == "stream":
                got += len(msg["content"]["text"])
            if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                break
        done.set()
        sampler.join()
        if got != mb * 1024 * 1024:
            raise RuntimeError(f"{kernel}: the reading client got {got} of {mb * 1024 * 1024} bytes")
        return ready, idle, peak[0]
    finally:
        for p in peers:
            p.close()
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="kernel starts per kernel (default 3)")
    parser.add_argument("--mb", type=int, default=30, help="MB the cell prints (default 30)")
    parser.add_argument("--goconc-bin", help="use this goconc binary instead of building one")
    parser.add_argument("--baseline", default="python3", help="kernelspec to compare with (default python3)")
    args = parser.parse_args()

    tmp = tempfile.mkdtemp(prefix="goconc-bench-")
    try:
        prepare_goconc(tmp, args.goconc_bin)
        kernels = ["goconc", args.baseline]
        results = {k: {"ready": [], "idle": [], "stalled": []} for k in kernels}
        for run in range(args.runs):
            for kernel in kernels if run % 2 == 0 else reversed(kernels):
                ready, idle, stalled = one_run(kernel, args.mb)
                for key, v in (("ready", ready), ("idle", idle), ("stalled", stalled)):
                    results[kernel][key].append(v)
            print(f"run {run + 1}/{args.runs} done", file=sys.stderr)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    med = {k: {m: statistics.median(v) for m, v in r.items()} for k, r in results.items()}
    print(f"{args.runs} runs, {args.mb} MB output, {os.cpu_count()} CPUs; median resident memory of the kernel process, MiB")
    columns = (("ready", "ready"), ("idle", "100 idle"), ("stalled", "stalled sub"))
    print(f"{'kernel':<12}" + "".join(f"{title:>14}" for _, title in columns))
    for k in kernels:
        print(f"{k:<12}" + "".join(f"{med[k][m]:>14.1f}" for m, _ in columns))
    g, b = med["goconc"], med[args.baseline]
    print(f"{'ratio':<12}" + "".join(f"{g[m] / b[m]:>14.2f}" for m, _ in columns))


if __name__ == "__main__":
    main()
