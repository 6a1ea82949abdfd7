#!/usr/bin/python3
"""Parallel speedup of a CPU-bound cell through the goconc kernel.

Usage (from the repository root, with Debian's Jupyter installed):

    /usr/bin/python3 tests/bench/primes.py [--runs 7] [--limit 300000]

Counts the primes below --limit by trial division, once in one goroutine
and once split across two, in cells run through jupyter_client over
ZeroMQ. The two cells take turns, --runs times each; each cell times its
own work. Prints the median of each and the speedup, serial/parallel. On
two cores the goal is at least 1.7x.
"""

import argparse
import os
import re
import statistics
import sys
import tempfile

import jupyter_client

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from startup_roundtrip import prepare_goconc  # noqa: E402

SETUP = """
import ("fmt"; "sync"; "time")

func isPrime(n int) bool {
	if n < 2 {
		return false
	}
	for d := 2; d*d <= n; d++ {
		if n%d == 0 {
			return false
		}
	}
	return true
}

func countPrimes(lo, hi int) int {
	c := 0
	for n := lo; n < hi; n++ {
		if isPrime(n) {
			c++
		}
	}
	return c
}
"""

SERIAL = """
start := time.Now()
total := countPrimes(0, {limit})
fmt.Println("elapsed_ms", time.Since(start).Milliseconds(), "primes", total)
"""

PARALLEL = """
start := time.Now()
var wg sync.WaitGroup
parts := make([]int, 2)
// Blocks of 1,000 numbers dealt alternately, so that both goroutines
// get equal work (dealing single numbers would give one all the evens).
for w := 0; w < 2; w++ {{
	wg.Add(1)
	go func() {{
		defer wg.Done()
		c := 0
		for lo := w * 1000; lo < {limit}; lo += 2000 {{
			c += countPrimes(lo, min(lo+1000, {limit}))
		}}
		parts[w] = c
	}}()
}}
wg.Wait()
fmt.Println("elapsed_ms", time.Since(start).Milliseconds(), "primes", parts[0]+parts[1])
"""


def run_cell(kc, code):
    out = []

    def hook(msg):
        if msg["msg_type"] == "stream":
            out.append(msg["content"]["text"])
        elif msg["msg_type"] == "error":
            out.append("\n".join(msg["content"]["traceback"]))

    reply = kc.execute_interactive(code, output_hook=hook, timeout=600)
    text = "".join(out)
    if reply["content"]["status"] != "ok":
        raise RuntimeError(f"cell failed: {text}")
    return text


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--limit", type=int, default=300000)
    ap.add_argument("--goconc-bin")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        prepare_goconc(tmp, args.goconc_bin)
        km, kc = jupyter_client.manager.start_new_kernel(kernel_name="goconc")
        try:
            run_cell(kc, SETUP)
            serial, parallel = [], []
            counts = set()
            for _ in range(args.runs):
                for cell, times in ((SERIAL, serial), (PARALLEL, parallel)):
                    text = run_cell(kc, cell.format(limit=args.limit))
                    m = re.search(r"elapsed_ms (\d+) primes (\d+)", text)
                    times.append(int(m.group(1)))
                    counts.add(int(m.group(2)))
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=True)
    if len(counts) != 1:
        sys.exit(f"the cells disagree on the count: {sorted(counts)}")
    s, p = statistics.median(serial), statistics.median(parallel)
    print(f"primes below {args.limit}: {counts.pop()}; {args.runs} runs each, interleaved")
    print(f"serial   median {s:.0f} ms  {serial}")
    print(f"parallel median {p:.0f} ms  {parallel}")
    print(f"speedup  {s / p:.2f}x (goal: at least 1.7x on 2 cores; os.cpu_count()={os.cpu_count()})")


if __name__ == "__main__":
    main()
