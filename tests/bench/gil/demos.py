"""Lesson 07's GIL demos on a real CPython, for the side-by-side bench in
main.go. Runs on CPython 2.7 and 3.x; each call prints one JSON object.

    python demos.py DEMO [ARGS...]

DEMO is cpu, io, convoy, lost, switches, connect or runs; see main() for
their arguments.
"""
from __future__ import print_function

import json
import os
import socket
import sys
import threading
import time

now = getattr(time, "perf_counter", time.time)
PY2 = sys.version_info[0] == 2


def emit(**fields):
    fields["version"] = "%d.%d" % sys.version_info[:2]
    print(json.dumps(fields))


def in_threads(targets):
    """Starts a thread per target, waits for all, returns the seconds."""
    threads = [threading.Thread(target=f) for f in targets]
    start = now()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return now() - start


def countdown(k):
    while k > 0:
        k -= 1


def cpu(k):
    """Two countdowns one after the other, then in two threads."""
    start = now()
    countdown(k)
    countdown(k)
    sequential = now() - start
    threaded = in_threads([lambda: countdown(k)] * 2)
    emit(sequential=sequential, threaded=threaded)


def io(threads, calls, seconds):
    def work():
        for _ in range(calls):
            time.sleep(seconds)
    start = now()
    for _ in range(threads):
        work()
    sequential = now() - start
    emit(sequential=sequential, threaded=in_threads([work] * threads))


def convoy(kind, calls):
    """Blocking calls timed alone and then beside a thread that only
    counts. KIND sleep: time.sleep(1 ms); socket: a round trip (send,
    recv) on a socket to an echo in a child process, which answers at
    once; server: the same round trip to an echo that takes 1 ms to
    answer, as a local service would."""
    if kind == "sleep":
        def call():
            time.sleep(0.001)
        close = None
    else:
        mine, theirs = socket.socketpair()
        child = os.fork()
        if child == 0:
            mine.close()
            while True:
                b = theirs.recv(1)
                if not b:
                    os._exit(0)
                if kind == "server":
                    time.sleep(0.001)
                theirs.send(b)
        theirs.close()

        def call():
            mine.send(b"x")
            mine.recv(1)

        def close():
            mine.close()
            os.waitpid(child, 0)
    took = []

    def calls_timed():
        call()  # warm up
        start = now()
        for _ in range(calls):
            call()
        took.append((now() - start) / calls)

    in_threads([calls_timed])
    done = []

    def count():
        k = 0
        while not done:
            k += 1

    busy = threading.Thread(target=count)
    busy.start()
    time.sleep(0.02)
    in_threads([calls_timed])
    done.append(True)
    busy.join()
    if close:
        close()
    emit(alone=took[0], beside_cpu=took[1])


n = 0


def one():
    return 1


def lost(threads, per, variant, interval):
    """n += 1 (variant inc) or n += one() (call), per times in each of
    threads threads, at the given switch (3.x, seconds) or check (2.7,
    bytecodes) interval."""
    global n
    if PY2:
        sys.setcheckinterval(int(interval))
    else:
        sys.setswitchinterval(float(interval))
    n = 0

    def inc():
        global n
        for _ in range(per):
            n += 1

    def call():
        global n
        for _ in range(per):
            n += one()

    in_threads([inc if variant == "inc" else call] * threads)
    emit(n=n, want=threads * per)


def switches(seconds):
    """Two threads that read the clock in a loop: a gap of over 1 ms
    between two readings is a time the other thread held the GIL."""
    gaps = []
    end = now() + seconds

    def watch():
        mine = 0
        last = now()
        while last < end:
            t = now()
            if t - last > 1e-3:
                mine += 1
            last = t
        gaps.append(mine)

    in_threads([watch, watch])
    emit(per_second=sum(gaps) / seconds)


def connect():
    """JD's demo; a 50 ms sleep stands for the connect to python.org."""
    said = []

    def do_connect():
        s = socket.socket()
        said.append("connecting")
        time.sleep(0.05)
        said.append("connected")
        s.close()

    in_threads([do_connect] * 2)
    emit(order=", ".join(said))


def runs(outer, inner):
    """JD's demo: two CPU-bound threads each print their name after every
    outer iteration."""
    said = []

    def work(name):
        for _ in range(outer):
            for _ in range(inner):
                pass
            said.append(name)

    in_threads([lambda: work("0"), lambda: work("1")])
    emit(output="".join(said))


def main():
    demo, args = sys.argv[1], sys.argv[2:]
    if demo == "cpu":
        cpu(int(args[0]))
    elif demo == "io":
        io(int(args[0]), int(args[1]), float(args[2]))
    elif demo == "convoy":
        convoy(args[0], int(args[1]))
    elif demo == "lost":
        lost(int(args[0]), int(args[1]), args[2], float(args[3]))
    elif demo == "switches":
        switches(float(args[0]))
    elif demo == "connect":
        connect()
    elif demo == "runs":
        runs(int(args[0]), int(args[1]))
    else:
        raise SystemExit("unknown demo " + demo)


if __name__ == "__main__":
    main()
