"""The course outline, lesson by lesson, and where each item is shown.

Each lesson notebook is mapped to the items the course outline lists for
it (the talks' ideas, demos and numbers). An item is either measured
(its figures are the notebook's `figure:` lines whose names start with
one of the item's prefixes), or shown without a figure (a demo whose
point is not a number: the notebook section is named), or not shown, with
the reason. tests/bench/lessons.py --markdown prints this as one table
per lesson; tests/e2e/test_notebook_prose.py checks that every figure a
committed notebook prints belongs to exactly one item, and that every
item's prefixes match a figure.
"""

from dataclasses import dataclass, field


@dataclass
class Item:
    text: str                  # the outline item, shortened
    figures: list = field(default_factory=list)  # figure-name prefixes
    shown: str = ""            # where it is shown, when no figure measures it
    talk: str = ""             # the talk's figure or claim, when no figure line carries it
    not_shown: str = ""        # why it is not shown


OUTLINE = {
    "00-why-concurrency": [
        Item("Clock rates flat since about 2005, cores instead (SB, BV)",
             shown="section 1: chart of clock rate and cores by year; this machine's cores"),
        Item("Concurrency vs parallelism (AB, JD; not HM's); Go: structure vs execution",
             shown="described, section 2: definitions, Pike's summary, JD's kitchen, HM's boxes (an analogy has nothing to run)"),
        Item("Latency ladder in human time (SB)", figures=["latency ladder, "]),
        Item("CPU-bound vs I/O-bound decides every later choice",
             shown="described, section 3, after the ladder; measured in lessons 01 (I/O), 07 and 10 (CPU)"),
        Item("L1-L5 dependencies: what runs in parallel, what waits (BV)", figures=["BV's L1-L5"]),
        Item("Ray tracing 1 h vs 0.5 h: embarrassingly parallel (BV)",
             figures=["embarrassingly parallel render"]),
        Item("Time slices, preemptive vs cooperative, context switches (AB); Go's own preemption",
             figures=["mean time slice of a CPU-bound goroutine", "a goroutine beside a loop, ",
                      "context switch between two processes", "switch between two goroutines, ",
                      "process switch / goroutine switch"],
             shown="section 5: Go's preemption measured and drawn; cooperative multitasking measured with "
                   "Go's preemption off, on, and runtime.Gosched; a process switch against a goroutine switch"),
        Item("The OS's slices: Windows 15.6 ms tick, XP 15-60 ms, server 120 ms; Linux 4 ms / 10 ms (AB)",
             figures=["mean OS time slice"],
             shown="section 5: Linux measured with two processes on one core; Windows' figures only quoted"),
    ],
    "01-goroutines": [
        Item("Start and wait: go + sync.WaitGroup, wg.Go", shown="section 1: wrong (main returns), then WaitGroup and wg.Go"),
        Item("No is_alive(), name or ident: pass an id, a done channel",
             shown="section 2: ids, done channel, a goroutine that never stops, interrupted"),
        Item("Arguments and closures; the Go 1.22 loop variable", shown="section 3: shared variable, then per-iteration i"),
        Item("Order is not deterministic (BV's Thread-1, Thread-3)", shown="section 4: 10 goroutines printing"),
        Item("SB's three exchanges at 2 s each", figures=["three exchanges, ", "speedup of three concurrent requests"]),
        Item("OS threads: 100 threads x 1 MB of stack = 100 MB (AB)",
             figures=["one OS thread started (CPython)", "100 OS threads (CPython)"]),
        Item("Goroutines are cheap: spawn 100,000 and time it",
             figures=["start and finish ", "one goroutine started", "stack memory per parked goroutine",
                      "start 100,000 parked goroutines", "100,000 goroutines' stacks"]),
    ],
    "02-races": [
        Item("SB's counter, 10 x 1,000: other totals, a right one proves nothing",
             figures=["counter, 10 x 1,000 racy increments", "counter, 10 x 100,000 racy increments"],
             shown="section 1: five runs of 10 x 1,000, then of 10 x 100,000"),
        Item("BV's bank: 11.000 expected, 9.000 after the lost update", figures=["BV's bank, "]),
        Item("AB's flipped boolean; more cores make it worse", figures=["flip-a-boolean surprises"]),
        Item("GOMAXPROCS(1) vs all cores; the race detector finds a race the total hides",
             figures=["counter updates lost in 3 runs", "the 10 x 1,000 counter under the race detector",
                      "the locked 10 x 1,000 counter under the race detector"]),
        Item("concurrent map writes stops the program; the kernel survives",
             shown="section 5: fatal error in the cell, then the next cell runs"),
    ],
    "03-locks": [
        Item("Mutex and defer as with lock:; TryLock; a timeout with a channel lock",
             figures=["SB's counter with a lock"], shown="section 2, wrong 4: ChanLock.TryLockFor"),
        Item("SB's four ways to get locks wrong; a panic between Lock and Unlock",
             shown="section 2: separate locks, the panic hang and defer, locking twice, waiting for ever"),
        Item("BV's interleaved Hello World lines, then clean", shown="section 3"),
        Item("RWMutex, sync/atomic; no RLock twin (no reentrant mutex)",
             figures=["4 readers x 10 reads of 5 ms"], shown="section 2, wrong 3: why Go has no reentrant lock"),
        Item("Keep the critical section small; the cost of contention",
             figures=["ns per increment", "40 items of 5 ms"]),
    ],
    "04-deadlocks": [
        Item("SB's bank: drift with no lock; $2,000 over 1,000,000 ordered transfers; opposite order hangs",
             figures=["totals after 2 x 100,000 transfers with no lock",
                      "total after 1,000,000 locked transfers", "time per locked transfer",
                      "total while deadlocked (compiled)", "compiled Go, 1,000,000 ordered transfers"],
),
        Item("Prevention: a global lock order; TryLock back-off and retry; its cost",
             figures=["TryLock retries", "time with TryLock back-off", "compiled Go, TryLock back-off"]),
        Item("all goroutines are asleep - deadlock!; starvation (BV)", figures=["turns in 0.5 s"],
             shown="section 3: the compiled program's deadlock report"),
        Item("The kernel's deadlock report: who holds what, waits for what",
             figures=["total while deadlocked (kernel)"]),
    ],
    "05-signals": [
        Item("sync.Cond: BV's producer, five items, five consumers", figures=["BV's Cond queue"]),
        Item("Event: close(ch) wakes every waiter; re-arm with a new channel",
             shown="section 2: waiters' wake-up times, a second close panics, a new channel"),
        Item("Semaphore: HM's 9 holders, 10 requests at a time; bounded over-release",
             figures=["semaphore of 9", "93 requests, "], shown="section 3: semaphore.Weighted over-release panics"),
        Item("Timer: HM's 30 s timer that fired at 31-32 s", figures=["timer of ", "HM's 30 s timer"]),
        Item("sync.Once; a barrier from WaitGroup or Cond", figures=["flag without a lock", "sync.Once"],
             shown="section 5: a barrier over four rounds"),
    ],
    "06-producer-consumer": [
        Item("Channels as the queue: FIFO, Queue(maxsize), block=False, timeout=",
             shown="section 1: buffered channel, select default, time.After"),
        Item("Closing as the sentinel (BV's 'end' per worker); empty means done only when all is queued",
             figures=["BV's queue, ", "empty means done", "close as the sentinel"]),
        Item("SB's 1,023 price requests, a pool of workers, a results channel",
             figures=["SB's run, ", "1,023 requests, "]),
        Item("BV's URL fetcher: 1, 3, 6, 12 workers for 6 hosts", figures=["6 URLs, "]),
        Item("JD's 101 URLs: 10 workers vs 100", figures=["101 URLs, "]),
    ],
    "07-gil": [
        Item("One lock, born locked; one thread runs Python at a time (JD)",
             shown="the simulator's timeline of who holds the GIL"),
        Item("Cooperative release around blocking I/O (JD's sock_connect)", figures=["JD's connect, "]),
        Item("Preemptive release: 100 bytecodes (not 1,000), 5 ms (not 15 ms); JD's runs of 0s and 1s",
             figures=["Python 2 check interval", "switch interval, ", "JD's runs, "]),
        Item("n += 1 is four bytecodes: 1,000 threads give 1000, 999, 998; a lock fixes it",
             figures=["JD's race, ", "10 x 100,000 in a loop"]),
        Item("CPU-bound: SB's primes 3.84 s / 4.02 s / 0.76 s; real speedup with goroutines",
             figures=["SB's primes, "]),
        Item("I/O-bound under the GIL: 1 exchange 0.8 s, 3 in threads 0.84 s (SB)",
             figures=["SB's exchanges, "]),
        Item("The convoy effect", figures=["convoy, "]),
        Item("C extensions release the GIL (AB); a timeline of who holds it",
             figures=["C code without the GIL"]),
    ],
    "08-processes": [
        Item("No fork without exec: a child is os/exec running a program",
             figures=["starting a Go child process", "starting a goroutine"]),
        Item("Processes share no memory: BV's 3 x processed 6 items",
             figures=["3 goroutines sharing the list", "3 processes, each"]),
        Item("Pipes carry bytes: JD's pipe sum, HM's 64 KB buffer, BV's pipe demo",
             figures=["BV's pipe demo", "pipe buffer", "sum of 10,000,000 ones", "starting 10 Go child processes"],
             shown="section 3: a parent that hangs on a full pipe, and the fix"),
        Item("A work queue across processes with sentinels (BV: 1, 5, 0); a pool of N processes",
             figures=["6 items over 3 worker processes"]),
        Item("Orphans and zombies: stop children gracefully, then forcefully (HM)",
             shown="section 6: SIGTERM, grace period, SIGKILL; parent-death signal"),
    ],
    "09-executors": [
        Item("A pool with Submit and futures (Result, Done, Cancel), Map, AsCompleted; errgroup, context",
             figures=["three prices, "], shown="sections 2 and 5: executor.Pool, errgroup.SetLimit, cancellation"),
        Item("SB's as_completed: the completion order changes between runs",
             figures=["as_completed over 11 exchanges"]),
        Item("A goroutine pool swapped for a process pool behind one interface",
             figures=["primes below 160,000, "]),
        Item("Errors: one failure fails the map; parallel's silent=True collects failed tasks",
             shown="section 4: executor.Map and executor.MapCollect"),
    ],
    "10-choosing": [
        Item("Do you need concurrency at all?", figures=["sum of 1,000,000 numbers"]),
        Item("I/O-bound: goroutines", figures=["11 prices, one "]),
        Item("CPU-bound: parallel goroutines (in Python: processes)", figures=["primes below 150,000"]),
        Item("Highest abstraction first; measure", figures=["11 prices, executor.Map"],
             shown="section 4: the ladder from library call to mutex; the table of choices"),
    ],
}


def item_for(lesson, name):
    """The outline item of lesson whose longest prefix starts name, or None."""
    best, best_len = None, -1
    for item in OUTLINE.get(lesson, []):
        for prefix in item.figures:
            if name.startswith(prefix) and len(prefix) > best_len:
                best, best_len = item, len(prefix)
    return best
