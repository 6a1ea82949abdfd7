#!/usr/bin/python3
"""Round trips of %%native and %%race cells beside go run of the same program.

Usage (from the repository root, with Debian's Jupyter installed):

    /usr/bin/python3 tests/bench/native_roundtrip.py [--runs 5] [--no-cold]

Through the goconc kernel over ZeroMQ (jupyter_client), from execute_request
to execute_reply and idle, for a 30-line cell (a mutex-guarded counter with
four goroutines), each with `go run` / `go run -race` of the same program as
a file, taking turns in the same run so that both see the same load:

  warm, edited   the cell with a constant changed each time, so that it is
                 really built (the build cache holds everything else); go run
                 of the file changed the same way
  warm, again    the same cell run again (goconc reuses the program it built);
                 go run of the unchanged file
  trivial        a `%%native` cell printing one line (GoNB, measured on this
                 kind of machine: 210 ms per trivial cell)
  cold           once, with an empty Go build cache (GOCACHE) and goconc cache
                 for both sides: the first native cell of a fresh machine
                 without goconc warm

It prints medians in ms and the ratios goconc / go run.
"""

import argparse
import os
import pathlib
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from startup_roundtrip import ensure_iopub, prepare_goconc, wait_idle, wait_reply  # noqa: E402

TIMEOUT = 900.0  # a cold race build on a loaded 2-core machine takes minutes
GONB_TRIVIAL_MS = 210.0

DECLS = """import (
	"fmt"
	"sync"
)

const workers = 4
const seed = {seed}

type Counter struct {
	mu sync.Mutex
	n  int
}

func (c *Counter) Add(d int) {
	c.mu.Lock()
	c.n += d
	c.mu.Unlock()
}

func work(c *Counter, wg *sync.WaitGroup, id int) {
	defer wg.Done()
	for i := 0; i < 1000; i++ {
		c.Add(1)
	}
}
"""
STMTS = """var c Counter
var wg sync.WaitGroup
for id := 0; id < workers; id++ {
	wg.Add(1)
	go work(&c, &wg, id+seed)
}
wg.Wait()
fmt.Println("total:", c.n)
"""
TRIVIAL = '%%native\nimport "fmt"\nfmt.Println("hello")\n'


def cell(magic, seed):
    return f"%%{magic}\n" + DECLS.replace("{seed}", str(seed)) + STMTS


def program(seed):
    body = "\n".join("\t" + line if line else "" for line in STMTS.splitlines())
    return "package main\n\n" + DECLS.replace("{seed}", str(seed)) + "\nfunc main() {\n" + body + "\n}\n"


class Kernel:
    def __init__(self, env=None):
        from jupyter_client.manager import KernelManager

        self.km = KernelManager(kernel_name="goconc")
        self.km.start_kernel(env={**os.environ, **(env or {})})
        self.kc = self.km.client()
        self.kc.start_channels()
        self.kc.wait_for_ready(timeout=60)
        ensure_iopub(self.kc, time.perf_counter() + 60)

    def trip(self, code):
        start = time.perf_counter()
        deadline = start + TIMEOUT
        msg_id = self.kc.execute(code)
        reply = wait_reply(self.kc, msg_id, deadline)
        wait_idle(self.kc, msg_id, deadline)
        elapsed = time.perf_counter() - start
        if reply["content"]["status"] != "ok":
            raise RuntimeError(f"cell failed: {reply['content']}")
        return elapsed

    def close(self):
        self.kc.stop_channels()
        self.km.shutdown_kernel(now=False)


def go_run(tmp, race, seed, env=None):
    path = os.path.join(tmp, f"prog{seed}.go")
    with open(path, "w") as f:
        f.write(program(seed))
    go = shutil.which("go") or "/usr/local/go/bin/go"
    cmd = [go, "run"] + (["-race"] if race else []) + [path]
    start = time.perf_counter()
    out = subprocess.run(cmd, cwd=tmp, env={**os.environ, **(env or {})}, capture_output=True, text=True,
                         timeout=TIMEOUT)
    elapsed = time.perf_counter() - start
    if out.returncode != 0 or "total: 4000" not in out.stdout:
        raise RuntimeError(f"go run failed: {out.stderr}")
    return elapsed


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="interleaved runs of each warm measure (default 5)")
    parser.add_argument("--no-cold", action="store_true", help="skip the cold (empty cache) measures")
    parser.add_argument("--goconc-bin", help="use this goconc binary instead of building one")
    args = parser.parse_args()

    tmp = tempfile.mkdtemp(prefix="goconc-native-bench-")
    results = {}

    def record(name, goconc, gorun):
        results.setdefault(name, ([], []))
        results[name][0].append(goconc)
        if gorun is not None:
            results[name][1].append(gorun)

    try:
        prepare_goconc(tmp, args.goconc_bin)
        if not args.no_cold:
            for race in (False, True):
                magic = "race" if race else "native"
                env = {"GOCACHE": os.path.join(tmp, f"cold-gocache-k{magic}"),
                       "XDG_CACHE_HOME": os.path.join(tmp, f"cold-xdg-{magic}")}
                k = Kernel(env)
                try:
                    ours = k.trip(cell(magic, 1))
                finally:
                    k.close()
                theirs = go_run(tmp, race, 1, {"GOCACHE": os.path.join(tmp, f"cold-gocache-g{magic}")})
                record(f"%%{magic} cold", ours, theirs)
                print(f"cold %%{magic} done", file=sys.stderr)

        k = Kernel()
        try:
            k.trip(cell("native", 0))  # writes the build module, warms
            k.trip(cell("race", 0))
            go_run(tmp, False, 0)
            go_run(tmp, True, 0)
            # Programs are kept across kernels by their source: seeds new
            # to this invocation make the edited cells really build.
            base = time.time_ns() % 10**12 * 100
            for run in range(args.runs):
                seed = base + run
                for race in (False, True):
                    magic = "race" if race else "native"
                    pair = [lambda: k.trip(cell(magic, seed)), lambda: go_run(tmp, race, seed)]
                    if run % 2:
                        theirs, ours = pair[1](), pair[0]()
                    else:
                        ours, theirs = pair[0](), pair[1]()
                    record(f"%%{magic} warm, edited", ours, theirs)
                    ours = k.trip(cell(magic, seed))
                    theirs = go_run(tmp, race, seed)
                    record(f"%%{magic} warm, again", ours, theirs)
                record("%%native trivial", k.trip(TRIVIAL), None)
                print(f"run {run + 1}/{args.runs} done", file=sys.stderr)
        finally:
            k.close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    cold = "" if args.no_cold else " (cold: 1)"
    print(f"{args.runs} interleaved runs{cold}, 30-line cell, {os.cpu_count()} CPUs; medians in ms")
    print(f"{'measure':<24}{'goconc':>10}{'go run':>10}{'ratio':>8}")
    for name, (ours, theirs) in results.items():
        o = statistics.median(ours) * 1000
        if theirs:
            t = statistics.median(theirs) * 1000
            print(f"{name:<24}{o:>10.0f}{t:>10.0f}{o / t:>8.2f}")
        else:
            print(f"{name:<24}{o:>10.0f}{GONB_TRIVIAL_MS:>10.0f}{o / GONB_TRIVIAL_MS:>8.2f}  (vs GoNB's 210 ms)")


if __name__ == "__main__":
    main()
